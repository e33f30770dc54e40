"""/my/data/: a person reads their data on a page, downloads it as JSON, and deletes their
account — in three languages, and reachable even while a new privacy notice awaits consent."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, PersonalDataRequest, User
from techbridge.accounts.tests.factories import UserFactory
from techbridge.notifications.models import Notification

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


# The organisation's name was entered in 简体 only: 繁體 pages convert its script.
ORGANISATION = {"en": "测试重庆企业", "zh-hant": "測試重慶企業", "zh-hans": "测试重庆企业"}


@pytest.mark.parametrize(
    ("language", "heading", "delete_label"),
    [
        ("en", "Your personal data", "Delete my account for good"),
        ("zh-hant", "您的個人資料", "永久刪除我的帳戶"),
        ("zh-hans", "您的个人信息", "永久删除我的账户"),
    ],
)
def test_the_page_shows_the_persons_data_in_their_language(
    client: Client, outsider: User, language: str, heading: str, delete_label: str
) -> None:
    client.force_login(outsider)
    page = client.get(f"/{language}/my/data/")
    assert page.status_code == 200
    content = page.content.decode()
    assert heading in content and delete_label in content
    assert "outsider@cq.example.org" in content and ORGANISATION[language] in content
    assert not PersonalDataRequest.objects.exists()  # reading the page is not a download


@pytest.mark.parametrize(
    ("language", "kind", "preferred", "comma"),
    [
        ("en", "Someone expresses interest in your listing", "Simplified Chinese", ", "),
        ("zh-hant", "有人對您的項目表達意向", "簡體中文", "、"),
        ("zh-hans", "有人对您的项目表达意向", "简体中文", "、"),
    ],
)
def test_the_page_reads_codes_as_words_and_the_download_keeps_the_codes(
    client: Client, outsider: User, language: str, kind: str, preferred: str, comma: str
) -> None:
    Notification.objects.create(
        recipient=outsider, kind="interest_expressed", link="/deals/1/", delivery="immediate"
    )
    client.force_login(outsider)
    content = client.get(f"/{language}/my/data/").content.decode()
    notifications = content[content.index('id="data-notifications"') :]
    assert kind in notifications and "interest_expressed" not in content
    profile = content[content.index('id="data-profile"') :].split("</section>")[0]
    assert preferred in profile and "zh-hans" not in profile
    # The organisation by its name, not its short name.
    memberships = content[content.index('id="data-memberships"') :]
    assert ORGANISATION[language] in memberships.split("</section>")[0]
    assert "test-cq-co" not in content
    # The sections with nothing in them, listed as the language lists.
    nothing = content[content.index('id="data-none"') :].split("</p>")[0]
    assert comma in nothing and (", " not in nothing if comma != ", " else "、" not in nothing)
    exported = json.loads(client.post("/en/my/data/download/").content)["data"]
    assert exported["notifications"][0]["kind"] == "interest_expressed"
    assert exported["profile"][0]["preferred_language"] == "zh-hans"


def test_the_download_is_json_of_ones_own_data_only(
    client: Client, outsider: User, officer: User
) -> None:
    client.force_login(outsider)
    assert client.get("/en/my/data/download/").status_code == 405  # a download is a POST
    response = client.post("/en/my/data/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="techbridge-my-data-')
    exported = json.loads(response.content)
    assert exported["format"] == "techbridge-personal-data/1"
    assert exported["data"]["profile"][0]["email"] == "outsider@cq.example.org"
    assert "officer@hk.example.org" not in response.content.decode()
    assert PersonalDataRequest.objects.get().user_id_number == outsider.pk


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    for method, path in (("get", "/en/my/data/"), ("post", "/en/my/data/download/")):
        response = getattr(client, method)(path)
        assert response.status_code == 302 and "/en/login/" in response["Location"]
    assert client.post("/en/my/data/delete/", {"password": PASSWORD}).status_code == 302
    assert not PersonalDataRequest.objects.exists()


def test_deleting_needs_the_password_and_the_acknowledgement(client: Client, officer: User) -> None:
    client.force_login(officer)
    wrong = client.post("/zh-hans/my/data/delete/", {"password": "nope", "understood": "on"})
    assert wrong.status_code == 400 and "密码不正确" in wrong.content.decode()
    unticked = client.post("/en/my/data/delete/", {"password": PASSWORD})
    assert unticked.status_code == 400
    kept = User.objects.get(pk=officer.pk)
    assert kept.erased_at is None and kept.email == "officer@hk.example.org"
    assert client.get("/en/my/data/").status_code == 200  # still signed in


def test_deleting_signs_out_and_the_old_login_no_longer_works(
    client: Client, officer: User
) -> None:
    client.force_login(officer)
    response = client.post("/en/my/data/delete/", {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 302 and response["Location"] == "/en/account-deleted/"
    assert "Your account has been deleted" in client.get("/en/account-deleted/").content.decode()
    assert client.get("/en/my/data/").status_code == 302  # signed out
    assert not client.login(email="officer@hk.example.org", password=PASSWORD)
    assert User.objects.get(pk=officer.pk).erased_at is not None


def test_the_last_administrator_is_told_to_hand_over_first(
    client: Client, outsider: User, cq_enterprise: Organisation
) -> None:
    colleague = UserFactory.create(email="colleague@cq.example.org")
    cq_enterprise.memberships.create(user=colleague, role="member")
    client.force_login(outsider)
    page = client.get("/en/my/data/").content.decode()
    assert "You are the only administrator of:" in page
    response = client.post("/en/my/data/delete/", {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 400
    assert User.objects.get(pk=outsider.pk).erased_at is None


def test_the_page_stays_reachable_while_a_new_notice_awaits_consent(
    client: Client, settings: object
) -> None:
    user = UserFactory.create(email="late@example.org", consented=False)
    assert client.login(email="late@example.org", password=PASSWORD)
    assert client.get("/en/my/deals/").status_code == 302  # asked for consent first
    assert client.get("/en/my/data/").status_code == 200
    assert User.objects.get(pk=user.pk).erased_at is None
