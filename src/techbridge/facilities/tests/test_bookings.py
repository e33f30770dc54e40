"""Bookings: the database keeps approved bookings of one instrument from overlapping, even
when approvals race; services refuse cleanly and change nothing when they refuse."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.facilities.models import Booking, Instrument
from techbridge.facilities.services import booking_approve, booking_request

SLOT = timedelta(hours=2)


def _instrument(owner: Organisation) -> Instrument:
    return Instrument.objects.create(
        organisation=owner, name_zh_hans="冷冻电镜", category="imaging", lead_time_days=1
    )


def _start(days: int = 3, hour: int = 9) -> datetime:
    day = timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return day + timedelta(days=days)


@pytest.fixture
def cq_lab(db: None) -> Organisation:
    return OrganisationFactory.create(
        slug="cq-lab",
        name_zh_hans="重庆测试实验室",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )


@pytest.mark.django_db
def test_database_refuses_overlapping_approved_bookings(cq_lab: Organisation) -> None:
    instrument, other = _instrument(cq_lab), _instrument(cq_lab)
    user = UserFactory.create()
    start = _start()

    def book(on: Instrument, begin: datetime, status: str) -> Booking:
        return Booking.objects.create(
            instrument=on, requester=user, starts_at=begin, ends_at=begin + SLOT, status=status
        )

    book(instrument, start, "approved")
    book(instrument, start + SLOT, "approved")  # back to back is fine
    book(other, start, "approved")  # another instrument
    book(instrument, start + SLOT / 2, "requested")  # requests may overlap
    with pytest.raises(IntegrityError), transaction.atomic():
        book(instrument, start + SLOT / 2, "approved")
    pending = Booking.objects.get(status="requested")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=pending.pk).update(status="completed")
    assert Booking.objects.filter(status="approved").count() == 3


@pytest.mark.django_db
def test_second_approval_of_a_taken_slot_is_refused_cleanly(
    cq_lab: Organisation, officer: User
) -> None:
    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    instrument = _instrument(cq_lab)
    first = booking_request(
        actor=officer, instrument=instrument, starts_at=_start(), ends_at=_start() + SLOT
    )
    second = booking_request(
        actor=officer,
        instrument=instrument,
        starts_at=_start() + SLOT / 2,
        ends_at=_start() + SLOT * 2,
    )
    with pytest.raises(PermissionDenied):
        booking_approve(actor=officer, booking=first)
    booking_approve(actor=manager, booking=first)
    with pytest.raises(ServiceValidationError, match="overlaps an approved booking"):
        booking_approve(actor=manager, booking=second)
    second.refresh_from_db()
    assert (second.status, second.decided_by) == ("requested", None)


@pytest.mark.django_db
def test_a_request_over_approved_time_is_refused_and_over_requested_time_allowed(
    cq_lab: Organisation, officer: User
) -> None:
    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    instrument = _instrument(cq_lab)
    first = booking_request(
        actor=officer, instrument=instrument, starts_at=_start(), ends_at=_start() + SLOT
    )
    # Over time only requested: allowed, the managers choose between the two.
    booking_request(
        actor=manager, instrument=instrument, starts_at=_start(), ends_at=_start() + SLOT
    )
    booking_approve(actor=manager, booking=first)
    with pytest.raises(ServiceValidationError, match="overlaps an approved booking"):
        booking_request(
            actor=officer,
            instrument=instrument,
            starts_at=_start() + SLOT / 2,
            ends_at=_start() + SLOT * 2,
        )
    assert Booking.objects.filter(instrument=instrument).count() == 2
    after = booking_request(
        actor=officer, instrument=instrument, starts_at=_start() + SLOT, ends_at=_start() + SLOT * 2
    )
    assert after.status == "requested"  # back to back with the approved one


@pytest.mark.django_db
def test_requests_inside_the_lead_time_are_refused(cq_lab: Organisation, officer: User) -> None:
    instrument = _instrument(cq_lab)
    soon = timezone.now() + timedelta(hours=2)
    with pytest.raises(ServiceValidationError) as raised:
        booking_request(actor=officer, instrument=instrument, starts_at=soon, ends_at=soon + SLOT)
    assert set(raised.value.message_dict) == {"starts_at"}
    assert not Booking.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hundred_racing_approvals_of_one_slot_approve_exactly_one(
    cq_lab: Organisation,
) -> None:
    """200 requests for the same slot approved at once (40 at a time, each on its own
    database connection): one wins, 199 are refused with the overlap message."""
    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    instrument = _instrument(cq_lab)
    requesters = [UserFactory.create() for _ in range(5)]
    start = _start()
    bookings = [
        booking_request(
            actor=requesters[n % 5], instrument=instrument, starts_at=start, ends_at=start + SLOT
        )
        for n in range(200)
    ]
    gate = threading.Barrier(40)

    def approve(booking: Booking) -> str:
        try:
            # The last stragglers (200 is not a multiple of 40) start without a full crowd.
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait(timeout=5)
            booking_approve(actor=manager, booking=booking)
            return "approved"
        except ServiceValidationError as error:
            return "refused" if "overlaps" in " ".join(error.messages) else str(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = list(pool.map(approve, bookings))
    assert outcomes.count("approved") == 1
    assert outcomes.count("refused") == 199
    assert Booking.objects.filter(status="approved").count() == 1
    assert Booking.objects.filter(status="requested").count() == 199


@pytest.mark.django_db
def test_calendar_feeds(client: Any, cq_lab: Organisation, officer: User) -> None:
    from techbridge.facilities.ical import user_feed_token

    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    instrument = _instrument(cq_lab)
    booking = booking_request(
        actor=officer,
        instrument=instrument,
        starts_at=_start(),
        ends_at=_start() + SLOT,
        purpose="Secret protein structure",
    )
    booking_approve(actor=manager, booking=booking)
    public = client.get(f"/en/instruments/{instrument.pk}/calendar.ics")
    assert public["Content-Type"] == "text/calendar; charset=utf-8"
    text = public.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    start = booking.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}\r\n" in text
    assert "Secret" not in text and officer.email not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))

    mine = client.get(f"/en/calendars/{user_feed_token(officer.pk)}/bookings.ics").content
    assert b"UID:booking-" in mine and b"(Approved)" in mine
    assert client.get("/en/calendars/forged/bookings.ics").status_code == 404


@pytest.mark.django_db
def test_requests_must_be_whole_slots(cq_lab: Organisation, officer: User) -> None:
    instrument = _instrument(cq_lab)
    instrument.slot_minutes = 90
    instrument.save()
    start = _start(hour=10)  # 18:00 in Hong Kong and Chongqing: the twelfth 90-minute slot
    with pytest.raises(ServiceValidationError) as raised:
        booking_request(actor=officer, instrument=instrument, starts_at=start, ends_at=start + SLOT)
    assert raised.value.message_dict == {"ends_at": ["Book whole slots of 90 minutes."]}
    assert not Booking.objects.exists()
    booking = booking_request(
        actor=officer, instrument=instrument, starts_at=start, ends_at=start + SLOT * 1.5
    )
    assert booking.ends_at - booking.starts_at == timedelta(minutes=180)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slot_minutes", "local_start", "on_grid"),
    [
        (60, "09:00", True),
        (60, "09:30", False),
        (90, "10:30", True),  # midnight + 7 slots
        (90, "10:00", False),
        (45, "23:15", True),  # the last whole 45-minute slot before midnight
        (45, "23:00", False),
        (24 * 60, "00:00", True),
        (24 * 60, "09:00", False),
    ],
)
def test_requests_start_on_the_slot_grid(
    cq_lab: Organisation, officer: User, slot_minutes: int, local_start: str, on_grid: bool
) -> None:
    """Slots follow each other from local midnight: a request of whole slots that starts
    between two slots is refused, with a translated message, and creates nothing."""
    instrument = _instrument(cq_lab)
    instrument.slot_minutes = slot_minutes
    instrument.save()
    hour, minute = (int(part) for part in local_start.split(":"))
    day = timezone.localdate() + timedelta(days=3)
    start = timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))
    end = start + timedelta(minutes=slot_minutes * 2)
    if on_grid:
        booking = booking_request(
            actor=officer, instrument=instrument, starts_at=start, ends_at=end
        )
        assert (booking.starts_at, booking.ends_at) == (start, end)
        return
    with pytest.raises(ServiceValidationError) as raised:
        booking_request(actor=officer, instrument=instrument, starts_at=start, ends_at=end)
    assert raised.value.message_dict == {
        "starts_at": [
            f"Start at the beginning of a slot: slots of {slot_minutes} minutes start at "
            "midnight and follow each other through the day."
        ]
    }
    assert not Booking.objects.exists()
    with translation.override("zh-hant"), pytest.raises(ServiceValidationError) as raised:
        booking_request(actor=officer, instrument=instrument, starts_at=start, ends_at=end)
    assert raised.value.message_dict["starts_at"] == [
        f"請由時段的開始時間起預約：每個 {slot_minutes} 分鐘的時段由午夜零時起接連排列。"
    ]
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_training_required_refuses_untrained_users(cq_lab: Organisation, officer: User) -> None:
    from django.utils import translation

    from techbridge.facilities.services import training_record

    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    instrument = _instrument(cq_lab)
    instrument.requires_training = True
    instrument.save()
    start = _start()
    with translation.override("zh-hant"), pytest.raises(ServiceValidationError) as raised:
        booking_request(actor=officer, instrument=instrument, starts_at=start, ends_at=start + SLOT)
    assert raised.value.message_dict == {
        "instrument": ["此儀器須先接受培訓：預約前請聯絡儀器管理員記錄您的培訓。"]
    }
    assert not Booking.objects.exists()
    with pytest.raises(PermissionDenied):
        training_record(actor=officer, instrument=instrument, user=officer, trained_on=start.date())
    training_record(actor=manager, instrument=instrument, user=officer, trained_on=start.date())
    booking = booking_request(
        actor=officer, instrument=instrument, starts_at=start, ends_at=start + SLOT
    )
    assert booking.status == "requested"


@pytest.mark.django_db
@pytest.mark.parametrize("hours", ["-0.5", "2.25"])
def test_completing_refuses_impossible_hours(
    cq_lab: Organisation, officer: User, hours: str
) -> None:
    from decimal import Decimal

    from techbridge.facilities.services import booking_complete

    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    instrument = _instrument(cq_lab)
    start = _start()
    booking = booking_approve(
        actor=manager,
        booking=booking_request(
            actor=officer, instrument=instrument, starts_at=start, ends_at=start + SLOT
        ),
    )
    with pytest.raises(ServiceValidationError) as raised:
        booking_complete(actor=manager, booking=booking, actual_hours=Decimal(hours))
    expected = (
        "Hours cannot be negative." if hours.startswith("-") else ("At most 2 hours were booked.")
    )
    assert raised.value.message_dict == {"actual_hours": [expected]}
    booking.refresh_from_db()
    assert (booking.status, booking.actual_hours) == ("approved", None)
    done = booking_complete(actor=manager, booking=booking, actual_hours=Decimal(2))
    assert (done.status, done.actual_hours) == ("completed", Decimal(2))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_requests_for_an_instrument_without_approval_take_one_booking(
    cq_lab: Organisation,
) -> None:
    """60 simultaneous requests for one slot of an instrument that takes time at once (each on
    its own database connection): exactly one booking is taken, the rest are refused with the
    overlap message and leave nothing behind."""
    instrument = _instrument(cq_lab)
    instrument.requires_approval = False
    instrument.save()
    requesters = [UserFactory.create() for _ in range(6)]
    start = _start()
    gate = threading.Barrier(20)

    def request(n: int) -> str:
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait(timeout=5)
            booking_request(
                actor=requesters[n % 6],
                instrument=instrument,
                starts_at=start,
                ends_at=start + SLOT,
            )
            return "taken"
        except ServiceValidationError as error:
            return "refused" if "overlaps" in " ".join(error.messages) else str(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(request, range(60)))
    assert outcomes.count("taken") == 1, outcomes
    assert outcomes.count("refused") == 59
    assert Booking.objects.count() == 1
    assert Booking.objects.get().status == "approved"


@pytest.mark.django_db
def test_instrument_feed_speaks_the_feed_language(
    client: Any, cq_lab: Organisation, officer: User
) -> None:
    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    instrument = _instrument(cq_lab)
    booking_approve(
        actor=manager,
        booking=booking_request(
            actor=officer, instrument=instrument, starts_at=_start(), ends_at=_start() + SLOT
        ),
    )
    hans = client.get(f"/zh-hans/instruments/{instrument.pk}/calendar.ics").content.decode()
    assert "SUMMARY:冷冻电镜：已占用\r\n" in hans
    english = client.get(f"/en/instruments/{instrument.pk}/calendar.ics").content.decode()
    assert "SUMMARY:冷冻电镜: taken\r\n" in english
    assert "TRANSP:OPAQUE" in english and "busy" not in english
