"""Calendar feeds a calendar app subscribes to."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from techbridge.facilities.ical import calendar, user_of_feed_token
from techbridge.facilities.models import OCCUPYING_STATUSES, Booking, Instrument

CONTENT_TYPE = "text/calendar; charset=utf-8"


def instrument_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """When the instrument is taken: times only, no names or purposes."""
    instrument = get_object_or_404(Instrument, pk=pk, is_active=True)
    since = timezone.now() - timedelta(days=30)
    bookings = (
        Booking.objects.filter(
            instrument=instrument, status__in=OCCUPYING_STATUSES, ends_at__gte=since
        )
        .select_related("instrument")
        .order_by("starts_at")
    )
    body = calendar(instrument.name, bookings, with_details=False)
    return HttpResponse(body, content_type=CONTENT_TYPE)


def user_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A user's own bookings, behind the signed link shown to them."""
    user_pk = user_of_feed_token(token)
    if user_pk is None:
        raise Http404
    bookings = (
        Booking.objects.filter(requester_id=user_pk)
        .exclude(status="cancelled")
        .select_related("instrument")
        .order_by("starts_at")
    )
    return HttpResponse(
        calendar("techbridge", bookings, with_details=True), content_type=CONTENT_TYPE
    )
