"""Booking terms: the requester's category, cross-boundary flag and the quoted fee, fixed at
request time."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from techbridge.facilities.fees import booking_hours, booking_total
from techbridge.facilities.models import Booking, Instrument, InstrumentFee
from techbridge.facilities.services import booking_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def microscope(db: None) -> Instrument:
    lab = OrganisationFactory.create(
        slug="cq-lab", org_type=OrganisationType.LABORATORY, region=Region.CHONGQING
    )
    instrument = Instrument.objects.create(
        organisation=lab, name_zh_hans="冷冻电镜", category="imaging", lead_time_days=0
    )
    for category, currency, rate in (
        ("internal", "CNY", "100"),
        ("academic", "CNY", "300"),
        ("industry", "CNY", "600"),
        ("industry", "HKD", "650"),
        ("cross_boundary", "HKD", "330"),
        ("cross_boundary", "CNY", "280"),
    ):
        InstrumentFee.objects.create(
            instrument=instrument, user_category=category, currency=currency, hourly_rate=rate
        )
    return instrument


def _book(user: User, instrument: Instrument) -> tuple[str, bool, Decimal | None, str]:
    start = (timezone.now() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    booking = booking_request(
        actor=user, instrument=instrument, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    return booking.user_category, booking.is_cross_boundary, booking.fee_rate, booking.fee_currency


def test_categories_and_fees(
    microscope: Instrument, officer: User, cq_enterprise: Organisation
) -> None:
    host_member = member_of(microscope.organisation, MembershipRole.MEMBER)
    assert _book(host_member, microscope) == ("internal", False, Decimal("100.00"), "CNY")
    # A Hong Kong university: cross-boundary fee, in the instrument's local currency.
    assert _book(officer, microscope) == ("cross_boundary", True, Decimal("280.00"), "CNY")
    enterprise_member = member_of(cq_enterprise, MembershipRole.MEMBER)
    assert _book(enterprise_member, microscope) == ("industry", False, Decimal("600.00"), "CNY")
    assert _book(UserFactory.create(), microscope) == ("industry", False, Decimal("600.00"), "CNY")


def test_no_fee_defined_quotes_nothing(officer: User, hk_university: Organisation) -> None:
    chongqing = OrganisationFactory.create(slug="cq-uni", region=Region.CHONGQING)
    instrument = Instrument.objects.create(
        organisation=chongqing, name_en="Lathe", category="fabrication", lead_time_days=0
    )
    assert _book(officer, instrument) == ("cross_boundary", True, None, "")


def test_instrument_without_approval_step_takes_the_time_at_once(
    microscope: Instrument, officer: User
) -> None:
    from techbridge.core.errors import ServiceValidationError

    microscope.requires_approval = False
    microscope.save()
    start = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    first = booking_request(
        actor=officer, instrument=microscope, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    assert first.status == "approved"
    with pytest.raises(ServiceValidationError, match="overlaps"):
        booking_request(
            actor=officer,
            instrument=microscope,
            starts_at=start + timedelta(hours=1),
            ends_at=start + timedelta(hours=3),
        )
    assert microscope.bookings.count() == 1


def test_month_calendar_shows_taken_times(
    client: object, microscope: Instrument, officer: User
) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    start = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    microscope.requires_approval = False
    microscope.save()
    booking_request(
        actor=officer, instrument=microscope, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    page = client.get(
        f"/en/instruments/{microscope.pk}/", {"month": start.strftime("%Y-%m")}
    ).content.decode()
    assert f"Availability in {start.strftime('%B %Y')}" in page
    assert '<small class="taken">09:00–11:00</small>' in page


def test_total_is_hours_times_rate_to_the_cent(microscope: Instrument, outsider: User) -> None:
    start = timezone.localtime().replace(microsecond=0) + timedelta(days=3)
    booking = Booking(
        instrument=microscope,
        requester=outsider,
        starts_at=start,
        ends_at=start + timedelta(minutes=100),
        fee_rate=Decimal("330.00"),
        fee_currency="HKD",
    )
    assert booking_hours(booking) == Decimal("1.67")
    assert booking_total(booking) == Decimal("551.10")
    booking.actual_hours = Decimal("0.50")
    assert (booking_hours(booking), booking_total(booking)) == (Decimal("0.50"), Decimal("165.00"))
    booking.fee_rate = None
    assert booking_total(booking) is None
