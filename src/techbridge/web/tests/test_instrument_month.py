"""The instrument page's calendar month and its booking form never answer 500: months the
calendar cannot show get this month and a message, and a request for time already taken on an
instrument without an approval step is refused on the form, also when 20 requests race."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.accounts.choices import OrganisationType, Region
from techbridge.accounts.models import Organisation
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory
from techbridge.facilities.models import Booking, Instrument
from techbridge.facilities.services import booking_request

OVERLAP = "This time overlaps an approved booking of the instrument."


def _lab() -> Organisation:
    return OrganisationFactory.create(
        slug="cq-month-lab",
        name_zh_hans="重庆月历实验室",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )


def _instant_instrument(lab: Organisation) -> Instrument:
    """An instrument without an approval step: a request takes the time at once."""
    return Instrument.objects.create(
        organisation=lab,
        name_en="Mass spectrometer",
        category="testing",
        lead_time_days=1,
        requires_approval=False,
    )


def _start() -> datetime:
    return (timezone.localtime() + timedelta(days=4)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )


def _slot(start: datetime) -> dict[str, str]:
    return {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "purpose": "Isotope ratios",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["9999-12", "0001-01", "0000-05", "2026-13", "10000-01"])
def test_months_the_calendar_cannot_show_get_this_month_and_a_message(
    client: Client, month: str
) -> None:
    instrument = _instant_instrument(_lab())
    response = client.get(f"/en/instruments/{instrument.pk}/", {"month": month})
    assert response.status_code == 400
    page = response.content.decode()
    this_month = timezone.localdate().strftime("%B %Y")
    assert f"Availability in {this_month}" in page
    assert "The calendar shows months from 0002-01 to 9998-12, given as YYYY-MM" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("month", "previous", "following"),
    [("0002-01", "0002-01", "0002-02"), ("9998-12", "9998-11", "9998-12")],
)
def test_the_first_and_last_months_show_and_link_within_range(
    client: Client, month: str, previous: str, following: str
) -> None:
    instrument = _instant_instrument(_lab())
    response = client.get(f"/en/instruments/{instrument.pk}/", {"month": month})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="?month={previous}"' in page and f'href="?month={following}"' in page


@pytest.mark.django_db
@settings(
    deadline=None, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(month=st.text(alphabet="0123456789-", max_size=12))
def test_no_month_parameter_answers_500(client: Client, month: str) -> None:
    instrument = Instrument.objects.first() or _instant_instrument(_lab())
    response = client.get(f"/en/instruments/{instrument.pk}/", {"month": month})
    assert response.status_code in (200, 400)


@pytest.mark.django_db
def test_request_over_an_approved_booking_is_refused_on_the_form(client: Client) -> None:
    instrument = _instant_instrument(_lab())
    start = _start()
    holder = UserFactory.create()
    taken = booking_request(
        actor=holder, instrument=instrument, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    assert taken.status == "approved"
    client.force_login(UserFactory.create())
    response = client.post(f"/en/instruments/{instrument.pk}/", _slot(start))
    assert response.status_code == 400
    assert OVERLAP in response.content.decode()
    assert list(Booking.objects.values_list("pk", flat=True)) == [taken.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_racing_page_requests_take_one_booking_and_refuse_the_rest() -> None:
    """20 visitors submit the same slot at once (each its own client and database
    connection): one takes it, the other 19 get the form back with the overlap message."""
    instrument = _instant_instrument(_lab())
    start = _start()
    visitors = [UserFactory.create() for _ in range(20)]
    gate = threading.Barrier(20)

    def submit(visitor: object) -> tuple[int, bool]:
        client = Client()
        client.force_login(visitor)  # type: ignore[arg-type]
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait(timeout=5)
            response = client.post(f"/en/instruments/{instrument.pk}/", _slot(start))
            return response.status_code, OVERLAP in response.content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(submit, visitors))
    assert outcomes.count((302, False)) == 1, outcomes
    assert outcomes.count((400, True)) == 19, outcomes
    booking = Booking.objects.get()
    assert (booking.status, booking.starts_at) == ("approved", start)
