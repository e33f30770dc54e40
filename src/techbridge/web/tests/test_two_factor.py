"""TOTP second factor for staff, the secretariat and facility managers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import member_of
from techbridge.accounts.tests.sessions import current_code

pytestmark = pytest.mark.django_db


def test_set_up_then_confirm_each_session(client: Client, reviewer: User) -> None:
    client.force_login(reviewer)
    assert client.get("/en/review/")["Location"] == "/en/two-factor/?next=/en/review/"
    client.get("/en/two-factor/")
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)

    wrong = client.post("/en/two-factor/", {"code": "000000", "next": "/en/review/"})
    assert wrong.status_code == 400
    assert client.get("/en/review/").status_code == 302

    device.refresh_from_db()
    # After a wrong code, even the right one waits (django-otp throttles: 1 s, then doubling).
    assert client.post("/en/two-factor/", {"code": current_code(device)}).status_code == 400
    with freeze_time(timezone.now() + timedelta(seconds=5)):
        device.refresh_from_db()
        code = current_code(device)
        done = client.post("/en/two-factor/", {"code": code, "next": "/en/review/"})
    assert done["Location"] == "/en/review/"
    assert client.get("/en/review/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    # A new session needs a new code; the one just used is refused.
    other = Client()
    other.force_login(reviewer)
    assert other.post("/zh-hant/two-factor/", {"code": code}).status_code == 400
    assert "代碼不正確" in other.post("/zh-hant/two-factor/", {"code": code}).content.decode()
    assert other.get("/en/review/").status_code == 302


def test_who_needs_a_second_factor(client: Client, hk_university: Organisation) -> None:
    manager = member_of(hk_university, MembershipRole.FACILITY_MANAGER)
    secretary = member_of(hk_university, MembershipRole.MEMBER)
    secretary.groups.add(Group.objects.create(name="secretariat"))
    member = member_of(hk_university, MembershipRole.MEMBER)
    for user, redirected in ((manager, True), (secretary, True), (member, False)):
        client.force_login(user)
        response = client.get("/en/my/listings/")
        assert (response.status_code == 302) is redirected, user


def test_unverified_staff_session_on_the_api_gets_problem_json(
    client: Client, reviewer: User
) -> None:
    client.force_login(reviewer)
    response = client.get("/api/v1/listings")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("next_page", "location"),
    [
        ("690916", "/en/"),  # a bare word is no address: it was read as a view name (500)
        ("https://evil.example/", "/en/"),
        ("//evil.example/", "/en/"),
        ("http://testserver/en/review/", "http://testserver/en/review/"),
        ("/en/review/", "/en/review/"),
    ],
)
def test_after_the_code_only_a_page_of_this_site_is_followed(
    client: Client, reviewer: User, next_page: str, location: str
) -> None:
    client.force_login(reviewer)
    client.get("/en/two-factor/")
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    done = client.post("/en/two-factor/", {"code": current_code(device), "next": next_page})
    assert (done.status_code, done["Location"]) == (302, location)
    device.refresh_from_db()
    assert device.confirmed
