"""Sign-up with e-mail verification, throttled log-in and limited password reset."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from techbridge.accounts.models import AccessAttempt, User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passphrase-42"


def _url(name: str, language: str = "en", *args: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _sign_up(client: Client, language: str = "zh-hans", **changes: str) -> object:
    data = {
        "email": "Lin.Wei@CQ.example.cn",
        "full_name": "林伟",
        "preferred_language": language,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "residence_region": "cq",
        "accept_privacy": "on",
        "accept_cross_border": "on",
        **changes,
    }
    return client.post(_url("web:signup", language), data)


def test_sign_up_verify_then_log_in(client: Client) -> None:
    response = _sign_up(client)
    assert response.status_code == 200  # type: ignore[attr-defined]
    user = User.objects.get()
    assert (user.email, user.is_active, user.preferred_language) == (
        "lin.wei@cq.example.cn",
        False,
        "zh-hans",
    )
    assert not client.login(username=user.email, password=PASSWORD)  # inactive until verified

    [message] = mail.outbox
    assert message.to == ["lin.wei@cq.example.cn"]
    assert message.subject == "确认您在 techbridge 的电子邮件地址"
    link = re.search(r"http://testserver(/\S+)", str(message.body))
    assert link is not None
    response = client.get(link.group(1))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_errors_are_translated_and_create_nothing(client: Client) -> None:
    response = _sign_up(client, password2="something-else-42")
    assert "两次输入的密码不一致" in response.content.decode()  # type: ignore[attr-defined]
    response = _sign_up(client, password1="12345678901", password2="12345678901")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert not User.objects.exists()
    assert mail.outbox == []


def test_second_sign_up_with_the_same_address_is_refused(client: Client) -> None:
    _sign_up(client)
    response = _sign_up(client, email="lin.wei@cq.example.cn", full_name="Someone else")
    assert "此电子邮件地址已有账户" in response.content.decode()  # type: ignore[attr-defined]
    assert User.objects.get().full_name == "林伟"
    assert len(mail.outbox) == 1


def test_tampered_or_expired_link_activates_nothing(client: Client) -> None:
    _sign_up(client)
    link = re.search(r"http://testserver(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    tampered = link.group(1).rstrip("/") + "x/"
    assert client.get(tampered).status_code == 400
    with freeze_time(timezone.now() + timedelta(days=4)):
        response = client.get(link.group(1))
    assert response.status_code == 400
    assert not User.objects.get().is_active


def test_sixth_failure_within_thirty_minutes_is_refused_with_retry_after(
    client: Client, officer: User
) -> None:
    officer.set_password(PASSWORD)
    officer.save()
    url = _url("web:login", "zh-hant")
    start = timezone.now()
    with freeze_time(start):
        for _ in range(5):
            response = client.post(url, {"username": officer.email, "password": "wrong"})
            assert response.status_code == 200
        refused = client.post(url, {"username": officer.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "1801"
    assert "嘗試次數過多" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.count() == 5  # the refused attempt was not even checked

    with freeze_time(start + timedelta(minutes=31)):
        accepted = client.post(url, {"username": officer.email, "password": PASSWORD})
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert not AccessAttempt.objects.exists()  # success forgives


def test_password_reset_mails_at_most_three_times_an_hour(client: Client, officer: User) -> None:
    url = _url("web:password_reset")
    for _ in range(3):
        assert client.post(url, {"email": officer.email}).status_code == 302
    refused = client.post(url, {"email": officer.email})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 3500
    assert len(mail.outbox) == 3
    link = re.search(r"http://testserver(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert done.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_log_in_goes_to_the_users_language_and_preferences_change_it(
    client: Client, outsider: User
) -> None:
    outsider.set_password(PASSWORD)
    outsider.save()
    response = client.post("/en/login/", {"username": outsider.email, "password": PASSWORD})
    assert response["Location"] == "/zh-hans/"  # the outsider prefers Simplified Chinese
    assert response.cookies["django_language"].value == "zh-hans"

    changed = client.post(
        "/zh-hans/my/preferences/", {"full_name": "陳大文", "preferred_language": "zh-hant"}
    )
    assert changed["Location"] == "/zh-hant/my/preferences/"
    outsider.refresh_from_db()
    assert (outsider.full_name, outsider.preferred_language) == ("陳大文", "zh-hant")
    refused = client.post("/en/my/preferences/", {"full_name": "x", "preferred_language": "fr"})
    assert refused.status_code == 200
    outsider.refresh_from_db()
    assert outsider.preferred_language == "zh-hant"
