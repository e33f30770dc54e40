"""Instrument pages and bookings: browse instruments, request time, and, for the
instrument's managers, approve or decline; everyone's own bookings with their calendar link."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from techbridge.accounts.models import Membership
from techbridge.core.errors import ServiceValidationError
from techbridge.facilities.ical import user_feed_token
from techbridge.facilities.models import OCCUPYING_STATUSES, Booking, BookingStatus, Instrument
from techbridge.facilities.services import (
    MANAGER_ROLES,
    booking_approve,
    booking_cancel,
    booking_complete,
    booking_decline,
    booking_request,
    can_manage,
)


@dataclass(frozen=True)
class MonthGrid:
    first: date
    weeks: list[list[tuple[date, list[Booking]]]]
    previous: str
    next: str


def month_grid(instrument: Instrument, wanted: str) -> MonthGrid:
    """The availability calendar: one month (``YYYY-MM``, default this one), weeks from
    Monday, each day with the times taken on it."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in wanted.split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start = timezone.make_aware(datetime.combine(weeks[0][0], time.min))
    end = timezone.make_aware(datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min))
    taken: dict[date, list[Booking]] = {}
    for booking in instrument.bookings.filter(
        status__in=OCCUPYING_STATUSES, starts_at__lt=end, ends_at__gt=start
    ).order_by("starts_at"):
        taken.setdefault(timezone.localtime(booking.starts_at).date(), []).append(booking)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return MonthGrid(
        first=first,
        weeks=[[(day, taken.get(day, [])) for day in week] for week in weeks],
        previous=previous.strftime("%Y-%m"),
        next=following.strftime("%Y-%m"),
    )


class BookingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
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
    form = BookingForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('web:login')}?next={request.path}")
        if form.is_valid():
            try:
                booking = booking_request(
                    actor=request.user, instrument=instrument, **form.cleaned_data
                )
            except ServiceValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(request, _booked_message(booking))
                return redirect("web:my_bookings")
    busy = instrument.bookings.filter(
        status__in=OCCUPYING_STATUSES, ends_at__gte=timezone.now()
    ).order_by("starts_at")[:50]
    status = 400 if form.errors else 200
    context = {
        "instrument": instrument,
        "form": form,
        "busy": busy,
        "month": month_grid(instrument, request.GET.get("month", "")),
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


@login_required
@require_POST
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("instrument"), pk=pk)
    decide = booking_approve if request.POST.get("decision") == "approve" else booking_decline
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
    try:
        booking_cancel(actor=request.user, booking=booking)
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("web:my_bookings")
