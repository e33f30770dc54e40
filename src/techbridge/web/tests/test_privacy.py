"""Personal data under PDPO and PIPL: a versioned privacy notice in three languages, consent
recorded at sign-up (version, time, language), a separate cross-border consent for mainland
residents, and a new notice version asked again at the next log-in."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from techbridge.accounts.models import PrivacyConsent, User
from techbridge.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase 42"


def _sign_up(client: Client, **changes: str) -> Any:
    data = {
        "email": "lin.wei@cq.example.cn",
        "full_name": "林伟",
        "preferred_language": "zh-hans",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "residence_region": "cq",
        "accept_privacy": "on",
        "accept_cross_border": "on",
        **changes,
    }
    data = {name: value for name, value in data.items() if value != "-"}
    return client.post("/zh-hans/signup/", data)


@pytest.mark.parametrize(
    ("language", "heading", "law", "label", "shown"),
    [
        ("en", "What we collect", "Personal Information Protection Law", "Version ", "15 Jan 2027"),
        ("zh-hant", "我們收集甚麼資料", "個人資料（私隱）條例", "版本：", "2027年1月15日"),
        ("zh-hans", "我们收集哪些信息", "个人信息保护法", "版本：", "2027年1月15日"),
    ],
)
def test_the_notice_is_versioned_and_in_three_languages(
    client: Client, settings: Any, language: str, heading: str, law: str, label: str, shown: str
) -> None:
    settings.TECHBRIDGE_PRIVACY_NOTICE_VERSION = "2027-01-15"
    settings.TECHBRIDGE_DATA_LOCATION = "Hong Kong"
    page = client.get(f"/{language}/privacy/")
    assert page.status_code == 200
    content = page.content.decode()
    assert heading in content and law in content
    # The version, a date, is written as the language writes dates (not 2027-01-15).
    assert f'{label}<time datetime="2027-01-15">{shown}</time>.' in content or (
        f'{label}<time datetime="2027-01-15">{shown}</time>。' in content
    )


def test_a_notice_version_that_is_not_a_date_is_shown_as_it_is(
    client: Client, settings: Any
) -> None:
    settings.TECHBRIDGE_PRIVACY_NOTICE_VERSION = "3b"
    content = client.get("/zh-hant/privacy/").content.decode()
    assert "版本：3b。" in content


def test_sign_up_records_both_consents_of_a_mainland_resident(client: Client) -> None:
    assert _sign_up(client).status_code == 200
    user = User.objects.get(email="lin.wei@cq.example.cn")
    assert user.residence_region == "cq"
    consents = PrivacyConsent.objects.filter(user=user).order_by("kind")
    assert [(c.kind, c.version, c.language) for c in consents] == [
        ("cross_border", "2026-12-05", "zh-hans"),
        ("notice", "2026-12-05", "zh-hans"),
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"accept_privacy": "-"}, "accept_privacy"),
        ({"accept_cross_border": "-"}, "accept_cross_border"),
        ({"residence_region": ""}, "residence_region"),
    ],
)
def test_sign_up_without_a_required_consent_creates_nothing(
    client: Client, changes: dict[str, str], field: str
) -> None:
    response = _sign_up(client, **changes)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not User.objects.exists() and not PrivacyConsent.objects.exists()


def test_a_hong_kong_resident_is_not_asked_for_cross_border_consent(client: Client) -> None:
    _sign_up(client, residence_region="hk", accept_cross_border="-")
    user = User.objects.get()
    kinds = list(PrivacyConsent.objects.filter(user=user).values_list("kind", flat=True))
    assert kinds == ["notice"]


def test_a_new_notice_version_is_asked_at_the_next_log_in(client: Client, settings: Any) -> None:
    user = UserFactory.create(email="kt@hku.example.org")
    client.force_login(user)
    assert client.get("/en/my/deals/").status_code == 200  # current consent: no question

    settings.TECHBRIDGE_PRIVACY_NOTICE_VERSION = "2027-06-01"
    client.logout()
    client.force_login(user)
    asked = client.get("/en/my/deals/")
    assert (asked.status_code, asked["Location"]) == (
        302,
        "/en/privacy/consent/?next=%2Fen%2Fmy%2Fdeals%2F",
    )
    assert client.get("/en/privacy/").status_code == 200  # the notice stays readable
    question = client.get("/zh-hans/privacy/consent/").content.decode()
    assert '隐私政策（版本：<time datetime="2027-06-01">2027年6月1日</time>）已更新' in question

    refused = client.post(
        "/en/privacy/consent/", {"residence_region": "hk", "next": "/en/my/deals/"}
    )
    assert refused.status_code == 400
    assert not PrivacyConsent.objects.filter(user=user, version="2027-06-01").exists()
    assert client.get("/en/my/deals/").status_code == 302

    given = client.post(
        "/en/privacy/consent/",
        {"residence_region": "hk", "accept_privacy": "on", "next": "https://evil.example/"},
    )
    assert (given.status_code, given["Location"]) == (302, "/en/")
    # A bare word passes Django's host check as a relative address; it is no page (was a 500).
    settings.TECHBRIDGE_PRIVACY_NOTICE_VERSION = "2027-07-01"
    again = client.post(
        "/en/privacy/consent/", {"residence_region": "hk", "accept_privacy": "on", "next": "x1"}
    )
    assert (again.status_code, again["Location"]) == (302, "/en/")
    consent = PrivacyConsent.objects.get(user=user, version="2027-06-01")
    assert (consent.kind, consent.language) == ("notice", "en")
    assert client.get("/en/my/deals/").status_code == 200


def test_an_account_without_region_or_consent_is_asked_before_anything(client: Client) -> None:
    user = UserFactory.create(email="old@hku.example.org", residence_region="", consented=False)
    client.force_login(user)
    assert client.get("/en/").status_code == 302
    page = client.get("/en/privacy/consent/").content.decode()
    assert 'name="residence_region"' in page and 'name="accept_cross_border"' in page
    client.post(
        "/en/privacy/consent/",
        {"residence_region": "mainland", "accept_privacy": "on", "accept_cross_border": "on"},
    )
    user.refresh_from_db()
    assert user.residence_region == "mainland"
    assert sorted(PrivacyConsent.objects.filter(user=user).values_list("kind", flat=True)) == [
        "cross_border",
        "notice",
    ]
    assert client.get("/en/").status_code == 200


def test_the_page_asked_for_comes_back_whole_after_consent(client: Client) -> None:
    user = UserFactory.create(email="booker@hku.example.org", consented=False)
    client.force_login(user)
    wanted = "/en/instruments/?week=2027-01-04&starts_at=2027-01-05T09:00"
    asked = client.get(wanted)
    assert asked.status_code == 302
    form = client.get(asked["Location"]).content.decode()
    assert 'value="/en/instruments/?week=2027-01-04&amp;starts_at=2027-01-05T09:00"' in form
    given = client.post(
        "/en/privacy/consent/",
        {"residence_region": "hk", "accept_privacy": "on", "next": wanted},
    )
    assert (given.status_code, given["Location"]) == (302, wanted)
