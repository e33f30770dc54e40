"""Booking instruments: request, approve or decline, complete, cancel.

The database refuses overlapping approved bookings (migration 0003); ``booking_approve``
turns that refusal into a clean, translated error, so racing approvals of one slot end with
exactly one approved booking and the others told the time is taken. Deciding on a booking
needs the deciding manager's second factor, whatever their role.

A request tells the instrument's managers (a request needing no approval tells them in their
digest), a decision tells the requester, a cancellation both sides; never the person acting.
Notifications are written in the step's transaction, so a refused step tells nobody.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Membership, User
from techbridge.accounts.two_factor import second_factor_confirmed
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.facilities.fees import booking_terms
from techbridge.facilities.models import (
    OCCUPYING_STATUSES,
    Booking,
    BookingStatus,
    Instrument,
    InstrumentTraining,
)
from techbridge.notifications.kinds import names_in_languages
from techbridge.notifications.links import unprefixed
from techbridge.notifications.services import notify

MANAGER_ROLES = (MembershipRole.FACILITY_MANAGER, MembershipRole.ADMIN)
SECOND_FACTOR_FOR_DECISIONS = gettext_lazy(
    "Confirm your second factor (an authenticator app code) before deciding on bookings."
)


def can_manage(user: Any, instrument: Instrument) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(
        user=user, organisation_id=instrument.organisation_id, role__in=MANAGER_ROLES
    ).exists()


def on_slot_grid(instrument: Instrument, starts_at: datetime) -> bool:
    """Whether ``starts_at`` begins one of the instrument's slots. Slots start at local
    midnight (the platform's time zone, that of Hong Kong and of Chongqing alike) and follow
    each other through the day, so that bookings fit together without unusable gaps; a slot
    of a day or longer starts at midnight."""
    local = timezone.localtime(starts_at)
    since_midnight = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
    return not since_midnight % timedelta(minutes=instrument.slot_minutes)


def booking_request(
    *,
    actor: Any,
    instrument: Instrument,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str = "",
    now: datetime | None = None,
) -> Booking:
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Log in to book an instrument."))
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not instrument.is_active:
        errors["instrument"] = [_("This instrument is not taking bookings.")]
    if ends_at <= starts_at:
        errors["ends_at"] = [_("The booking must end after it starts.")]
    if starts_at < now + timedelta(days=instrument.lead_time_days):
        errors["starts_at"] = [
            _("Book at least %(days)d days ahead.") % {"days": instrument.lead_time_days}
        ]
    slot = timedelta(minutes=instrument.slot_minutes)
    if ends_at > starts_at and (ends_at - starts_at) % slot:
        errors["ends_at"] = [
            _("Book whole slots of %(minutes)d minutes.") % {"minutes": instrument.slot_minutes}
        ]
    if not on_slot_grid(instrument, starts_at):
        errors.setdefault("starts_at", []).append(
            _(
                "Start at the beginning of a slot: slots of %(minutes)d minutes start at "
                "midnight and follow each other through the day."
            )
            % {"minutes": instrument.slot_minutes}
        )
    if (
        instrument.requires_training
        and not can_manage(actor, instrument)
        and not InstrumentTraining.objects.filter(instrument=instrument, user=actor).exists()
    ):
        errors["instrument"] = [
            _(
                "This instrument needs training first: ask its managers to record your "
                "training before you book."
            )
        ]
    if errors:
        raise ServiceValidationError(errors)
    terms = booking_terms(actor, instrument)
    fields: dict[str, Any] = {
        "instrument": instrument,
        "requester": actor,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "purpose": purpose.strip(),
        "requester_organisation": terms.organisation,
        "user_category": terms.category,
        "is_cross_boundary": terms.cross_boundary,
        "fee_rate": terms.rate,
        "fee_currency": terms.currency,
    }
    if instrument.requires_approval:
        # Time already approved is not requested again, whatever the door (page or API); a
        # request over time only requested is allowed: the managers choose between them.
        if Booking.objects.filter(
            instrument=instrument,
            status__in=OCCUPYING_STATUSES,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        ).exists():
            raise ServiceValidationError(
                _("This time overlaps an approved booking of the instrument.")
            )
        with transaction.atomic():
            booking = Booking.objects.create(**fields)
            _notify_managers(booking, "booking_requested", actor=actor)
        return booking
    # No approval step: the request takes the time at once, or is refused if it is taken.
    try:
        with transaction.atomic():
            # Takers of one instrument's time queue on its row, as approvals do (see _decide).
            Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
            booking = Booking.objects.create(
                **fields, status=BookingStatus.APPROVED, decided_at=now
            )
            _notify_managers(booking, "booking_made", actor=actor)
            return booking
    except IntegrityError as error:
        if "facilities_booking_no_overlap" not in str(error):
            raise
        raise ServiceValidationError(
            _("This time overlaps an approved booking of the instrument.")
        ) from error


def _decide(actor: Any, booking: Booking, status: str) -> Booking:
    if not can_manage(actor, booking.instrument):
        raise PermissionDenied(_("Only the instrument's managers decide on bookings."))
    # Organisation administrators decide too, and are not otherwise asked for a second factor
    # (facility managers are, on every page): a decision is where it is required of all.
    if not second_factor_confirmed(actor):
        raise PermissionDenied(SECOND_FACTOR_FOR_DECISIONS)
    try:
        with transaction.atomic():
            # Decisions on one instrument take turns (its row is the queue): concurrent
            # approvals checking PostgreSQL's exclusion constraint against each other's
            # uncommitted rows would otherwise deadlock. The constraint stays the guarantee.
            Instrument.objects.select_for_update().filter(pk=booking.instrument_id).first()
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            if locked.status != BookingStatus.REQUESTED:
                raise ServiceValidationError(_("This booking has been decided already."))
            locked.status = status
            locked.decided_by, locked.decided_at = actor, timezone.now()
            locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
            if locked.requester_id != actor.pk:
                notify(
                    [locked.requester],
                    "booking_decided",
                    params={
                        **_booking_params(locked),
                        "approved": status == BookingStatus.APPROVED,
                    },
                    link=_requester_link(locked),
                )
    except IntegrityError as error:
        if "facilities_booking_no_overlap" not in str(error):
            raise
        raise ServiceValidationError(
            _("This time overlaps an approved booking of the instrument.")
        ) from error
    return locked


def booking_approve(*, actor: Any, booking: Booking) -> Booking:
    return _decide(actor, booking, BookingStatus.APPROVED)


def booking_decline(*, actor: Any, booking: Booking) -> Booking:
    return _decide(actor, booking, BookingStatus.DECLINED)


def booking_complete(*, actor: Any, booking: Booking, actual_hours: Decimal) -> Booking:
    if not can_manage(actor, booking.instrument):
        raise PermissionDenied(_("Only the instrument's managers decide on bookings."))
    if booking.status != BookingStatus.APPROVED:
        raise ServiceValidationError(_("Only an approved booking can be completed."))
    if actual_hours < 0:
        raise ServiceValidationError({"actual_hours": [_("Hours cannot be negative.")]})
    booked = Decimal((booking.ends_at - booking.starts_at).total_seconds()) / 3600
    if actual_hours > booked:
        raise ServiceValidationError(
            {
                "actual_hours": [
                    _("At most %(hours)s hours were booked.") % {"hours": f"{booked.normalize():f}"}
                ]
            }
        )
    booking.status, booking.actual_hours = BookingStatus.COMPLETED, actual_hours
    booking.save(update_fields=["status", "actual_hours", "updated_at"])
    return booking


def booking_cancel(*, actor: Any, booking: Booking) -> Booking:
    if actor.pk != booking.requester_id and not can_manage(actor, booking.instrument):
        raise PermissionDenied(_("Only the requester or the managers cancel a booking."))
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.APPROVED):
        raise ServiceValidationError(_("This booking can no longer be cancelled."))
    with transaction.atomic():
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status", "updated_at"])
        # Whoever did not cancel it: the requester, and the managers whose calendar it frees.
        if booking.requester_id != actor.pk:
            notify(
                [booking.requester],
                "booking_cancelled",
                params=_booking_params(booking, by=actor),
                link=_requester_link(booking),
            )
        _notify_managers(booking, "booking_cancelled", actor=actor)
    return booking


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _booking_params(booking: Booking, by: Any = None) -> dict[str, Any]:
    """What a booking notification's text needs, in every language (``by``: who acted,
    when it was not the requester)."""
    return {
        "booking": booking.pk,
        "person": (by or booking.requester).get_full_name(),
        "instrument": names_in_languages(booking.instrument),
        "start": _local(booking.starts_at),
        "end": _local(booking.ends_at),
    }


def _requester_link(booking: Booking) -> str:
    """The requester's row among their bookings."""
    return unprefixed("web:my_bookings") + f"#booking-{booking.pk}"


def _notify_managers(booking: Booking, kind: str, *, actor: Any) -> None:
    """Tell the instrument's active managers (by e-mail address order), never the actor nor
    the requester (told on their own); a request links to its row among the requests to
    decide."""
    managers = (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=booking.instrument.organisation_id,
            memberships__role__in=MANAGER_ROLES,
        )
        .exclude(pk__in={actor.pk, booking.requester_id})
        .distinct()
        .order_by("email")
    )
    params = _booking_params(booking, by=actor)
    if kind != "booking_cancelled" and booking.purpose:
        params["purpose"] = booking.purpose
    anchor = f"#decide-booking-{booking.pk}" if kind == "booking_requested" else ""
    notify(managers, kind, params=params, link=unprefixed("web:my_bookings") + anchor)


def training_record(
    *, actor: Any, instrument: Instrument, user: Any, trained_on: date
) -> InstrumentTraining:
    """Record that ``user`` is trained on ``instrument`` (its managers only; once per user)."""
    if not can_manage(actor, instrument):
        raise PermissionDenied(_("Only the instrument's managers record training."))
    training, _created = InstrumentTraining.objects.get_or_create(
        instrument=instrument,
        user=user,
        defaults={"trained_on": trained_on, "recorded_by": actor},
    )
    return training
