"""Instrument pages and bookings: browse instruments, request time, and, for the
instrument's managers, approve or decline; everyone's own bookings with their calendar link."""

from __future__ import annotations

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
    booking_decline,
    booking_request,
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
                booking_request(actor=request.user, instrument=instrument, **form.cleaned_data)
            except ServiceValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(request, _("Your booking request is sent to the managers."))
                return redirect("web:my_bookings")
    busy = instrument.bookings.filter(
        status__in=OCCUPYING_STATUSES, ends_at__gte=timezone.now()
    ).order_by("starts_at")[:50]
    status = 400 if form.errors else 200
    context = {"instrument": instrument, "form": form, "busy": busy}
    return render(request, "web/instrument_detail.html", context, status=status)


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    user = cast(Any, request.user)
    managed = Membership.objects.filter(user=user, role__in=MANAGER_ROLES).values_list(
        "organisation_id", flat=True
    )
    pending = (
        Booking.objects.filter(
            instrument__organisation_id__in=list(managed), status=BookingStatus.REQUESTED
        )
        .select_related("instrument", "requester")
        .order_by("starts_at")
    )
    mine = (
        Booking.objects.filter(requester=user).select_related("instrument").order_by("-starts_at")
    )
    feed = request.build_absolute_uri(reverse("web:user_calendar", args=[user_feed_token(user.pk)]))
    return render(request, "web/my_bookings.html", {"pending": pending, "mine": mine, "feed": feed})


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
def booking_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("instrument"), pk=pk)
    try:
        booking_cancel(actor=request.user, booking=booking)
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("web:my_bookings")
