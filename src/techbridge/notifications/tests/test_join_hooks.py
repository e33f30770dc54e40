"""Requests to join an organisation tell the right people: a new request every active
administrator of the organisation (with a link to where they decide it), the decision the
requester; a refused step tells nobody and changes nothing. The requester sees their pending
requests; the mails go out in each recipient's language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import JoinRequest, Membership, Organisation, User
from techbridge.accounts.organisations import join_request_decide, organisation_request_join
from techbridge.accounts.tests.factories import UserFactory, member_of
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.notifications.kinds import render
from techbridge.notifications.models import Notification
from techbridge.notifications.tests.helpers import run_enqueued_notification_emails
from techbridge.notifications.tests.smtp import Inbox, smtp

pytestmark = pytest.mark.django_db

__all__ = ["smtp"]

SITE = "https://techbridge.test"


def _told(after: int = 0) -> list[tuple[str, str, str]]:
    """(recipient, kind, link) of the notifications created after the given pk."""
    return [
        (n.recipient.email, n.kind, n.link)
        for n in Notification.objects.filter(pk__gt=after).order_by("pk")
    ]


def _last() -> int:
    latest = Notification.objects.order_by("-pk").first()
    return latest.pk if latest else 0


@pytest.fixture
def applicant(db: None) -> User:
    return UserFactory.create(email="pat@applicant.example.org", full_name="Pat Applicant")


@pytest.fixture
def admins(hk_university: Organisation, officer: User) -> list[User]:
    """The university's active administrators (by e-mail address), beside a member and an
    administrator whose account is closed, who are not told."""
    second = member_of(hk_university, MembershipRole.ADMIN, email="second@hk.example.org")
    member_of(hk_university, MembershipRole.MEMBER, email="colleague@hk.example.org")
    member_of(hk_university, MembershipRole.FACILITY_MANAGER, email="lab@hk.example.org")
    gone = member_of(hk_university, MembershipRole.ADMIN, email="gone@hk.example.org")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    return [officer, second]


def test_a_request_tells_every_active_administrator_and_the_decision_the_requester(
    applicant: User,
    admins: list[User],
    hk_university: Organisation,
    outsider: User,
) -> None:
    officer, second = admins
    join_request = organisation_request_join(actor=applicant, organisation=hk_university)
    decide_here = f"/my/organisations/#join-request-{join_request.pk}"
    assert _told() == [
        ("officer@hk.example.org", "join_requested", decide_here),
        ("second@hk.example.org", "join_requested", decide_here),
    ]
    notification = Notification.objects.filter(recipient=officer).get()
    assert notification.params == {
        "person": "Pat Applicant",
        "email": "pat@applicant.example.org",
        "organisation": {
            "en": "Test HK University",
            "zh-hant": "Test HK University",
            "zh-hans": "Test HK University",
        },
        "join_request": join_request.pk,
    }
    assert notification.delivery == "immediate"
    text = render(notification)
    assert text.title == "Pat Applicant asks to join Test HK University"
    assert text.body == (
        "Pat Applicant (pat@applicant.example.org) asks to join Test HK University on "
        "techbridge. Approve or decline the request on your organisations page."
    )

    mark = _last()
    join_request_decide(actor=second, join_request=join_request, approve=True)
    # The requester only: not the deciding administrator, not the other one.
    assert _told(mark) == [
        ("pat@applicant.example.org", "join_request_decided", "/my/organisations/")
    ]
    decided = Notification.objects.get(pk__gt=mark)
    assert decided.params["approved"] is True
    text = render(decided)
    assert text.title == "Your request to join Test HK University is approved"
    assert text.body == (
        "The administrators of Test HK University approved your request: you are now a member."
    )

    # A declined request says so, and the requester stays outside.
    mark = _last()
    cq_request = organisation_request_join(
        actor=applicant, organisation=Organisation.objects.get(slug="test-cq-co")
    )
    assert _told(mark) == [
        (
            "outsider@cq.example.org",
            "join_requested",
            f"/my/organisations/#join-request-{cq_request.pk}",
        )
    ]
    mark = _last()
    join_request_decide(actor=outsider, join_request=cq_request, approve=False)
    assert _told(mark) == [
        ("pat@applicant.example.org", "join_request_decided", "/my/organisations/")
    ]
    text = render(Notification.objects.get(pk__gt=mark))
    assert text.title == "Your request to join 测试重庆企业 is declined"
    assert text.body == "The administrators of 测试重庆企业 declined your request to join."
    assert list(
        Membership.objects.filter(user=applicant).values_list("organisation__slug", flat=True)
    ) == ["test-hk-uni"]


def test_refused_steps_tell_nobody_and_change_nothing(
    applicant: User, admins: list[User], hk_university: Organisation, outsider: User
) -> None:
    officer, _second = admins
    join_request = organisation_request_join(actor=applicant, organisation=hk_university)
    mark, requests = _last(), list(JoinRequest.objects.values_list("pk", "status"))

    with pytest.raises(ServiceValidationError, match="already waiting"):
        organisation_request_join(actor=applicant, organisation=hk_university)
    with pytest.raises(ServiceValidationError, match="already a member"):
        organisation_request_join(actor=officer, organisation=hk_university)
    # The requester, an administrator of another organisation and a member are not its
    # administrators.
    colleague = User.objects.get(email="colleague@hk.example.org")
    for stranger in (applicant, outsider, colleague):
        with pytest.raises(PermissionDenied):
            join_request_decide(actor=stranger, join_request=join_request, approve=True)
    assert _last() == mark
    assert list(JoinRequest.objects.values_list("pk", "status")) == requests
    assert not Membership.objects.filter(user=applicant).exists()

    join_request_decide(actor=officer, join_request=join_request, approve=False)
    mark = _last()
    with pytest.raises(ServiceValidationError, match="decided already"):
        join_request_decide(actor=officer, join_request=join_request, approve=True)
    assert _last() == mark
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("declined", officer)
    assert not Membership.objects.filter(user=applicant).exists()


def test_the_requester_sees_the_pending_request_and_the_administrator_where_to_decide(
    client: Client, applicant: User, admins: list[User], hk_university: Organisation
) -> None:
    officer = admins[0]
    client.force_login(applicant)
    assert client.post(f"/en/organisations/{hk_university.slug}/join/").status_code == 302
    join_request = JoinRequest.objects.get()
    requested = date_filter(timezone.localtime(join_request.created_at), "DATE_FORMAT")
    page = client.get("/en/my/organisations/").content.decode()
    text = re.sub(r"<[^>]+>", "", page)  # the date is a <time> element
    assert f"Pending: Test HK University, requested {requested}" in text

    # The administrator follows the notification to the request's form.
    client.force_login(officer)
    notification = Notification.objects.get(recipient=officer)
    assert (
        "Pat Applicant asks to join Test HK University"
        in client.get("/en/my/notifications/").content.decode()
    )
    opened = client.get(f"/en/my/notifications/{notification.pk}/open/")
    assert opened["Location"] == f"/en/my/organisations/#join-request-{join_request.pk}"
    page = client.get("/en/my/organisations/").content.decode()
    assert f'id="join-request-{join_request.pk}"' in page
    client.post(f"/en/my/organisations/requests/{join_request.pk}/", {"decision": "approve"})

    # Decided, it is no longer pending; the requester is told and a member.
    client.force_login(applicant)
    page = client.get("/en/my/organisations/").content.decode()
    assert "Pending:" not in page
    assert "Test HK University — Member" in page
    assert (
        "Your request to join Test HK University is approved"
        in client.get("/en/my/notifications/").content.decode()
    )


def test_the_mails_reach_each_recipient_in_their_language_with_the_exact_link(
    smtp: Inbox,
    applicant: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    member_of(cq_enterprise, MembershipRole.ADMIN, email="ada@cq.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        join_request = organisation_request_join(actor=applicant, organisation=cq_enterprise)
    assert run_enqueued_notification_emails() == ["sent", "sent"]
    english, chinese = smtp.received
    path = f"/my/organisations/#join-request-{join_request.pk}"

    assert english.recipients == ["ada@cq.example.org"]
    assert english.subject == "Pat Applicant asks to join 测试重庆企业"
    assert english.message["Content-Language"] == "en"
    assert english.message.get_content_type() == "multipart/alternative"
    text, html = english.part("text/plain"), english.part("text/html")
    assert "Pat Applicant (pat@applicant.example.org) asks to join 测试重庆企业" in text
    assert '<html lang="en">' in html
    for part in (text, html):
        assert f"{SITE}/en{path}" in part
    assert english.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The Simplified-Chinese reader gets their page and language.
    assert chinese.recipients == ["outsider@cq.example.org"]
    assert chinese.message["Content-Language"] == "zh-Hans-CN"
    assert chinese.subject == "Pat Applicant 申请加入 测试重庆企业"
    assert 'lang="zh-Hans-CN"' in chinese.part("text/html")
    for part in (chinese.part("text/plain"), chinese.part("text/html")):
        assert f"{SITE}/zh-hans{path}" in part

    with django_capture_on_commit_callbacks(execute=True):
        join_request_decide(actor=outsider, join_request=join_request, approve=True)
    assert run_enqueued_notification_emails() == ["sent"]
    decided = smtp.received[2]
    assert decided.recipients == ["pat@applicant.example.org"]
    assert decided.subject == "Your request to join 测试重庆企业 is approved"
    assert decided.message["Content-Language"] == "en"
    for part in (decided.part("text/plain"), decided.part("text/html")):
        assert f"{SITE}/en/my/organisations/" in part
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
