"""The programme over the API, public as its dashboards: the tracked mechanism's areas, only
published items, initiatives and indicators, milestones red, amber or green as the dashboards
show them, and indicator values exactly as the dashboard computes them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.api.tokens import api_token_create
from techbridge.programme.dashboard import dashboard
from techbridge.programme.models import CooperationItem, Indicator, Initiative, Milestone
from techbridge.programme.tests.fixtures import YEAR, Programme

pytestmark = pytest.mark.django_db


def _bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def unpublished(programme: Programme) -> None:
    """Drafts of each kind, none of which the public may see."""
    item = CooperationItem.objects.get(reference="IT-1")
    hidden = CooperationItem.objects.create(
        area=programme.innovation, reference="IT-9", title_en="Draft item zqxdraft"
    )
    Initiative.objects.create(item=item, title_en="Draft initiative zqxdraft")
    Initiative.objects.create(item=hidden, title_en="Initiative of a draft item", is_published=True)
    Indicator.objects.create(
        mechanism=programme.mechanism,
        code="draft_indicator",
        name_en="Draft indicator zqxdraft",
        name_zh_hant="草稿",
        name_zh_hans="草稿",
        unit_en="things",
        target=Decimal(1),
        target_year=YEAR,
    )


def test_areas_in_their_order_with_their_published_items(
    client: Client, programme: Programme, unpublished: None, django_assert_num_queries: Any
) -> None:
    # The count and the page; the two rate-limit counters.
    with django_assert_num_queries(4):
        response = client.get("/api/v1/programme/areas")
    areas = response.json()["results"]
    assert response.json()["count"] == 11
    assert areas[0]["code"] == "trade"
    innovation = next(a for a in areas if a["code"] == "innovation_technology")
    assert innovation["items"] == 2  # IT-1 and IT-2, not the draft
    assert innovation["name"] == programme.innovation.name_en
    assert [a["position"] for a in areas] == sorted(a["position"] for a in areas)
    chinese = client.get("/api/v1/programme/areas", headers={"Accept-Language": "zh-hant"})
    named = next(a for a in chinese.json()["results"] if a["code"] == "innovation_technology")
    assert named["name"] == programme.innovation.name_zh_hant


def test_published_items_only_filtered_by_area(
    client: Client, programme: Programme, unpublished: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(4):  # the count, the page with areas; two counters
        response = client.get("/api/v1/programme/items")
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "reference": "IT-1",
                "area": "innovation_technology",
                "title": "Joint laboratories",
                "title_en": "Joint laboratories",
                "title_zh_hant": "",
                "title_zh_hans": "",
                "status": "planned",
                "agreed_on": None,
            },
            {
                "reference": "IT-2",
                "area": "innovation_technology",
                "title": "科技成果转化基地",  # no English title: the Chinese one
                "title_en": "",
                "title_zh_hant": "",
                "title_zh_hans": "科技成果转化基地",
                "status": "planned",
                "agreed_on": None,
            },
        ],
    }
    assert "zqxdraft" not in response.content.decode()
    traditional = client.get("/api/v1/programme/items", headers={"Accept-Language": "zh-hant"})
    assert [i["title"] for i in traditional.json()["results"]] == [
        "Joint laboratories",
        "科技成果轉化基地",
    ]
    for area, count in (("innovation_technology", 2), ("education", 0), ("no-such-area", 0)):
        assert client.get("/api/v1/programme/items", {"area": area}).json()["count"] == count
    assert client.get("/api/v1/programme/items", {"area": ""}).json()["count"] == 2
    problem = _problem(client.get("/api/v1/programme/items", {"area": "not a slug"}), 400)
    assert list(problem["errors"]) == ["area"]


def test_an_item_with_its_initiatives_and_milestones_red_amber_green(
    client: Client, programme: Programme, unpublished: None, officer: User
) -> None:
    anonymous = client.get("/api/v1/programme/items/IT-1")
    assert anonymous.status_code == 200
    data = anonymous.json()
    assert data["reference"] == "IT-1"
    assert data["initiatives"] == [
        {
            "title": "Partner laboratory network",
            "title_en": "Partner laboratory network",
            "title_zh_hant": "",
            "title_zh_hans": "",
            "hk_unit": "Innovation, Technology and Industry Bureau",
            "cq_unit": "重庆市科学技术局",
            "milestones": [
                {
                    "title": "Network charter signed",
                    "title_en": "Network charter signed",
                    "title_zh_hant": "",
                    "title_zh_hans": "",
                    "due_on": f"{YEAR}-03-31",
                    "status": "done",
                    "done_on": f"{YEAR}-03-20",
                    "rag": "green",
                },
                {
                    "title": "Shared instrument list",
                    "title_en": "Shared instrument list",
                    "title_zh_hant": "",
                    "title_zh_hans": "",
                    "due_on": f"{YEAR}-10-31",
                    "status": "planned",
                    "done_on": None,
                    "rag": "red",  # overdue on the fixture's day, 23 November
                },
                {
                    "title": "First joint call",
                    "title_en": "First joint call",
                    "title_zh_hant": "",
                    "title_zh_hans": "",
                    "due_on": f"{YEAR}-11-30",
                    "status": "in_progress",
                    "done_on": None,
                    "rag": "amber",  # due within 30 days
                },
            ],
        }
    ]
    # As the dashboards colour them, and the same for a reader with a token.
    today = timezone.localdate()
    expected = [m.rag(today) for m in Milestone.objects.order_by("due_on")]
    assert [m["rag"] for m in data["initiatives"][0]["milestones"]] == expected
    assert client.get("/api/v1/programme/items/IT-1", headers=_bearer(officer)).json() == data
    chinese = client.get("/api/v1/programme/items/IT-1", headers={"Accept-Language": "zh-hant"})
    assert chinese.json()["initiatives"][0]["hk_unit"] == "創新科技及工業局"
    assert chinese.json()["initiatives"][0]["cq_unit"] == "重慶市科學技術局"


def test_a_cancelled_milestone_has_no_colour(client: Client, programme: Programme) -> None:
    Milestone.objects.filter(title_en="First joint call").update(status="cancelled")
    milestones = client.get("/api/v1/programme/items/IT-1").json()["initiatives"][0]["milestones"]
    assert [(m["status"], m["rag"]) for m in milestones][-1] == ("cancelled", None)


@pytest.mark.parametrize("reference", ["IT-9", "IT-404", "x" * 300])
def test_draft_and_unknown_items_are_not_found(
    client: Client, programme: Programme, unpublished: None, reference: str
) -> None:
    assert _problem(client.get(f"/api/v1/programme/items/{reference}"), 404)["title"] == (
        "Not found."
    )


def _without_names(indicator: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in indicator.items() if not k.startswith(("name", "unit", "defin"))}


def test_indicators_with_values_as_the_dashboard_computes_them(
    client: Client, programme: Programme, unpublished: None, officer: User
) -> None:
    response = client.get("/api/v1/programme/indicators")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    transfers, labs_a, labs_b = data["results"]
    assert _without_names(transfers) == {
        "code": "transfers",
        "area": None,
        "item": None,
        "source": "agreements_achieved",
        "computed": True,
        "period": "year",
        "aggregation": "sum",
        "baseline": "0.00",
        "target": "10.00",
        "target_year": YEAR,
        "year": YEAR,
        "value": "1.00",  # the licence signed on 1 November, Hong Kong to Chongqing
        "split": {"hk_cq": "1.00", "cq_hk": "0.00", "other": "0.00"},
        "share_of_target": 10,
        "values": [
            {"period": str(y), "start": f"{y}-01-01", "end": f"{y + 1}-01-01", "value": v}
            for y, v in ((YEAR - 2, "0.00"), (YEAR - 1, "0.00"), (YEAR, "1.00"))
        ],
    }
    assert (transfers["name"], transfers["unit"]) == ("Achieved technology transfers", "agreements")
    assert (labs_a["item"], labs_a["value"], labs_a["share_of_target"]) == ("IT-1", "3.00", 25)
    assert (labs_b["item"], labs_b["value"], labs_b["share_of_target"]) == ("IT-2", "4.00", 33)
    quarters = [(v["period"], v["value"]) for v in labs_a["values"]]
    assert len(quarters) == 12
    assert [q for q in quarters if q[1] is not None] == [
        (f"{YEAR} Q1", "2.00"),
        (f"{YEAR} Q3", "1.00"),
    ]
    assert "zqxdraft" not in response.content.decode()

    # Exactly what the dashboard shows, row by row.
    board = dashboard(programme.mechanism, YEAR, timezone.localdate())

    def money(value: Decimal | None) -> str | None:
        return None if value is None else f"{value.quantize(Decimal('0.01')):f}"

    assert [
        (r["code"], r["item"], r["value"], r["share_of_target"], [v["value"] for v in r["values"]])
        for r in data["results"]
    ] == [
        (
            row.indicator.code,
            row.indicator.item.reference if row.indicator.item else None,
            money(row.value),
            row.share_of_target,
            [money(value) for _period, value in row.trend],
        )
        for row in board.indicators
    ]
    # The same for a reader with a token.
    assert client.get("/api/v1/programme/indicators", headers=_bearer(officer)).json() == data


def test_indicators_of_another_year_and_of_an_area(client: Client, programme: Programme) -> None:
    last_year = client.get("/api/v1/programme/indicators", {"year": YEAR - 1}).json()["results"]
    assert [(r["code"], r["item"], r["value"], r["year"]) for r in last_year] == [
        ("transfers", None, "0.00", YEAR - 1),
        ("joint_labs", "IT-1", None, YEAR - 1),  # nothing entered that year
        ("joint_labs", "IT-2", "9.00", YEAR - 1),
    ]
    assert last_year[1]["share_of_target"] is None
    area = client.get("/api/v1/programme/indicators", {"area": "innovation_technology"}).json()
    assert [r["item"] for r in area["results"]] == ["IT-1", "IT-2"]
    assert client.get("/api/v1/programme/indicators", {"area": "education"}).json()["count"] == 0
    blank = client.get("/api/v1/programme/indicators", {"year": "", "area": ""}).json()
    assert [r["year"] for r in blank["results"]] == [YEAR] * 3
    chinese = client.get("/api/v1/programme/indicators", headers={"Accept-Language": "zh-hant"})
    assert (chinese.json()["results"][0]["name"], chinese.json()["results"][0]["unit"]) == (
        "已實現的技術轉移",
        "份協議",
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "1999"}, "year"),
        ({"year": "2101"}, "year"),
        ({"year": "last"}, "year"),
        ({"area": "not a slug"}, "area"),
    ],
)
def test_invalid_indicator_filters_are_a_400(
    client: Client, programme: Programme, query: dict[str, str], field: str
) -> None:
    problem = _problem(client.get("/api/v1/programme/indicators", query), 400)
    assert list(problem["errors"]) == [field]


def test_an_unpublished_indicator_is_not_listed_even_on_its_area(
    client: Client, programme: Programme
) -> None:
    Indicator.objects.filter(pk=programme.labs_b.pk).update(is_published=False)
    area = client.get("/api/v1/programme/indicators", {"area": "innovation_technology"}).json()
    assert [r["item"] for r in area["results"]] == ["IT-1"]
    assert date.fromisoformat(area["results"][0]["values"][0]["start"]) == date(YEAR - 2, 1, 1)
