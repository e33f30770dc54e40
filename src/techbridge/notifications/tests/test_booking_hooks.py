"""Bookings tell the right people: a request the instrument's active managers (facility
managers and administrators of its organisation) with a link to where they decide it, a
decision the requester with a link to their booking, a cancellation whoever did not cancel;
never the person acting. A refused step tells nobody and changes nothing. The mails go out in
each recipient's language."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.facilities.models import Booking, Instrument
from techbridge.facilities.services import (
    booking_approve,
    booking_cancel,
    booking_decline,
    booking_request,
)
from techbridge.notifications.kinds import render
from techbridge.notifications.models import Notification
from techbridge.notifications.tests.helpers import run_enqueued_notification_emails
from techbridge.notifications.tests.smtp import Inbox, smtp

pytestmark = pytest.mark.django_db

__all__ = ["smtp"]

SITE = "https://techbridge.test"
SLOT = timedelta(hours=2)
MANAGERS = ["admin@lab.example.cn", "fm@lab.example.cn"]


def _told(after: int = 0) -> list[tuple[str, str, str]]:
    """(recipient, kind, link) of the notifications created after the given pk."""
    return [
        (n.recipient.email, n.kind, n.link)
        for n in Notification.objects.filter(pk__gt=after).order_by("pk")
    ]


def _last() -> int:
    latest = Notification.objects.order_by("-pk").first()
    return latest.pk if latest else 0


def _start(days: int = 3, hour: int = 9) -> datetime:
    return (timezone.localtime() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def lab(db: None) -> Organisation:
    """A Chongqing laboratory: an administrator and a facility manager decide on bookings;
    a member, a closed account and another organisation's people do not."""
    lab = OrganisationFactory.create(
        slug="cq-hooks-lab",
        name_zh_hans="重庆测试实验室",
        name_en="Chongqing Test Laboratory",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )
    member_of(lab, MembershipRole.ADMIN, email="admin@lab.example.cn", full_name="Lab Admin")
    member_of(
        lab, MembershipRole.FACILITY_MANAGER, email="fm@lab.example.cn", full_name="Fay Manager"
    )
    member_of(lab, MembershipRole.MEMBER, email="member@lab.example.cn")
    gone = member_of(lab, MembershipRole.FACILITY_MANAGER, email="gone@lab.example.cn")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    return lab


@pytest.fixture
def instrument(lab: Organisation) -> Instrument:
    return Instrument.objects.create(
        organisation=lab,
        name_en="Cryo-electron microscope",
        name_zh_hans="冷冻电镜",
        category="imaging",
        lead_time_days=1,
    )


@pytest.fixture
def guest(db: None) -> User:
    return UserFactory.create(email="guest@hk.example.org", full_name="Gil Guest")


def _user(email: str) -> User:
    return User.objects.get(email=email)


def test_a_request_tells_the_managers_and_the_decision_the_requester(
    guest: User, instrument: Instrument, officer: User
) -> None:
    start = _start()
    booking = booking_request(
        actor=guest,
        instrument=instrument,
        starts_at=start,
        ends_at=start + SLOT,
        purpose="Imaging of membrane proteins",
    )
    decide_here = f"/my/bookings/#decide-booking-{booking.pk}"
    assert _told() == [(email, "booking_requested", decide_here) for email in MANAGERS]
    notification = Notification.objects.filter(recipient__email=MANAGERS[0]).get()
    assert notification.delivery == "immediate"
    assert notification.params == {
        "booking": booking.pk,
        "person": "Gil Guest",
        "instrument": {
            "en": "Cryo-electron microscope",
            "zh-hant": "冷凍電鏡",
            "zh-hans": "冷冻电镜",
        },
        "start": _local(start),
        "end": _local(start + SLOT),
        "purpose": "Imaging of membrane proteins",
    }
    text = render(notification)
    assert text.title == f"Booking request for Cryo-electron microscope on {_local(start)}"
    assert text.body == (
        f"Gil Guest asks to book Cryo-electron microscope from {_local(start)} to "
        f"{_local(start + SLOT)}. Approve or decline the request on your bookings page.\n\n"
        "Purpose:\nImaging of membrane proteins"
    )

    mark = _last()
    booking_approve(actor=_user("fm@lab.example.cn"), booking=booking)
    yours = f"/my/bookings/#booking-{booking.pk}"
    assert _told(mark) == [("guest@hk.example.org", "booking_decided", yours)]
    text = render(Notification.objects.get(pk__gt=mark))
    assert text.title == "Your booking of Cryo-electron microscope is approved"
    assert text.body == (
        f"The managers of Cryo-electron microscope approved your booking from {_local(start)} "
        f"to {_local(start + SLOT)}: the time is yours."
    )

    later = _start(days=4)
    other = booking_request(
        actor=officer, instrument=instrument, starts_at=later, ends_at=later + SLOT
    )
    mark = _last()
    booking_decline(actor=_user("admin@lab.example.cn"), booking=other)
    assert _told(mark) == [
        ("officer@hk.example.org", "booking_decided", f"/my/bookings/#booking-{other.pk}")
    ]
    text = render(Notification.objects.get(pk__gt=mark))
    assert text.title == "Your booking of Cryo-electron microscope is declined"
    assert text.body == (
        f"The managers of Cryo-electron microscope declined your booking request from "
        f"{_local(later)} to {_local(later + SLOT)}."
    )


def test_a_manager_is_never_told_of_their_own_steps(instrument: Instrument) -> None:
    manager, admin = _user("fm@lab.example.cn"), _user("admin@lab.example.cn")
    start = _start()
    own = booking_request(
        actor=manager, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    # The other manager is told; the one who asked is not.
    assert _told() == [
        ("admin@lab.example.cn", "booking_requested", f"/my/bookings/#decide-booking-{own.pk}")
    ]
    mark = _last()
    booking_approve(actor=manager, booking=own)  # their own request: nobody to tell
    assert _told(mark) == []

    # The administrator cancels the manager's booking: the manager (as its requester) is told
    # once, the administrator not at all.
    booking_cancel(actor=admin, booking=own)
    assert _told(mark) == [
        ("fm@lab.example.cn", "booking_cancelled", f"/my/bookings/#booking-{own.pk}")
    ]
    text = render(Notification.objects.get(pk__gt=mark))
    assert text.title == f"Booking of Cryo-electron microscope on {_local(start)} cancelled"
    assert text.body == (
        f"Lab Admin cancelled the booking of Cryo-electron microscope from {_local(start)} to "
        f"{_local(start + SLOT)}."
    )


def test_a_cancellation_tells_whoever_did_not_cancel(guest: User, instrument: Instrument) -> None:
    start = _start()
    booking = booking_request(
        actor=guest, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    booking_approve(actor=_user("fm@lab.example.cn"), booking=booking)
    mark = _last()
    booking_cancel(actor=guest, booking=booking)
    assert _told(mark) == [(email, "booking_cancelled", "/my/bookings/") for email in MANAGERS]
    assert render(Notification.objects.filter(pk__gt=mark).first()).body.startswith(  # type: ignore[arg-type]
        "Gil Guest cancelled the booking of Cryo-electron microscope"
    )

    second = booking_request(
        actor=guest, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    mark = _last()
    booking_cancel(actor=_user("fm@lab.example.cn"), booking=second)
    assert _told(mark) == [
        ("guest@hk.example.org", "booking_cancelled", f"/my/bookings/#booking-{second.pk}"),
        ("admin@lab.example.cn", "booking_cancelled", "/my/bookings/"),
    ]


def test_a_booking_without_approval_tells_the_managers_in_their_digest(
    guest: User, instrument: Instrument
) -> None:
    Instrument.objects.filter(pk=instrument.pk).update(requires_approval=False)
    instrument.refresh_from_db()
    start = _start()
    booking = booking_request(
        actor=guest, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    assert booking.status == "approved"
    assert _told() == [(email, "booking_made", "/my/bookings/") for email in MANAGERS]
    assert set(Notification.objects.values_list("delivery", flat=True)) == {"digest"}
    text = render(Notification.objects.first())  # type: ignore[arg-type]
    assert text.title == f"Cryo-electron microscope booked from {_local(start)}"
    assert text.body == (
        f"Gil Guest booked Cryo-electron microscope from {_local(start)} to "
        f"{_local(start + SLOT)}. The instrument takes bookings without approval, so the time "
        "is theirs."
    )


def _state() -> list[tuple[int, str, int | None]]:
    return list(Booking.objects.order_by("pk").values_list("pk", "status", "decided_by"))


def test_refused_steps_tell_nobody_and_change_nothing(
    guest: User, instrument: Instrument, outsider: User
) -> None:
    manager = _user("fm@lab.example.cn")
    start = _start()
    first = booking_request(
        actor=guest, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    clash = booking_request(
        actor=outsider, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    booking_approve(actor=manager, booking=first)
    mark, state = _last(), _state()

    soon = timezone.now() + timedelta(hours=1)
    with pytest.raises(ServiceValidationError):
        booking_request(actor=guest, instrument=instrument, starts_at=soon, ends_at=soon + SLOT)
    with pytest.raises(ServiceValidationError, match="overlaps an approved booking"):
        booking_approve(actor=manager, booking=clash)
    with pytest.raises(ServiceValidationError, match="decided already"):
        booking_decline(actor=manager, booking=first)
    for stranger in (guest, outsider, _user("member@lab.example.cn")):
        with pytest.raises(PermissionDenied):
            booking_approve(actor=stranger, booking=clash)
    manager.is_verified = lambda: False  # type: ignore[attr-defined]  # as django-otp sets it
    with pytest.raises(PermissionDenied, match="second factor"):
        booking_decline(actor=manager, booking=clash)
    with pytest.raises(PermissionDenied):
        booking_cancel(actor=outsider, booking=first)
    assert _last() == mark
    assert _state() == state

    booking_cancel(actor=guest, booking=first)
    mark, state = _last(), _state()
    with pytest.raises(ServiceValidationError, match="no longer be cancelled"):
        booking_cancel(actor=guest, booking=first)
    assert _last() == mark
    assert _state() == state


def test_the_links_lead_to_the_rows_on_the_bookings_page(
    client: Client, guest: User, instrument: Instrument
) -> None:
    start = _start()
    booking = booking_request(
        actor=guest, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    manager = _user("fm@lab.example.cn")
    log_in_verified(client, manager)
    notification = Notification.objects.get(recipient=manager)
    opened = client.get(f"/en/my/notifications/{notification.pk}/open/")
    assert opened["Location"] == f"/en/my/bookings/#decide-booking-{booking.pk}"
    assert f'id="decide-booking-{booking.pk}"' in client.get("/en/my/bookings/").content.decode()
    client.post(f"/en/bookings/{booking.pk}/decide/", {"decision": "approve"})

    client.force_login(guest)
    told = Notification.objects.get(recipient=guest)
    opened = client.get(f"/zh-hans/my/notifications/{told.pk}/open/")
    assert opened["Location"] == f"/zh-hans/my/bookings/#booking-{booking.pk}"
    assert f'id="booking-{booking.pk}"' in client.get(opened["Location"]).content.decode()


def test_the_mails_reach_each_recipient_in_their_language_with_the_exact_link(
    smtp: Inbox,
    guest: User,
    instrument: Instrument,
    django_capture_on_commit_callbacks: Any,
) -> None:
    User.objects.filter(email="admin@lab.example.cn").update(preferred_language="zh-hans")
    User.objects.filter(pk=guest.pk).update(preferred_language="zh-hans")
    start = _start()
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_request(
            actor=guest, instrument=instrument, starts_at=start, ends_at=start + SLOT
        )
    assert run_enqueued_notification_emails() == ["sent", "sent"]
    chinese, english = smtp.received
    path = f"/my/bookings/#decide-booking-{booking.pk}"

    assert english.recipients == ["fm@lab.example.cn"]
    assert english.subject == f"Booking request for Cryo-electron microscope on {_local(start)}"
    assert english.message["Content-Language"] == "en"
    assert english.message.get_content_type() == "multipart/alternative"
    text, html = english.part("text/plain"), english.part("text/html")
    assert (
        f"Gil Guest asks to book Cryo-electron microscope from {_local(start)} to "
        f"{_local(start + SLOT)}." in text
    )
    assert '<html lang="en">' in html
    for part in (text, html):
        assert f"{SITE}/en{path}" in part
    assert english.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert chinese.recipients == ["admin@lab.example.cn"]
    assert chinese.message["Content-Language"] == "zh-Hans-CN"
    assert chinese.subject == f"冷冻电镜 在 {_local(start)} 的预约申请"
    assert 'lang="zh-Hans-CN"' in chinese.part("text/html")
    for part in (chinese.part("text/plain"), chinese.part("text/html")):
        assert f"{SITE}/zh-hans{path}" in part
        assert "冷冻电镜" in part  # the instrument's Simplified name

    with django_capture_on_commit_callbacks(execute=True):
        booking_approve(actor=_user("fm@lab.example.cn"), booking=booking)
    assert run_enqueued_notification_emails() == ["sent"]
    decided = smtp.received[2]
    assert decided.recipients == ["guest@hk.example.org"]
    assert decided.message["Content-Language"] == "zh-Hans-CN"
    assert decided.subject == "您预约 冷冻电镜 的申请已获批准"
    assert decided.message.get_content_type() == "multipart/alternative"
    for part in (decided.part("text/plain"), decided.part("text/html")):
        assert f"{SITE}/zh-hans/my/bookings/#booking-{booking.pk}" in part
        assert "冷冻电镜" in part
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
