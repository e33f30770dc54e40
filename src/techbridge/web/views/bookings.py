"""Instrument pages and bookings: browse instruments, request time, and, for the
instrument's managers, approve or decline; everyone's own bookings with their calendar link."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from techbridge.accounts.models import Membership
from techbridge.accounts.two_factor import second_factor_confirmed
from techbridge.core.errors import ServiceValidationError
from techbridge.facilities.fees import booking_terms, hours_between
from techbridge.facilities.ical import user_feed_token
from techbridge.facilities.models import (
    OCCUPYING_STATUSES,
    Booking,
    BookingStatus,
    Instrument,
    UserCategory,
    currency_label,
)
from techbridge.facilities.selectors import (
    Slot,
    SlotState,
    WeekSlot,
    free_runs,
    occupying_bookings,
    week_slots,
)
from techbridge.facilities.services import (
    MANAGER_ROLES,
    SECOND_FACTOR_FOR_DECISIONS,
    booking_approve,
    booking_cancel,
    booking_complete,
    booking_decline,
    booking_request,
    can_manage,
)
from techbridge.web.base_forms import add_service_errors
from techbridge.web.confirming import Confirmation, ask, carried, is_confirmed
from techbridge.web.presenting import clock_end, joined


@dataclass(frozen=True)
class MonthGrid:
    first: date
    weeks: list[list[tuple[date, list[Booking]]]]
    previous: str
    next: str


# Months the calendar can show: the weeks around them, and the months before and after them,
# must stay within the dates Python can represent (years 1 to 9999).
FIRST_MONTH, LAST_MONTH = date(MINYEAR + 1, 1, 1), date(MAXYEAR - 1, 12, 1)


def parse_month(wanted: str) -> date | None:
    """The first day of the month ``YYYY-MM``, or None when it is not a month the calendar
    can show (not of that form, or too far in the past or future)."""
    try:
        year, month = (int(part) for part in wanted.split("-"))
        first = date(year, month, 1)
    except (ValueError, OverflowError):  # OverflowError: a year past a C integer
        return None
    return first if FIRST_MONTH <= first <= LAST_MONTH else None


def month_text(first: date) -> str:
    """``YYYY-MM`` (strftime would not pad the years before 1000)."""
    return f"{first.year:04d}-{first.month:02d}"


def month_grid(instrument: Instrument, first: date | None = None) -> MonthGrid:
    """The availability calendar: one month (default this one), weeks from Monday, each day
    with the times taken on it."""
    first = first or timezone.localdate().replace(day=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start = timezone.make_aware(datetime.combine(weeks[0][0], time.min))
    end = timezone.make_aware(datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min))
    taken: dict[date, list[Booking]] = {}
    for booking in occupying_bookings(instrument, start, end):
        taken.setdefault(timezone.localtime(booking.starts_at).date(), []).append(booking)
    previous = max((first - timedelta(days=1)).replace(day=1), FIRST_MONTH)
    following = min((first + timedelta(days=32)).replace(day=1), LAST_MONTH)
    return MonthGrid(
        first=first,
        weeks=[[(day, taken.get(day, [])) for day in week] for week in weeks],
        previous=month_text(previous),
        next=month_text(following),
    )


# Weeks the week view can show: navigating a week either way stays within Python's dates.
FIRST_WEEK, LAST_WEEK = date(MINYEAR + 1, 1, 1), date(MAXYEAR - 1, 12, 1)
SLOT_STATE_LABELS = {
    SlotState.FREE: gettext_lazy("Free"),
    SlotState.TAKEN: gettext_lazy("Taken"),
    SlotState.REQUESTED: gettext_lazy("Your request"),
    SlotState.YOURS: gettext_lazy("Your booking"),
    SlotState.CLOSED: gettext_lazy("Not open"),
}
# The most alternatives named when a request clashes.
MAX_ALTERNATIVES = 5
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(wanted: str) -> date | None:
    """The Monday of the week holding the date ``YYYY-MM-DD``, or None when it is not a date
    the week view can show."""
    try:
        day = date.fromisoformat(wanted)
    except ValueError:
        return None
    if len(wanted) != 10 or not FIRST_WEEK <= day <= LAST_WEEK:
        return None
    return max(_monday(day), FIRST_WEEK)


def _first_open_day(instrument: Instrument) -> date:
    """The first local day a request could start on (after the lead time)."""
    return timezone.localtime(timezone.now() + timedelta(days=instrument.lead_time_days)).date()


@dataclass(frozen=True)
class WeekView:
    first: date
    last: date
    days: list[tuple[date, list[tuple[WeekSlot, str, str]]]]
    previous: str
    next: str
    free: int


def _slot_link(instrument: Instrument, week_first: date, slot: Slot | WeekSlot) -> str:
    """The instrument page with the request form filled in for ``slot``."""
    query = urlencode(
        {
            "week": week_first.isoformat(),
            "starts_at": timezone.localtime(slot.starts_at).strftime(LOCAL_INPUT),
            "ends_at": timezone.localtime(slot.ends_at).strftime(LOCAL_INPUT),
        }
    )
    return f"{reverse('web:instrument', args=[instrument.pk])}?{query}#request"


def _closed_runs_joined(slots: list[WeekSlot]) -> list[WeekSlot]:
    """``slots`` with each run of consecutive slots that cannot be booked shown as one span
    (00:00–12:00 Not open): hour by hour, a past day or the lead time filled a phone's screen
    with "Not open" before the first free slot."""
    out: list[WeekSlot] = []
    for slot in slots:
        previous = out[-1] if out else None
        if (
            previous is not None
            and slot.state == previous.state == SlotState.CLOSED
            and previous.ends_at == slot.starts_at
        ):
            out[-1] = replace(previous, ends_at=slot.ends_at)
        else:
            out.append(slot)
    return out


def week_view(request: HttpRequest, instrument: Instrument, first: date) -> WeekView:
    """Seven days from ``first``: each slot of the instrument's grid with what it is to the
    viewer, free ones linked to the request form filled in for them."""
    days = []
    free = 0
    for day in week_slots(instrument, first, viewer=request.user):
        slots = []
        for slot in _closed_runs_joined(day.slots):
            link = _slot_link(instrument, first, slot) if slot.state == SlotState.FREE else ""
            free += slot.state == SlotState.FREE
            slots.append((slot, link, str(SLOT_STATE_LABELS[slot.state])))
        days.append((day.day, slots))
    previous = max(first - timedelta(days=7), FIRST_WEEK)
    following = min(first + timedelta(days=7), _monday(LAST_WEEK))
    return WeekView(
        first=first,
        last=first + timedelta(days=6),
        days=days,
        previous=previous.isoformat(),
        next=following.isoformat(),
        free=free,
    )


def _chosen_times(data: Any) -> tuple[datetime | None, datetime | None]:
    """The start and end given in ``data`` (the form's fields), each None when missing or not
    a date and time."""
    field = forms.DateTimeField()
    times: list[datetime | None] = []
    for name in ("starts_at", "ends_at"):
        try:
            times.append(field.clean(data.get(name, "")) or None)
        except forms.ValidationError:
            times.append(None)
    return times[0], times[1]


def _initial_times(chosen: tuple[datetime | None, datetime | None]) -> dict[str, str]:
    names = ("starts_at", "ends_at")
    return {
        name: timezone.localtime(value).strftime(LOCAL_INPUT)
        for name, value in zip(names, chosen, strict=True)
        if value is not None
    }


@dataclass(frozen=True)
class FeeQuote:
    hours: str
    rate: Decimal | None
    currency: str
    category: str
    total: Decimal | None


def fee_quote(
    user: Any, instrument: Instrument, starts_at: datetime | None, ends_at: datetime | None
) -> FeeQuote | None:
    """What the chosen time would cost the user: the hours times the rate that applies to
    them (``booking_terms``), in its currency; None without a signed-in user or a time."""
    if not getattr(user, "is_authenticated", False) or starts_at is None or ends_at is None:
        return None
    if ends_at <= starts_at:
        return None
    terms = booking_terms(user, instrument)
    hours = hours_between(starts_at, ends_at)
    total = (hours * terms.rate).quantize(Decimal("0.01")) if terms.rate is not None else None
    return FeeQuote(
        hours=f"{hours.normalize():f}",
        rate=terms.rate,
        currency=currency_label(terms.currency) if terms.currency else "",
        category=str(UserCategory(terms.category).label),
        total=total,
    )


def _refuse_clash(
    form: forms.Form, instrument: Instrument, starts_at: datetime, ends_at: datetime
) -> tuple[date, list[Slot]]:
    """Refuse a request over taken time on the form, naming the free times of the same
    length on that day nearest to the requested start (a later one before an earlier one
    as near), in order."""
    day = timezone.localtime(starts_at).date()
    runs = free_runs(instrument, day, ends_at - starts_at)
    nearest = sorted(
        runs, key=lambda run: (abs(run.starts_at - starts_at), run.starts_at < starts_at)
    )
    alternatives = sorted(nearest[:MAX_ALTERNATIVES], key=lambda run: run.starts_at)
    problem = _("This time overlaps an approved booking of the instrument.")
    when = formats.date_format(day, "DATE_FORMAT")
    if alternatives:
        times = joined(
            f"{timezone.localtime(run.starts_at):%H:%M}–{clock_end(run.ends_at)}"
            for run in alternatives
        )
        hint = _("Free for as long on %(day)s: %(times)s.") % {"day": when, "times": times}
    else:
        hint = _(
            "Nothing is free for as long on %(day)s; choose another time in the week above."
        ) % {"day": when}
    form.add_error(None, [problem, hint])
    return day, alternatives


class BookingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
    )
    purpose = forms.CharField(
        label=gettext_lazy("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _booked_message(booking: Booking) -> str:
    """What the requester is told: an instrument without an approval step has taken the
    time already; otherwise the request waits for the managers."""
    if booking.status != BookingStatus.APPROVED:
        return _("Your booking request is sent to the managers.")
    return _("Booked: %(instrument)s is yours from %(start)s to %(end)s.") % {
        "instrument": booking.instrument.name,
        "start": timezone.localtime(booking.starts_at).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(booking.ends_at).strftime("%Y-%m-%d %H:%M"),
    }


def instrument_list(request: HttpRequest) -> HttpResponse:
    instruments = (
        Instrument.objects.filter(is_active=True)
        .select_related("organisation")
        .prefetch_related("fees")
        .order_by("organisation__region", "name_en")
    )
    return render(request, "web/instruments.html", {"instruments": instruments})


def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(
        Instrument.objects.select_related("organisation").prefetch_related("fees"),
        pk=pk,
        is_active=True,
    )
    chosen = _chosen_times(request.GET)
    form = BookingForm(request.POST or None, initial=_initial_times(chosen))
    alternatives: list[Slot] = []
    clash_day: date | None = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('web:login')}?next={request.path}")
        if form.is_valid():
            starts_at, ends_at = form.cleaned_data["starts_at"], form.cleaned_data["ends_at"]
            chosen = (starts_at, ends_at)
            try:
                booking = booking_request(
                    actor=request.user, instrument=instrument, **form.cleaned_data
                )
            except ServiceValidationError as error:
                # The service refuses time already approved (nothing is stored); the page
                # then names the free times nearest to it instead.
                if (
                    ends_at > starts_at
                    and occupying_bookings(instrument, starts_at, ends_at).exists()
                ):
                    clash_day, alternatives = _refuse_clash(form, instrument, starts_at, ends_at)
                else:
                    add_service_errors(form, error)
            else:
                messages.success(request, _booked_message(booking))
                return redirect("web:my_bookings")
        else:
            chosen = _chosen_times(request.POST)
    busy = instrument.bookings.filter(
        status__in=OCCUPYING_STATUSES, ends_at__gte=timezone.now()
    ).order_by("starts_at")[:50]
    wanted = request.GET.get("month", "")
    first = parse_month(wanted) if wanted else None
    if wanted and first is None:
        messages.warning(
            request,
            _(
                "The calendar shows months from %(first)s to %(last)s, given as YYYY-MM; "
                "this month is shown instead."
            )
            % {"first": month_text(FIRST_MONTH), "last": month_text(LAST_MONTH)},
        )
    wanted_week = request.GET.get("week", "")
    week_first = parse_week(wanted_week) if wanted_week else None
    if wanted_week and week_first is None:
        messages.warning(
            request,
            _(
                "The week is given as a date, YYYY-MM-DD, from %(first)s to %(last)s; "
                "the first week open to requests is shown instead."
            )
            % {"first": FIRST_WEEK.isoformat(), "last": LAST_WEEK.isoformat()},
        )
    if week_first is None:
        week_first = _monday(clash_day or _first_open_day(instrument))
    bad_week = bool(wanted_week) and parse_week(wanted_week) is None
    status = 400 if form.errors or (wanted and first is None) or bad_week else 200
    context = {
        "instrument": instrument,
        "form": form,
        "busy": busy,
        "month": month_grid(instrument, first),
        "week": week_view(request, instrument, week_first),
        "quote": fee_quote(request.user, instrument, *chosen),
        "alternatives": [(slot, _slot_link(instrument, week_first, slot)) for slot in alternatives],
        "can_manage": can_manage(request.user, instrument),
    }
    return render(request, "web/instrument_detail.html", context, status=status)


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    user = cast(Any, request.user)
    managed = list(
        Membership.objects.filter(user=user, role__in=MANAGER_ROLES).values_list(
            "organisation_id", flat=True
        )
    )
    pending = (
        Booking.objects.filter(
            instrument__organisation_id__in=managed, status=BookingStatus.REQUESTED
        )
        .select_related("instrument", "requester")
        .order_by("starts_at")
    )
    to_complete = (
        Booking.objects.filter(
            instrument__organisation_id__in=managed,
            status=BookingStatus.APPROVED,
            starts_at__lt=timezone.now(),
        )
        .select_related("instrument", "requester")
        .order_by("starts_at")
    )
    mine = (
        Booking.objects.filter(requester=user).select_related("instrument").order_by("-starts_at")
    )
    feed = request.build_absolute_uri(reverse("web:user_calendar", args=[user_feed_token(user.pk)]))
    context = {
        "pending": pending,
        "to_complete": to_complete,
        "mine": mine,
        "feed": feed,
        "manages": bool(managed),
    }
    return render(request, "web/my_bookings.html", context)


def _when(booking: Booking) -> dict[str, str]:
    return {
        "instrument": booking.instrument.name,
        "start": timezone.localtime(booking.starts_at).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(booking.ends_at).strftime("%Y-%m-%d %H:%M"),
    }


def _ask_first(
    request: HttpRequest, booking: Booking, *, title: str, consequence: str, confirm: str
) -> HttpResponse:
    """The confirmation of a booking step that cannot be undone."""
    return ask(
        request,
        Confirmation(
            title=title,
            consequence=consequence,
            subject=_("%(instrument)s, from %(start)s to %(end)s.") % _when(booking),
            action=request.path,
            fields=carried(request, ["decision"]),
            confirm_label=confirm,
            cancel_url=reverse("web:my_bookings"),
            cancel_label=_("No, go back to my bookings"),
        ),
    )


@login_required
@require_POST
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("instrument", "requester"), pk=pk)
    if can_manage(request.user, booking.instrument) and not second_factor_confirmed(request.user):
        # An organisation administrator (whose other pages need no second factor) is sent to
        # confirm it and brought back; the service would refuse the decision anyway.
        messages.warning(request, str(SECOND_FACTOR_FOR_DECISIONS))
        target = f"{reverse('web:two_factor')}?next={reverse('web:my_bookings')}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return redirect(target)
    approve = request.POST.get("decision") == "approve"
    if not approve and not is_confirmed(request):
        if not can_manage(request.user, booking.instrument):
            raise PermissionDenied(_("Only the instrument's managers decide on bookings."))
        return _ask_first(
            request,
            booking,
            title=_("Decline the booking request"),
            consequence=_(
                "Declining refuses %(person)s this time for good: the decision cannot be "
                "changed afterwards, and they would have to ask again."
            )
            % {"person": booking.requester.get_full_name() or booking.requester.email},
            confirm=_("Yes, decline the request"),
        )
    decide = booking_approve if approve else booking_decline
    try:
        decide(actor=request.user, booking=booking)
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("web:my_bookings")


@login_required
@require_POST
def booking_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("instrument"), pk=pk)
    try:
        hours = Decimal(request.POST.get("actual_hours", ""))
    except InvalidOperation:
        messages.error(request, _("Give the hours used as a number."))
        return redirect("web:my_bookings")
    try:
        booking_complete(actor=request.user, booking=booking, actual_hours=hours)
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("web:my_bookings")


@login_required
@require_POST
def booking_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("instrument"), pk=pk)
    if not is_confirmed(request):
        if request.user.pk != booking.requester_id and not can_manage(
            request.user, booking.instrument
        ):
            raise PermissionDenied(_("Only the requester or the managers cancel a booking."))
        return _ask_first(
            request,
            booking,
            title=_("Cancel the booking"),
            consequence=_(
                "Cancelling gives this time back to others: the booking cannot be restored, "
                "and the time may be taken by someone else before you ask again."
            ),
            confirm=_("Yes, cancel the booking"),
        )
    try:
        booking_cancel(actor=request.user, booking=booking)
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("web:my_bookings")
