"""Both administration sites' log-in pages share the platform's lockout: one count of failed
log-ins per account, the same thresholds (from the settings), the same translated refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from techbridge.accounts.models import AccessAttempt, User
from techbridge.accounts.tests.factories import StaffFactory, UserFactory

PASSWORD = "a-long-Passphrase-42"
ADMIN_LOGINS = ["/en/admin/login/", "/en/secretariat/admin/login/"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    user = StaffFactory.create(email="ops@platform.example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def _post(client: Client, url: str, email: str, password: str) -> int:
    return client.post(url, {"username": email, "password": password}).status_code


@pytest.mark.parametrize("url", ADMIN_LOGINS)
def test_five_wrong_passwords_lock_the_admin_login_and_the_platform_login(
    client: Client, staff: User, url: str
) -> None:
    start = timezone.now()
    with freeze_time(start):
        for _ in range(5):
            assert _post(client, url, staff.email, "wrong") == 200
        refused = client.post(url, {"username": staff.email, "password": PASSWORD})
        assert refused.status_code == 429
        assert refused["Retry-After"] == "1801"
        assert "Too many attempts. Please try again in 31 minutes." in refused.content.decode()
        assert "_auth_user_id" not in client.session
        # The platform's own page counts the same failures of the same account.
        web = client.post("/zh-hant/login/", {"username": staff.email, "password": PASSWORD})
        assert web.status_code == 429
        assert "嘗試次數過多" in web.content.decode()
        assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.count() == 5  # refused attempts are neither checked nor counted

    with freeze_time(start + timedelta(minutes=31)):
        accepted = client.post(url, {"username": staff.email, "password": PASSWORD})
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert not AccessAttempt.objects.exists()  # success forgives


def test_failures_on_the_platform_page_lock_the_admin_login(client: Client, staff: User) -> None:
    for _ in range(5):
        assert _post(client, "/en/login/", staff.email, "wrong") == 200
    refused = client.post("/zh-hans/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert "尝试次数过多" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_account_and_leaves_others_alone(client: Client, staff: User) -> None:
    other = StaffFactory.create(email="other@platform.example.org")
    other.set_password(PASSWORD)
    other.save()
    for _ in range(5):
        _post(client, "/en/admin/login/", staff.email, "wrong")
    assert _post(client, "/en/admin/login/", other.email, PASSWORD) == 302
    assert client.session["_auth_user_id"] == str(other.pk)
    assert AccessAttempt.objects.count() == 5  # the other's success forgave only the other


def test_thresholds_follow_the_settings(client: Client, staff: User, settings: object) -> None:
    settings.TECHBRIDGE_LOGIN_MAX_FAILURES = 2  # type: ignore[attr-defined]
    settings.TECHBRIDGE_LOGIN_LOCK_MINUTES = 5  # type: ignore[attr-defined]
    start = timezone.now()
    with freeze_time(start):
        for _ in range(2):
            assert _post(client, "/en/admin/login/", staff.email, "wrong") == 200
        refused = client.post("/en/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "301"
    with freeze_time(start + timedelta(minutes=6)):
        assert _post(client, "/en/admin/login/", staff.email, PASSWORD) == 302


def test_a_non_staff_user_right_password_counts_as_a_failure(client: Client) -> None:
    member = UserFactory.create(email="member@example.org")
    member.set_password(PASSWORD)
    member.save()
    assert _post(client, "/en/admin/login/", member.email, PASSWORD) == 200
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.count() == 1
