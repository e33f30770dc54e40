"""Every step that cannot be undone asks first and says what cannot be undone: posted without
``confirmed=yes`` it changes nothing and answers with the confirmation, a page of its own, or
a dialog fragment when htmx asks (HX-Request); posted with it, the step is taken. A GET, or a
reader who may not take the step, changes nothing either way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import Storage
from django.test import Client
from django.utils import timezone

from techbridge.accounts.models import JoinRequest, Membership, Organisation, User
from techbridge.accounts.organisations import organisation_request_join
from techbridge.accounts.tests.factories import UserFactory
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.api.models import ApiToken
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.tests.factories import offer_input
from techbridge.facilities.models import Booking, Instrument
from techbridge.matching.models import SavedSearch
from techbridge.pipeline.models import ContactConsent, Deal
from techbridge.pipeline.services import deal_advance, deal_express_interest
from techbridge.pipeline.tests.fixtures import publish, signed_deal

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@dataclass
class Step:
    """One step that cannot be undone, as its page's form posts it."""

    url: str
    data: dict[str, str]
    state: Callable[[], Any]  # what the step changes, read again from the database
    done: Any  # the state once the step is taken
    consequence: str  # words of what cannot be undone
    back: str  # where "no" leads


def _offer(officer: User, reviewer: User) -> Listing:
    university = Membership.objects.get(user=officer).organisation
    return publish(officer, reviewer, listing_create(actor=officer, data=offer_input(university)))


def _deal(officer: User, reviewer: User, outsider: User, cq_enterprise: Organisation) -> Deal:
    listing = _offer(officer, reviewer)
    deal = deal_express_interest(actor=outsider, listing=listing, organisation=cq_enterprise)
    return deal_advance(actor=officer, deal=deal, event="screen")


def _stage(deal: Deal) -> Callable[[], tuple[str, str, int]]:
    def state() -> tuple[str, str, int]:
        deal.refresh_from_db()
        return (deal.stage, deal.outcome, deal.events.count())

    return state


def _booking(officer: User, requester: User, status: str = "requested") -> Booking:
    instrument = Instrument.objects.create(
        organisation=Membership.objects.get(user=officer).organisation,
        name_en="Cryo-EM",
        category="imaging",
    )
    start = (timezone.localtime() + timedelta(days=5)).replace(hour=9, minute=0, second=0)
    return Booking.objects.create(
        instrument=instrument,
        requester=requester,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=status,
    )


def _booking_status(booking: Booking) -> Callable[[], str]:
    return lambda: Booking.objects.get(pk=booking.pk).status


@pytest.fixture
def step(
    request: pytest.FixtureRequest,
    client: Client,
    officer: User,
    outsider: User,
    reviewer: User,
    cq_enterprise: Organisation,
    private_uploads: Storage,
) -> Step:
    """The step named by the test's parameter, with the client logged in as who takes it."""
    name = request.param
    if name == "deal decline":
        deal = _deal(officer, reviewer, outsider, cq_enterprise)
        client.force_login(officer)
        events = deal.events.count()
        return Step(
            f"/en/deals/{deal.pk}/do/advance/",
            {"event": "decline", "idempotency_key": "k-decline"},
            _stage(deal),
            ("closed", "lost", events + 1),
            "Declining closes this deal for good",
            f"/en/deals/{deal.pk}/",
        )
    if name == "deal close as won":
        deal = signed_deal(_offer(officer, reviewer), officer, outsider, cq_enterprise)
        client.force_login(officer)
        events = deal.events.count()
        return Step(
            f"/en/deals/{deal.pk}/do/advance/",
            {"event": "close_won", "idempotency_key": "k-won"},
            _stage(deal),
            ("closed", "won", events + 1),
            "Closing as won ends this deal for good",
            f"/en/deals/{deal.pk}/",
        )
    if name == "deal contact consent":
        deal = _deal(officer, reviewer, outsider, cq_enterprise)
        client.force_login(outsider)
        return Step(
            f"/en/deals/{deal.pk}/do/consent/",
            {"idempotency_key": "k-consent"},
            lambda: list(ContactConsent.objects.filter(deal=deal).values_list("user", flat=True)),
            [outsider.pk],
            "they cannot be hidden from it again",
            f"/en/deals/{deal.pk}/",
        )
    if name == "saved search delete":
        saved = SavedSearch.objects.create(user=outsider, query="ultrasound")
        client.force_login(outsider)
        return Step(
            f"/en/my/saved-searches/{saved.pk}/delete/",
            {},
            lambda: SavedSearch.objects.filter(pk=saved.pk).exists(),
            False,
            "deleted for good and cannot be restored",
            "/en/my/alerts/",
        )
    if name == "booking cancel":
        booking = _booking(officer, outsider, status="approved")
        client.force_login(outsider)
        return Step(
            f"/en/bookings/{booking.pk}/cancel/",
            {},
            _booking_status(booking),
            "cancelled",
            "the booking cannot be restored",
            "/en/my/bookings/",
        )
    if name == "booking decline":
        booking = _booking(officer, outsider)
        log_in_verified(client, officer)  # deciding on bookings needs the second factor
        return Step(
            f"/en/bookings/{booking.pk}/decide/",
            {"decision": "decline"},
            _booking_status(booking),
            "declined",
            "the decision cannot be changed afterwards",
            "/en/my/bookings/",
        )
    if name == "token revoke":
        token, _secret = api_token_create(user=officer, name="nightly sync")
        client.force_login(officer)
        return Step(
            f"/en/my/tokens/{token.pk}/revoke/",
            {},
            lambda: ApiToken.objects.get(pk=token.pk).revoked_at is not None,
            True,
            "A revoked token cannot be restored",
            "/en/my/tokens/",
        )
    assert name == "join request decline"
    applicant = UserFactory.create(email="applicant@example.org", full_name="Lee Siu Ming")
    university = Membership.objects.get(user=officer).organisation
    join_request = organisation_request_join(actor=applicant, organisation=university)
    client.force_login(officer)
    return Step(
        f"/en/my/organisations/requests/{join_request.pk}/",
        {"decision": "decline"},
        lambda: JoinRequest.objects.get(pk=join_request.pk).status,
        "declined",
        "Declining cannot be changed afterwards: Lee Siu Ming does not become a member",
        "/en/my/organisations/",
    )


STEPS = [
    "deal decline",
    "deal close as won",
    "deal contact consent",
    "saved search delete",
    "booking cancel",
    "booking decline",
    "token revoke",
    "join request decline",
]


@pytest.mark.parametrize("step", STEPS, indirect=True)
def test_without_confirmation_the_page_asks_and_nothing_changes(client: Client, step: Step) -> None:
    before = step.state()
    assert client.get(step.url).status_code == 405
    asked = client.post(step.url, step.data)
    assert asked.status_code == 200
    page = asked.content.decode()
    assert page.startswith("<!doctype html>")
    assert step.consequence in page
    assert '<input type="hidden" name="confirmed" value="yes">' in page
    for name, value in step.data.items():
        assert f'<input type="hidden" name="{name}" value="{value}">' in page
    assert f'<form method="post" action="{step.url}" class="confirm-actions">' in page
    assert f'<a href="{step.back}" class="button secondary">' in page
    assert "<dialog" not in page
    assert step.state() == before


@pytest.mark.parametrize("step", STEPS, indirect=True)
def test_htmx_gets_the_same_confirmation_as_a_dialog(client: Client, step: Step) -> None:
    before = step.state()
    asked = client.post(step.url, step.data, headers=HX)
    assert asked.status_code == 200
    assert "HX-Request" in asked["Vary"]
    fragment = asked.content.decode().strip()
    assert fragment.startswith('<dialog class="confirm-dialog" data-confirm')
    assert fragment.endswith("</dialog>")
    assert "<html" not in fragment and "<body" not in fragment
    assert step.consequence in fragment
    assert '<input type="hidden" name="confirmed" value="yes">' in fragment
    # "No" closes the dialog (no request); it is focused first, as the safer answer.
    assert 'formmethod="dialog" formnovalidate class="secondary" value="cancel" autofocus' in (
        fragment
    )
    assert step.state() == before


@pytest.mark.parametrize("step", STEPS, indirect=True)
def test_confirmed_the_step_is_taken(client: Client, step: Step) -> None:
    done = client.post(step.url, {**step.data, "confirmed": "yes"})
    assert done.status_code == 302
    assert step.state() == step.done


@pytest.mark.parametrize(
    ("step", "intruder"),
    [
        ("booking cancel", "reviewer"),
        ("booking decline", "outsider"),
        ("join request decline", "outsider"),
        ("saved search delete", "officer"),
        ("token revoke", "outsider"),
        ("deal decline", "reviewer"),
    ],
    indirect=["step"],
)
def test_someone_else_is_refused_before_being_asked_and_changes_nothing(
    client: Client, step: Step, intruder: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(intruder)
    if user.is_staff:
        log_in_verified(client, user)  # staff pages need the second factor first
    else:
        client.force_login(user)
    before = step.state()
    for data in (step.data, {**step.data, "confirmed": "yes"}):
        refused = client.post(step.url, data, headers=HX)
        assert refused.status_code in (403, 404)
        assert step.consequence not in refused.content.decode()
    assert step.state() == before


def test_only_the_steps_that_cannot_be_undone_open_a_dialog(
    client: Client, officer: User, outsider: User, reviewer: User, cq_enterprise: Organisation
) -> None:
    deal = _deal(officer, reviewer, outsider, cq_enterprise)
    client.force_login(officer)
    page = client.get(f"/en/deals/{deal.pk}/").content.decode()
    advance = f'hx-post="/en/deals/{deal.pk}/do/advance/"'
    assert page.count(advance) == 1  # decline; accept goes ahead at once
    assert f'value="decline" class="secondary" {advance}' in page
    assert f'hx-post="/en/deals/{deal.pk}/do/consent/"' in page
    accepted = client.post(f"/en/deals/{deal.pk}/do/advance/", {"event": "accept"}, headers=HX)
    assert accepted.status_code == 302
    deal.refresh_from_db()
    assert deal.stage == "nda"


def test_approving_a_booking_or_a_join_request_needs_no_confirmation(
    client: Client, officer: User, outsider: User
) -> None:
    booking = _booking(officer, outsider)
    log_in_verified(client, officer)
    approved = client.post(f"/en/bookings/{booking.pk}/decide/", {"decision": "approve"})
    assert approved.status_code == 302
    assert _booking_status(booking)() == "approved"
    join_request = organisation_request_join(
        actor=UserFactory.create(), organisation=Membership.objects.get(user=officer).organisation
    )
    client.post(f"/en/my/organisations/requests/{join_request.pk}/", {"decision": "approve"})
    assert JoinRequest.objects.get(pk=join_request.pk).status == "approved"


def test_a_dialog_asked_for_without_the_second_factor_sends_the_whole_page_to_confirm_it(
    client: Client, officer: User, outsider: User
) -> None:
    booking = _booking(officer, outsider)
    client.force_login(officer)  # an organisation administrator, no second factor yet
    response = client.post(
        f"/en/bookings/{booking.pk}/decide/", {"decision": "decline"}, headers=HX
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/en/two-factor/?next=/en/my/bookings/"
    assert _booking_status(booking)() == "requested"


def test_the_dialog_and_the_page_are_translated(
    client: Client, officer: User, outsider: User, reviewer: User, cq_enterprise: Organisation
) -> None:
    deal = _deal(officer, reviewer, outsider, cq_enterprise)
    client.force_login(officer)
    fragment = client.post(
        f"/zh-hant/deals/{deal.pk}/do/advance/", {"event": "decline"}, headers=HX
    ).content.decode()
    assert 'action="/zh-hant/deals/' in fragment
    assert "Declining closes" not in fragment  # the consequence, in Traditional Chinese
