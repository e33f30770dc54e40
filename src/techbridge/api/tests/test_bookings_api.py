"""Bookings over the API, through the facilities services: a request with its quoted fee and
total, the reader's own and managed lists, decisions that need the second factor (a token
carries it only if its creator had confirmed one), completion and cancellation; every refusal
is a problem (never a 500) and changes nothing."""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.api.tokens import api_token_create
from techbridge.facilities.models import Booking, Instrument, InstrumentFee
from techbridge.notifications.models import Notification

pytestmark = pytest.mark.django_db

TOKENS = itertools.count()
SECOND_FACTOR = (
    "Confirm your second factor (an authenticator app code) before deciding on bookings."
)


def _bearer(user: User, *, second_factor: bool = True, read_only: bool = False) -> dict[str, str]:
    """A token as its owner would create it, after the second factor or not."""
    user.is_verified = lambda: second_factor  # type: ignore[attr-defined]  # as django-otp sets it
    secret = api_token_create(user=user, name=f"test-{next(TOKENS)}", read_only=read_only)[1]
    return {"Authorization": f"Bearer {secret}"}


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def _post(client: Client, path: str, headers: dict[str, str], body: Any = None) -> Any:
    return client.post(
        path,
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def cq_lab() -> Organisation:
    return OrganisationFactory.create(
        slug="cq-booking-lab", org_type=OrganisationType.LABORATORY, region=Region.CHONGQING
    )


@pytest.fixture
def manager(cq_lab: Organisation) -> User:
    return member_of(cq_lab, MembershipRole.FACILITY_MANAGER, email="manager@cq-lab.example.org")


@pytest.fixture
def instrument(cq_lab: Organisation) -> Instrument:
    instrument = Instrument.objects.create(
        organisation=cq_lab,
        name_en="Confocal microscope",
        name_zh_hant="共聚焦顯微鏡",
        name_zh_hans="共聚焦显微镜",
        category="imaging",
        lead_time_days=1,
        slot_minutes=60,
    )
    InstrumentFee.objects.create(
        instrument=instrument,
        user_category="cross_boundary",
        currency="CNY",
        hourly_rate=Decimal("250.00"),
    )
    return instrument


def _slot(days: int = 3, hour: int = 9, hours: int = 2) -> tuple[datetime, datetime]:
    start = (timezone.localtime() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return start, start + timedelta(hours=hours)


def _request_body(target: Instrument, **changes: Any) -> dict[str, Any]:
    start, end = _slot()
    body = {
        "instrument": target.pk,
        "starts_at": start.isoformat(),
        "ends_at": end.isoformat(),
        "purpose": "Imaging of battery cathodes",
    }
    return {**body, **changes}


def _state() -> list[tuple[Any, ...]]:
    return sorted(
        Booking.objects.values_list(
            "pk", "status", "decided_by_id", "decided_at", "actual_hours", "updated_at"
        )
    )


def test_a_request_is_made_with_its_fee_and_total(
    client: Client, officer: User, manager: User, instrument: Instrument
) -> None:
    start, end = _slot()
    created = _post(client, "/api/v1/bookings", _bearer(officer), _request_body(instrument))
    assert created.status_code == 201, created.content
    booking = Booking.objects.get()
    data = created.json()
    assert data | {"created_at": None} == {
        "id": booking.pk,
        "instrument": instrument.pk,
        "instrument_name": "Confocal microscope",
        "organisation": "cq-booking-lab",
        "starts_at": start.isoformat(),
        "ends_at": end.isoformat(),
        "purpose": "Imaging of battery cathodes",
        "status": "requested",
        "requester": officer.get_full_name(),
        "requester_organisation": "test-hk-uni",
        "is_cross_boundary": True,  # a Hong Kong university booking in Chongqing
        "booked_hours": "2.00",
        "actual_hours": None,
        "fee": {"user_category": "cross_boundary", "hourly_rate": "250.00", "currency": "CNY"},
        "total": {"basis": "booked", "hours": "2.00", "amount": "500.00", "currency": "CNY"},
        "decided_at": None,
        "created_at": None,
        "actions": ["cancel"],
    }
    assert (booking.requester, booking.purpose) == (officer, "Imaging of battery cathodes")
    # The managers are told, as for a request made on the page.
    told = Notification.objects.filter(kind="booking_requested")
    assert [n.recipient for n in told] == [manager]


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"starts_at": "{start+30m}"}, {"starts_at", "ends_at"}),  # off the grid, part slots
        ({"starts_at": "{past}", "ends_at": "{past+1h}"}, {"starts_at"}),  # within lead time
        ({"ends_at": "{start}"}, {"ends_at"}),
        ({"purpose": "ring \x07 bell"}, {"purpose"}),
        ({"starts_at": "next Tuesday"}, {"starts_at"}),
        ({"starts_at": "9999-12-31T23:59:59Z"}, {"starts_at"}),
        ({"instrument": 0}, {"instrument"}),
        ({"instrument": "one"}, {"instrument"}),
    ],
)
def test_an_invalid_request_is_a_400_with_field_errors_and_creates_nothing(
    client: Client,
    officer: User,
    instrument: Instrument,
    changes: dict[str, Any],
    fields: set[str],
) -> None:
    start, _end = _slot()
    past = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    moments = {
        "{start+30m}": start + timedelta(minutes=30),
        "{past}": past,
        "{past+1h}": past + timedelta(hours=1),
        "{start}": start,
    }
    body = _request_body(
        instrument,
        **{k: moments[v].isoformat() if v in moments else v for k, v in changes.items()},
    )
    problem = _problem(_post(client, "/api/v1/bookings", _bearer(officer), body), 400)
    assert set(problem["errors"]) == fields
    assert not Booking.objects.exists()


def test_an_unknown_instrument_is_a_404_and_an_inactive_one_refuses(
    client: Client, officer: User, instrument: Instrument
) -> None:
    body = _request_body(instrument, instrument=instrument.pk + 1000)
    unknown = _problem(_post(client, "/api/v1/bookings", _bearer(officer), body), 404)
    assert unknown["detail"] == "The instrument named does not exist."
    Instrument.objects.filter(pk=instrument.pk).update(is_active=False)
    inactive = _problem(
        _post(client, "/api/v1/bookings", _bearer(officer), _request_body(instrument)), 400
    )
    assert inactive["errors"] == {"instrument": ["This instrument is not taking bookings."]}
    assert not Booking.objects.exists()


def test_anonymous_and_read_only_callers_change_nothing(
    client: Client, officer: User, instrument: Instrument
) -> None:
    for path in ("/api/v1/bookings", "/api/v1/bookings/managed"):
        refused = _problem(client.get(path), 401)
        assert refused["title"] == "Authentication is required."
    assert _problem(_post(client, "/api/v1/bookings", {}, _request_body(instrument)), 401)
    read_only = _bearer(officer, read_only=True)
    refused = _problem(_post(client, "/api/v1/bookings", read_only, _request_body(instrument)), 403)
    assert refused["detail"] == (
        "This API token is read-only: it may only read (GET, HEAD, OPTIONS)."
    )
    assert client.get("/api/v1/bookings", headers=read_only).json()["count"] == 0
    assert not Booking.objects.exists()


@pytest.fixture
def requested(client: Client, officer: User, instrument: Instrument) -> Booking:
    created = _post(client, "/api/v1/bookings", _bearer(officer), _request_body(instrument))
    assert created.status_code == 201
    return Booking.objects.get(pk=created.json()["id"])


def test_own_and_managed_lists(
    client: Client,
    officer: User,
    outsider: User,
    manager: User,
    requested: Booking,
    instrument: Instrument,
    django_assert_num_queries: Any,
) -> None:
    requester, managing = _bearer(officer), _bearer(manager)
    own = client.get("/api/v1/bookings", headers=requester).json()
    assert [b["id"] for b in own["results"]] == [requested.pk]
    assert client.get("/api/v1/bookings/managed", headers=requester).json()["count"] == 0
    managed = client.get("/api/v1/bookings/managed", headers=managing).json()["results"]
    assert [(b["id"], b["actions"]) for b in managed] == [
        (requested.pk, ["approve", "decline", "cancel"])
    ]
    assert client.get("/api/v1/bookings", headers=managing).json()["count"] == 0
    stranger = _bearer(outsider)
    assert client.get("/api/v1/bookings", headers=stranger).json()["count"] == 0
    assert client.get("/api/v1/bookings/managed", headers=stranger).json()["count"] == 0
    assert client.get(f"/api/v1/bookings/{requested.pk}", headers=managing).json()["id"] == (
        requested.pk
    )
    _problem(client.get(f"/api/v1/bookings/{requested.pk}", headers=stranger), 404)
    # Filtered by status; an unknown status is a 400.
    assert client.get("/api/v1/bookings", {"status": "approved"}, headers=requester).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }
    _problem(client.get("/api/v1/bookings/managed", {"status": "lost"}, headers=managing), 400)
    # More bookings, the same queries: the token (used a moment ago: its last use stands),
    # the managed organisations, the count and the page; the reader's rate-limit counter.
    for days in (4, 5, 6):
        start, end = _slot(days=days)
        _post(
            client,
            "/api/v1/bookings",
            requester,
            _request_body(instrument, starts_at=start.isoformat(), ends_at=end.isoformat()),
        )
    with django_assert_num_queries(5):
        listed = client.get("/api/v1/bookings/managed", headers=managing).json()
    assert listed["count"] == 4


def test_a_non_manager_cannot_decide_and_nothing_changes(
    client: Client, officer: User, outsider: User, requested: Booking
) -> None:
    before, notifications = _state(), Notification.objects.count()
    for step in ("approve", "decline", "complete"):
        body = {"actual_hours": "1"} if step == "complete" else None
        path = f"/api/v1/bookings/{requested.pk}/{step}"
        refused = _problem(_post(client, path, _bearer(officer), body), 403)
        assert refused["detail"] == "Only the instrument's managers decide on bookings."
        # Someone who can see nothing of the booking learns nothing of it either.
        _problem(_post(client, path, _bearer(outsider), body), 404)
    _problem(_post(client, f"/api/v1/bookings/{requested.pk}/cancel", _bearer(outsider)), 404)
    assert _state() == before
    assert Booking.objects.get().status == "requested"
    assert Notification.objects.count() == notifications


def test_a_manager_token_without_the_second_factor_cannot_decide(
    client: Client, manager: User, requested: Booking
) -> None:
    before = _state()
    token = _bearer(manager, second_factor=False)
    for step in ("approve", "decline"):
        refused = _problem(_post(client, f"/api/v1/bookings/{requested.pk}/{step}", token), 403)
        assert refused["detail"] == SECOND_FACTOR
    assert _state() == before
    # It still reads what the manager manages.
    assert client.get("/api/v1/bookings/managed", headers=token).json()["count"] == 1


def test_a_manager_session_without_the_second_factor_is_held_back(
    client: Client, manager: User, requested: Booking
) -> None:
    before = _state()
    client.force_login(manager)  # a facility manager's session must confirm it first
    refused = _problem(_post(client, f"/api/v1/bookings/{requested.pk}/approve", {}), 403)
    assert refused["title"] == "Confirm your second factor in the browser first."
    assert _state() == before
    log_in_verified(client, manager)
    approved = _post(client, f"/api/v1/bookings/{requested.pk}/approve", {})
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"


def test_approve_complete_and_the_free_slots_follow(
    client: Client, officer: User, manager: User, requested: Booking, instrument: Instrument
) -> None:
    token = _bearer(manager)
    slots_path = f"/api/v1/instruments/{instrument.pk}/free-slots"
    day = timezone.localtime(requested.starts_at).date().isoformat()

    def free_starts() -> list[str]:
        data = client.get(slots_path, {"from": day, "days": "1"}).json()
        return [slot["starts_at"] for slot in data["slots"]]

    starts_at = timezone.localtime(requested.starts_at)
    assert starts_at.isoformat() in free_starts()  # a request holds no time
    approved = _post(client, f"/api/v1/bookings/{requested.pk}/approve", token)
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert approved.json()["actions"] == ["complete", "cancel"]
    assert approved.json()["decided_at"] is not None
    assert Booking.objects.get().decided_by == manager
    taken = {(starts_at + timedelta(hours=h)).isoformat() for h in (0, 1)}  # the booked hours
    assert taken.isdisjoint(free_starts())
    assert len(free_starts()) == 22
    # Deciding twice is refused as a step, with its reason.
    again = _problem(_post(client, f"/api/v1/bookings/{requested.pk}/approve", token), 400)
    assert again["detail"] == "This booking has been decided already."
    assert again["errors"] == {"__all__": ["This booking has been decided already."]}

    too_many = _problem(
        _post(client, f"/api/v1/bookings/{requested.pk}/complete", token, {"actual_hours": "2.5"}),
        400,
    )
    assert too_many["errors"] == {"actual_hours": ["At most 2 hours were booked."]}
    negative = _problem(
        _post(client, f"/api/v1/bookings/{requested.pk}/complete", token, {"actual_hours": "-1"}),
        400,
    )
    assert list(negative["errors"]) == ["actual_hours"]
    assert Booking.objects.get().status == "approved"
    completed = _post(
        client, f"/api/v1/bookings/{requested.pk}/complete", token, {"actual_hours": "1.5"}
    )
    assert completed.status_code == 200
    assert {k: completed.json()[k] for k in ("status", "actual_hours", "total", "actions")} == {
        "status": "completed",
        "actual_hours": "1.50",
        "total": {"basis": "actual", "hours": "1.50", "amount": "375.00", "currency": "CNY"},
        "actions": [],
    }
    # The requester reads the same booking, with no step left to take.
    mine = client.get(f"/api/v1/bookings/{requested.pk}", headers=_bearer(officer)).json()
    assert (mine["status"], mine["actions"]) == ("completed", [])


def test_overlapping_approvals_leave_one_approved(
    client: Client, officer: User, outsider: User, manager: User, instrument: Instrument
) -> None:
    token = _bearer(manager)
    ids = [
        _post(client, "/api/v1/bookings", _bearer(user), _request_body(instrument)).json()["id"]
        for user in (officer, outsider)
    ]
    assert _post(client, f"/api/v1/bookings/{ids[0]}/approve", token).status_code == 200
    clash = _problem(_post(client, f"/api/v1/bookings/{ids[1]}/approve", token), 400)
    assert clash["detail"] == "This time overlaps an approved booking of the instrument."
    assert dict(Booking.objects.values_list("pk", "status")) == {
        ids[0]: "approved",
        ids[1]: "requested",
    }


def test_decline_and_cancel(
    client: Client, officer: User, manager: User, requested: Booking
) -> None:
    declined = _post(client, f"/api/v1/bookings/{requested.pk}/decline", _bearer(manager))
    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["total"]) == ("declined", None)
    assert declined.json()["fee"] == {
        "user_category": "cross_boundary",
        "hourly_rate": "250.00",
        "currency": "CNY",
    }
    refused = _problem(
        _post(client, f"/api/v1/bookings/{requested.pk}/cancel", _bearer(officer)), 400
    )
    assert refused["detail"] == "This booking can no longer be cancelled."
    assert Booking.objects.get().status == "declined"

    start, end = _slot(days=5)
    body = _request_body(requested.instrument, starts_at=start.isoformat(), ends_at=end.isoformat())
    second = _post(client, "/api/v1/bookings", _bearer(officer), body).json()["id"]
    cancelled = _post(client, f"/api/v1/bookings/{second}/cancel", _bearer(officer))
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["actions"]) == ("cancelled", [])
    assert Booking.objects.get(pk=second).status == "cancelled"


@pytest.mark.parametrize("pk", ["999999", "abc", "1" * 30])
def test_unknown_bookings_are_not_found(client: Client, officer: User, pk: str) -> None:
    token = _bearer(officer)
    _problem(client.get(f"/api/v1/bookings/{pk}", headers=token), 404)
    _problem(_post(client, f"/api/v1/bookings/{pk}/approve", token), 404)


def test_an_instrument_without_approval_books_at_once_or_refuses_taken_time(
    client: Client, officer: User, outsider: User, instrument: Instrument
) -> None:
    Instrument.objects.filter(pk=instrument.pk).update(requires_approval=False)
    first = _post(client, "/api/v1/bookings", _bearer(officer), _request_body(instrument))
    assert first.status_code == 201
    assert first.json()["status"] == "approved"
    taken = _problem(
        _post(client, "/api/v1/bookings", _bearer(outsider), _request_body(instrument)), 400
    )
    assert taken["detail"] == "This time overlaps an approved booking of the instrument."
    assert Booking.objects.count() == 1


def test_a_requester_without_memberships_pays_the_industry_fee_or_none(
    client: Client, instrument: Instrument
) -> None:
    loner = UserFactory.create(email="loner@example.org")
    created = _post(client, "/api/v1/bookings", _bearer(loner), _request_body(instrument))
    assert created.status_code == 201
    data = created.json()
    # No industry fee listed: no fee is quoted and no total is given.
    assert (data["requester_organisation"], data["fee"], data["total"]) == (None, None, None)
