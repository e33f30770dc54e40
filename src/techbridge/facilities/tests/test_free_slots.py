"""Free slots: on the instrument's grid, after the lead time, never over an approved or
completed booking (a requested, declined or cancelled one holds no time), and every slot listed
is one that a request would be granted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from techbridge.accounts.choices import OrganisationType, Region
from techbridge.accounts.models import Organisation
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory
from techbridge.facilities.models import Booking, Instrument
from techbridge.facilities.selectors import Slot, free_slots, occupying_bookings
from techbridge.facilities.services import booking_request

pytestmark = pytest.mark.django_db

# A Monday, late enough for every slot of the test days to be past the lead time.
NOW = timezone.make_aware(datetime(2026, 3, 2, 10, 30))
DAY = date(2026, 3, 10)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def lab() -> Organisation:
    return OrganisationFactory.create(
        slug="slots-lab", org_type=OrganisationType.LABORATORY, region=Region.CHONGQING
    )


def _instrument(lab: Organisation, **rules: int) -> Instrument:
    return Instrument.objects.create(
        organisation=lab, name_en="Spectrometer", category="analytical", **rules
    )


def _book(instrument: Instrument, start: datetime, hours: float, status: str) -> Booking:
    return Booking.objects.create(
        instrument=instrument,
        requester=UserFactory.create(),
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        status=status,
    )


def _starts(slots: list[Slot]) -> list[datetime]:
    return [slot.starts_at for slot in slots]


def test_a_day_of_hourly_slots_without_the_approved_and_completed_time(lab: Organisation) -> None:
    instrument = _instrument(lab, slot_minutes=60, lead_time_days=2)
    _book(instrument, _at(DAY, 9), 2, "approved")  # 09:00–11:00
    _book(instrument, _at(DAY, 14), 1, "completed")  # 14:00–15:00
    for status in ("requested", "declined", "cancelled"):
        _book(instrument, _at(DAY, 16), 1, status)  # holds no time
    slots = free_slots(instrument, DAY, 1, now=NOW)
    hours = [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, *range(15, 24)]
    assert _starts(slots) == [_at(DAY, hour) for hour in hours]
    assert all(slot.ends_at - slot.starts_at == timedelta(hours=1) for slot in slots)


def test_the_lead_time_hides_the_slots_too_soon_to_request(
    lab: Organisation, django_assert_num_queries: Any
) -> None:
    instrument = _instrument(lab, slot_minutes=60, lead_time_days=1)
    now = _at(DAY, 10, 30)
    slots = free_slots(instrument, DAY, 2, now=now)
    # Nothing on DAY; the next day from 11:00, the first hour not sooner than a day away.
    tomorrow = DAY + timedelta(days=1)
    assert _starts(slots) == [_at(tomorrow, hour) for hour in range(11, 24)]
    # A window wholly before the lead time lists nothing, and asks the database nothing.
    with django_assert_num_queries(0):
        assert free_slots(instrument, DAY - timedelta(days=30), 3, now=now) == []


def test_slots_that_do_not_divide_the_day_restart_at_midnight(lab: Organisation) -> None:
    instrument = _instrument(lab, slot_minutes=7 * 60, lead_time_days=0)
    slots = free_slots(instrument, DAY, 1, now=NOW)
    # 00:00, 07:00, 14:00 and 21:00 (which runs to 04:00 the next day).
    assert [(s.starts_at, s.ends_at) for s in slots] == [
        (_at(DAY, 0), _at(DAY, 7)),
        (_at(DAY, 7), _at(DAY, 14)),
        (_at(DAY, 14), _at(DAY, 21)),
        (_at(DAY, 21), _at(DAY + timedelta(days=1), 4)),
    ]
    # An approved booking early the next day takes the slot that runs into it.
    _book(instrument, _at(DAY + timedelta(days=1), 2), 1, "approved")
    assert _starts(free_slots(instrument, DAY, 1, now=NOW)) == [
        _at(DAY, 0),
        _at(DAY, 7),
        _at(DAY, 14),
    ]


def test_a_slot_of_two_days_starts_each_midnight(lab: Organisation) -> None:
    instrument = _instrument(lab, slot_minutes=2 * 24 * 60, lead_time_days=0)
    _book(instrument, _at(DAY + timedelta(days=3), 12), 1, "approved")
    slots = free_slots(instrument, DAY, 5, now=NOW)
    # The slots starting on the 12th and 13th would cover the booking on the 13th.
    assert _starts(slots) == [
        _at(DAY, 0),
        _at(DAY + timedelta(days=1), 0),
        _at(DAY + timedelta(days=4), 0),
    ]


def test_every_free_slot_is_granted_to_a_request(lab: Organisation) -> None:
    instrument = _instrument(lab, slot_minutes=90, lead_time_days=0, requires_approval=False)
    _book(instrument, _at(DAY, 3), 3, "approved")
    requester = UserFactory.create()
    slots = free_slots(instrument, DAY, 1, now=NOW)
    assert len(slots) == 14  # 16 slots of 90 minutes, less the two the booking covers
    for slot in slots:
        booking = booking_request(
            actor=requester,
            instrument=instrument,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            now=NOW,
        )
        assert booking.status == "approved"
    assert free_slots(instrument, DAY, 1, now=NOW) == []


def test_the_window_is_bounded_and_ends_before_the_calendar_does(lab: Organisation) -> None:
    instrument = _instrument(lab, slot_minutes=24 * 60, lead_time_days=0)
    with pytest.raises(ValueError):
        free_slots(instrument, DAY, 32, now=NOW)
    with pytest.raises(ValueError):
        free_slots(instrument, DAY, 0, now=NOW)
    last = free_slots(instrument, date(9999, 11, 20), 31, now=NOW)
    assert _starts(last)[-1] == _at(date(9999, 11, 30), 0)
    assert free_slots(instrument, date(9999, 12, 31), 1, now=NOW) == []


def test_occupying_bookings_are_those_overlapping_the_window(lab: Organisation) -> None:
    instrument = _instrument(lab)
    before = _book(instrument, _at(DAY, 8), 1, "approved")  # ends as the window opens
    inside = _book(instrument, _at(DAY, 9), 1, "completed")
    across = _book(instrument, _at(DAY, 11), 2, "approved")
    _book(instrument, _at(DAY, 10), 1, "requested")
    window = occupying_bookings(instrument, _at(DAY, 9), _at(DAY, 12))
    assert list(window) == [inside, across]
    assert before not in window
