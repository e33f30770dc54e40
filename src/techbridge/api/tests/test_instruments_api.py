"""Instruments over the API: active ones only, filtered by organisation, category and region,
names in three languages and in the request's, fees on the detail, and free slots on the
instrument's grid that leave out approved time (not requested time) and the lead time."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from techbridge.api.tokens import api_token_create
from techbridge.facilities.models import Booking, Instrument, InstrumentFee

pytestmark = pytest.mark.django_db


def _bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def cq_lab() -> Organisation:
    return OrganisationFactory.create(
        slug="cq-api-lab",
        name_en="Chongqing Materials Lab",
        name_zh_hans="重庆材料实验室",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )


@pytest.fixture
def microscope(cq_lab: Organisation) -> Instrument:
    """Named in Simplified Chinese only: the other names are derived for each reader."""
    instrument = Instrument.objects.create(
        organisation=cq_lab,
        name_en="",
        name_zh_hans="冷冻电子显微镜",
        category="imaging",
        manufacturer="Thermo Fisher",
        model_name="Krios G4",
        capabilities_en="Single-particle analysis at 2 Å.",
        lead_time_days=2,
        slot_minutes=120,
    )
    InstrumentFee.objects.bulk_create(
        [
            InstrumentFee(
                instrument=instrument,
                user_category="cross_boundary",
                currency="CNY",
                hourly_rate=Decimal("250"),
            ),
            InstrumentFee(
                instrument=instrument,
                user_category="academic",
                currency="CNY",
                hourly_rate=Decimal("300.50"),
            ),
        ]
    )
    return instrument


@pytest.fixture
def lathe(hk_university: Organisation) -> Instrument:
    return Instrument.objects.create(
        organisation=hk_university,
        name_en="Precision lathe",
        name_zh_hant="精密車床",
        name_zh_hans="精密车床",
        category="fabrication",
    )


@pytest.fixture
def retired(hk_university: Organisation) -> Instrument:
    return Instrument.objects.create(
        organisation=hk_university, name_en="Old furnace", category="other", is_active=False
    )


def test_the_list_shows_active_instruments_in_page_order_with_fixed_queries(
    client: Client,
    microscope: Instrument,
    lathe: Instrument,
    retired: Instrument,
    django_assert_num_queries: Any,
) -> None:
    # The count and the page (with organisations) whatever its length; the two rate-limit
    # counters (one atomic upsert each).
    with django_assert_num_queries(4):
        response = client.get("/api/v1/instruments")
    data = response.json()
    assert data["count"] == 2
    # By region of the organisation (cq before hk), as the instruments page.
    assert [item["id"] for item in data["results"]] == [microscope.pk, lathe.pk]
    assert data["results"][0] == {
        "id": microscope.pk,
        "organisation": "cq-api-lab",
        "organisation_name": "Chongqing Materials Lab",
        "region": "cq",
        "category": "imaging",
        "name": "冷冻电子显微镜",  # English is missing: the Chinese name rather than nothing
        "name_en": "",
        "name_zh_hant": "",
        "name_zh_hans": "冷冻电子显微镜",
        "manufacturer": "Thermo Fisher",
        "model_name": "Krios G4",
        "location": "",
        "lead_time_days": 2,
        "slot_minutes": 120,
        "requires_training": False,
        "requires_approval": True,
    }


@pytest.mark.parametrize(
    ("language", "microscope_name", "lathe_name", "organisation_name"),
    [
        ("en", "冷冻电子显微镜", "Precision lathe", "Chongqing Materials Lab"),
        ("zh-hant", "冷凍電子顯微鏡", "精密車床", "重慶材料實驗室"),
        ("zh-hans", "冷冻电子显微镜", "精密车床", "重庆材料实验室"),
    ],
)
def test_name_follows_the_request_language(
    client: Client,
    officer: User,
    microscope: Instrument,
    lathe: Instrument,
    language: str,
    microscope_name: str,
    lathe_name: str,
    organisation_name: str,
) -> None:
    for headers in ({}, _bearer(officer)):  # anonymous and with a token alike
        results = client.get(
            "/api/v1/instruments", headers={**headers, "Accept-Language": language}
        ).json()["results"]
        assert [r["name"] for r in results] == [microscope_name, lathe_name]
        assert results[0]["organisation_name"] == organisation_name
        assert results[1]["name_zh_hant"] == "精密車床"  # the stored names, whatever the language


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"organisation": "cq-api-lab"}, ["microscope"]),
        ({"organisation": "test-hk-uni"}, ["lathe"]),
        ({"organisation": "no-such-org"}, []),
        ({"category": "fabrication"}, ["lathe"]),
        ({"region": "cq"}, ["microscope"]),
        ({"region": "hk", "category": "imaging"}, []),
        ({"organisation": "", "category": "", "region": ""}, ["microscope", "lathe"]),
    ],
)
def test_filters(
    client: Client,
    microscope: Instrument,
    lathe: Instrument,
    retired: Instrument,
    query: dict[str, str],
    expected: list[str],
) -> None:
    ids = {"microscope": microscope.pk, "lathe": lathe.pk}
    results = client.get("/api/v1/instruments", query).json()["results"]
    assert [r["id"] for r in results] == [ids[name] for name in expected]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"category": "telescope"}, "category"),
        ({"region": "mars"}, "region"),
        ({"organisation": "not a slug"}, "organisation"),
    ],
)
def test_invalid_filters_are_a_400(
    client: Client, microscope: Instrument, query: dict[str, str], field: str
) -> None:
    assert list(_problem(client.get("/api/v1/instruments", query), 400)["errors"]) == [field]


def test_the_detail_has_fees_and_texts(client: Client, microscope: Instrument) -> None:
    data = client.get(f"/api/v1/instruments/{microscope.pk}").json()
    assert data["fees"] == [
        {"user_category": "academic", "currency": "CNY", "hourly_rate": "300.50"},
        {"user_category": "cross_boundary", "currency": "CNY", "hourly_rate": "250.00"},
    ]
    assert data["capabilities"] == "Single-particle analysis at 2 Å."
    assert data["results_terms"] == ""
    assert data["name"] == "冷冻电子显微镜"


@pytest.mark.parametrize("pk", ["retired", "999999", "abc", "1" * 30, "²"])
def test_inactive_unknown_and_malformed_instruments_are_not_found(
    client: Client, retired: Instrument, pk: str
) -> None:
    path_id = str(retired.pk) if pk == "retired" else pk
    for suffix in ("", "/free-slots"):
        assert _problem(client.get(f"/api/v1/instruments/{path_id}{suffix}"), 404)["title"] == (
            "Not found."
        )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def test_free_slots_leave_out_approved_time_but_not_requested_time(
    client: Client, microscope: Instrument, officer: User
) -> None:
    day = timezone.localdate() + timedelta(days=10)
    requester = UserFactory.create()
    for hour, status in ((8, "approved"), (14, "completed"), (18, "requested"), (20, "declined")):
        Booking.objects.create(
            instrument=microscope,
            requester=requester,
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + 2),
            status=status,
        )
    for headers in ({}, _bearer(officer)):
        response = client.get(
            f"/api/v1/instruments/{microscope.pk}/free-slots",
            {"from": day.isoformat(), "days": "1"},
            headers=headers,
        )
        assert response.status_code == 200
        data = response.json()
        assert {k: v for k, v in data.items() if k != "slots"} == {
            "instrument": microscope.pk,
            "from": day.isoformat(),
            "days": 1,
            "slot_minutes": 120,
            "lead_time_days": 2,
        }
        starts = [datetime.fromisoformat(slot["starts_at"]) for slot in data["slots"]]
        assert starts == [_at(day, h) for h in (0, 2, 4, 6, 10, 12, 16, 18, 20, 22)]
        assert all(
            datetime.fromisoformat(slot["ends_at"]) - start == timedelta(hours=2)
            for slot, start in zip(data["slots"], starts, strict=True)
        )
        assert data["slots"][0]["starts_at"].endswith("+08:00")  # Hong Kong time


def test_free_slots_start_after_the_lead_time_and_default_to_a_week(
    client: Client, microscope: Instrument
) -> None:
    earliest = timezone.now() + timedelta(days=2)
    data = client.get(f"/api/v1/instruments/{microscope.pk}/free-slots").json()
    assert (data["from"], data["days"]) == (timezone.localdate().isoformat(), 7)
    starts = [datetime.fromisoformat(slot["starts_at"]) for slot in data["slots"]]
    assert starts and min(starts) >= earliest
    assert min(starts) - earliest < timedelta(hours=2)  # the first slot after the lead time
    last_day = timezone.localdate() + timedelta(days=6)
    assert max(starts) == _at(last_day, 22)
    # Empty values are no values, as for every filter.
    blank = client.get(f"/api/v1/instruments/{microscope.pk}/free-slots", {"from": "", "days": ""})
    assert (blank.json()["from"], blank.json()["days"]) == (data["from"], 7)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"days": "0"}, "days"),
        ({"days": "32"}, "days"),
        ({"days": "1.5"}, "days"),
        ({"days": "seven"}, "days"),
        ({"from": "2026-1-5"}, "from"),
        ({"from": "2026-02-30"}, "from"),
        ({"from": "20260105"}, "from"),
        ({"from": "0000-01-01"}, "from"),
    ],
)
def test_invalid_windows_are_a_400(
    client: Client, microscope: Instrument, query: dict[str, str], field: str
) -> None:
    problem = _problem(client.get(f"/api/v1/instruments/{microscope.pk}/free-slots", query), 400)
    assert list(problem["errors"]) == [field]


@pytest.mark.parametrize("first", ["0001-01-01", "9999-12-31", "9999-11-30"])
def test_windows_at_the_ends_of_the_calendar_answer(
    client: Client, microscope: Instrument, first: str
) -> None:
    response = client.get(
        f"/api/v1/instruments/{microscope.pk}/free-slots", {"from": first, "days": "31"}
    )
    assert response.status_code == 200
    # Nothing before today; on the calendar's last days, only what fits before its end.
    expected = 12 if first == "9999-11-30" else 0
    assert len(response.json()["slots"]) == expected


def test_a_manager_sees_the_same_public_instrument(
    client: Client, microscope: Instrument, cq_lab: Organisation
) -> None:
    manager = member_of(cq_lab, MembershipRole.FACILITY_MANAGER)
    anonymous = client.get(f"/api/v1/instruments/{microscope.pk}").json()
    assert client.get(f"/api/v1/instruments/{microscope.pk}", headers=_bearer(manager)).json() == (
        anonymous
    )
