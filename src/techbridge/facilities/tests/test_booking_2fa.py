"""Deciding on a booking needs the deciding manager's second factor, organisation
administrators included (facility managers need it on every page already); a refused decision
changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.core.errors import PermissionDenied
from techbridge.facilities.models import Booking, Instrument
from techbridge.facilities.services import booking_approve, booking_decline, booking_request

pytestmark = pytest.mark.django_db

SECOND_FACTOR = (
    "Confirm your second factor (an authenticator app code) before deciding on bookings."
)


@pytest.fixture
def lab() -> Organisation:
    return OrganisationFactory.create(
        slug="cq-2fa-lab",
        name_zh_hans="重庆双重认证实验室",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )


@pytest.fixture
def org_admin(lab: Organisation) -> User:
    return member_of(lab, MembershipRole.ADMIN, email="admin@cq-2fa-lab.example.org")


@pytest.fixture
def requested(lab: Organisation) -> Booking:
    instrument = Instrument.objects.create(
        organisation=lab, name_en="Confocal microscope", category="imaging", lead_time_days=1
    )
    start = (timezone.localtime() + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return booking_request(
        actor=UserFactory.create(),
        instrument=instrument,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )


def _unchanged(booking: Booking) -> None:
    fresh = Booking.objects.get(pk=booking.pk)
    assert (fresh.status, fresh.decided_by_id, fresh.decided_at) == ("requested", None, None)
    assert fresh.updated_at == booking.updated_at


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_an_org_admin_without_the_second_factor_is_sent_to_confirm_it(
    client: Client, org_admin: User, requested: Booking, decision: str
) -> None:
    client.force_login(org_admin)  # a session without a second factor
    response = client.post(f"/en/bookings/{requested.pk}/decide/", {"decision": decision})
    assert response.status_code == 302
    assert response["Location"] == "/en/two-factor/?next=/en/my/bookings/"
    _unchanged(requested)
    page = client.get(response["Location"]).content.decode()
    assert SECOND_FACTOR in page


def test_an_org_admin_with_the_second_factor_approves(
    client: Client, org_admin: User, requested: Booking
) -> None:
    log_in_verified(client, org_admin)
    response = client.post(f"/en/bookings/{requested.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == "/en/my/bookings/"
    approved = Booking.objects.get(pk=requested.pk)
    assert (approved.status, approved.decided_by) == ("approved", org_admin)


@pytest.mark.parametrize("decide", [booking_approve, booking_decline])
def test_the_service_refuses_an_actor_whose_request_lacks_the_second_factor(
    org_admin: User, requested: Booking, decide: object
) -> None:
    """Whatever the door (page, API), the acting user answers is_verified() as its session or
    token says; the service itself refuses, so no path can forget to ask."""
    org_admin.is_verified = lambda: False  # type: ignore[attr-defined]  # as django-otp sets it
    with pytest.raises(PermissionDenied) as refused:
        decide(actor=org_admin, booking=requested)  # type: ignore[operator]
    assert str(refused.value) == SECOND_FACTOR
    _unchanged(requested)


def test_a_facility_manager_is_held_at_the_second_factor_page_as_before(
    client: Client, lab: Organisation, requested: Booking
) -> None:
    manager = member_of(lab, MembershipRole.FACILITY_MANAGER)
    client.force_login(manager)
    response = client.post(f"/en/bookings/{requested.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/two-factor/")
    _unchanged(requested)


def test_someone_who_does_not_manage_the_instrument_is_still_forbidden(
    client: Client, outsider: User, requested: Booking
) -> None:
    log_in_verified(client, outsider)
    response = client.post(f"/en/bookings/{requested.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 403
    _unchanged(requested)
