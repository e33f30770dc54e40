"""Reading instruments' time: the bookings that hold it, and the slots still free to request.

A slot is free when a request for it would pass the booking rules on time: it starts on the
instrument's slot grid (``services.on_slot_grid``), no sooner than the lead time allows, and
no approved or completed booking (``OCCUPYING_STATUSES``) overlaps it. Requested bookings do
not hold time: several people may ask for the same slot and the managers choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from techbridge.facilities.models import OCCUPYING_STATUSES, Booking, BookingStatus, Instrument
from techbridge.facilities.services import on_slot_grid

# The longest window of free slots one question may ask about.
MAX_FREE_SLOT_DAYS = 31
# Days far enough from the end of the calendar Python can represent that a slot (a week at
# most) starting on them still ends inside it; later days have no free slots.
_LAST_DAY = date(9999, 12, 1)
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


def occupying_bookings(instrument: Instrument, start: datetime, end: datetime) -> QuerySet[Booking]:
    """The bookings holding some of the instrument's time between ``start`` and ``end``,
    earliest first."""
    return Booking.objects.filter(
        instrument=instrument, status__in=OCCUPYING_STATUSES, starts_at__lt=end, ends_at__gt=start
    ).order_by("starts_at", "pk")


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _merged(bookings: QuerySet[Booking]) -> list[tuple[datetime, datetime]]:
    """The bookings' times as disjoint intervals in order (bookings may touch or, completed
    ones recorded late, overlap)."""
    merged: list[tuple[datetime, datetime]] = []
    for booking in bookings:
        if merged and booking.starts_at <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], booking.ends_at))
        else:
            merged.append((booking.starts_at, booking.ends_at))
    return merged


def free_slots(
    instrument: Instrument, first_day: date, days: int, now: datetime | None = None
) -> list[Slot]:
    """The slots starting on the ``days`` local days from ``first_day`` that a request could
    still take, in order. Slots start at local midnight and follow each other through the day;
    the last one of a day may run past midnight."""
    if not 1 <= days <= MAX_FREE_SLOT_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_FREE_SLOT_DAYS}")
    if first_day >= _LAST_DAY:
        return []
    now = now or timezone.now()
    earliest = now + timedelta(days=instrument.lead_time_days)
    # Days before the earliest start have no free slot: skip them without computing them.
    first = max(first_day, timezone.localtime(earliest).date())
    end_day = min(first_day + timedelta(days=days), _LAST_DAY)
    if first >= end_day:
        return []
    slot = timedelta(minutes=instrument.slot_minutes)
    window_start, window_end = _local_midnight(first), _local_midnight(end_day) + slot
    busy = _merged(occupying_bookings(instrument, window_start, window_end))
    slots: list[Slot] = []
    taken = 0  # busy[:taken] end before the slot being looked at, and before every later one
    day = first
    while day < end_day:
        midnight = _local_midnight(day)
        starts_at = midnight
        while starts_at - midnight < _DAY:
            ends_at = starts_at + slot
            while taken < len(busy) and busy[taken][1] <= starts_at:
                taken += 1
            overlaps = taken < len(busy) and busy[taken][0] < ends_at
            if starts_at >= earliest and not overlaps and on_slot_grid(instrument, starts_at):
                slots.append(Slot(starts_at, ends_at))
            starts_at = ends_at
        day += _DAY
    return slots


class SlotState:
    """What a slot of the week view is to the person looking: free to request, taken (by an
    approved or completed booking, whoever holds it), theirs (their own request waiting for the
    managers, or their own booking), or closed (too soon, or past)."""

    FREE = "free"
    TAKEN = "taken"
    REQUESTED = "requested"
    YOURS = "yours"
    CLOSED = "closed"


@dataclass(frozen=True)
class WeekSlot:
    starts_at: datetime
    ends_at: datetime
    state: str


@dataclass(frozen=True)
class WeekDay:
    day: date
    slots: list[WeekSlot]


def _overlapping(
    intervals: list[tuple[datetime, datetime]], start: datetime, end: datetime
) -> bool:
    return any(begin < end and start < finish for begin, finish in intervals)


def week_slots(
    instrument: Instrument,
    first_day: date,
    viewer: Any = None,
    days: int = 7,
    now: datetime | None = None,
) -> list[WeekDay]:
    """Every slot of the instrument's grid on the ``days`` local days from ``first_day``, each
    with its state for ``viewer`` (anyone, when None or anonymous). Free slots are exactly
    those of ``free_slots``; a taken slot says nothing of who holds it."""
    if not 1 <= days <= MAX_FREE_SLOT_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_FREE_SLOT_DAYS}")
    end_day = min(first_day + timedelta(days=days), _LAST_DAY)
    if first_day >= end_day:
        return []
    now = now or timezone.now()
    slot = timedelta(minutes=instrument.slot_minutes)
    window_start, window_end = _local_midnight(first_day), _local_midnight(end_day) + slot
    free = {s.starts_at for s in free_slots(instrument, first_day, (end_day - first_day).days, now)}
    occupying = list(occupying_bookings(instrument, window_start, window_end))
    own: list[tuple[datetime, datetime]] = []
    own_requests: list[tuple[datetime, datetime]] = []
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        own = [(b.starts_at, b.ends_at) for b in occupying if b.requester_id == viewer.pk]
        own_requests = list(
            Booking.objects.filter(
                instrument=instrument,
                requester=viewer,
                status=BookingStatus.REQUESTED,
                starts_at__lt=window_end,
                ends_at__gt=window_start,
            ).values_list("starts_at", "ends_at")
        )
    taken = _merged_intervals([(b.starts_at, b.ends_at) for b in occupying])
    week: list[WeekDay] = []
    day = first_day
    while day < end_day:
        midnight = _local_midnight(day)
        slots: list[WeekSlot] = []
        starts_at = midnight
        while starts_at - midnight < _DAY:
            ends_at = starts_at + slot
            if _overlapping(own, starts_at, ends_at):
                state = SlotState.YOURS
            elif _overlapping(taken, starts_at, ends_at):
                state = SlotState.TAKEN
            elif _overlapping(own_requests, starts_at, ends_at):
                state = SlotState.REQUESTED
            elif starts_at in free:
                state = SlotState.FREE
            else:
                state = SlotState.CLOSED
            slots.append(WeekSlot(starts_at, ends_at, state))
            starts_at = ends_at
        week.append(WeekDay(day, slots))
        day += _DAY
    return week


def _merged_intervals(
    intervals: list[tuple[datetime, datetime]],
) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def free_runs(
    instrument: Instrument, day: date, length: timedelta, now: datetime | None = None
) -> list[Slot]:
    """The times of ``length`` (whole slots) starting on local ``day`` that a request could
    still take: runs of consecutive free slots, one per free starting slot, in order."""
    slots = free_slots(instrument, day, 1, now)
    if length <= timedelta(0):
        return []
    slot = timedelta(minutes=instrument.slot_minutes)
    needed = -(-length // slot)  # whole slots, rounded up
    # The run may continue into the next day's first slots.
    following = free_slots(instrument, day + _DAY, 1, now) if day + _DAY < _LAST_DAY else []
    starts = {s.starts_at for s in slots} | {s.starts_at for s in following}
    runs: list[Slot] = []
    for candidate in slots:
        if all(candidate.starts_at + slot * k in starts for k in range(needed)):
            runs.append(Slot(candidate.starts_at, candidate.starts_at + slot * needed))
    return runs
