"""The committed OpenAPI schema tells the truth: each operation lists the problems it can
answer with (application/problem+json), the deal's messages are paginated as documented,
paging parameters are checked (a 400, not a silent default), empty filters are ignored and
invalid ones refused, and unknown addresses, methods, formats and owners are problems too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.throttling import SimpleRateThrottle

from techbridge.accounts.models import Organisation, User
from techbridge.api.pagination import MAX_OFFSET
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.models import Listing
from techbridge.catalogue.tests.published import Catalogue
from techbridge.pipeline.models import DealMessage

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "openapi.json").read_text("utf-8"))
PROBLEM = {"schema": {"$ref": "#/components/schemas/Problem"}}
UNSAFE = {"post", "put", "patch", "delete"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in SCHEMA["paths"].items()
        for method, operation in operations.items()
    ]


def _bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='truth')[1]}"}


def _is_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    return body


@pytest.mark.parametrize(("path", "method", "operation"), _operations())
def test_every_operation_documents_the_problems_it_can_answer(
    path: str, method: str, operation: dict[str, Any]
) -> None:
    query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
    expected = {"401", "406", "429"}
    if query or method in UNSAFE:
        expected.add("400")
    if method in UNSAFE:
        expected.add("403")
    if "{" in path:
        expected.add("404")
    if "requestBody" in operation:
        expected.add("415")
    problems = {code for code in operation["responses"] if code >= "400"}
    assert expected <= problems
    # Beyond the general ones, only what a view declares itself: a reused key, an unknown owner.
    assert problems - expected <= {"404", "422"}
    for code in problems:
        assert operation["responses"][code]["content"] == {"application/problem+json": PROBLEM}
    assert operation["responses"]["429"]["headers"]["Retry-After"]["required"] is True
    assert operation["responses"]["401"]["headers"]["WWW-Authenticate"]["required"] is True
    for parameter in query:  # filters ignore an empty value; paging does not
        assert parameter.get("allowEmptyValue", False) is (
            parameter["name"] not in ("limit", "offset")
        )


def test_the_problem_component_matches_what_errors_answer() -> None:
    problem = SCHEMA["components"]["schemas"]["Problem"]
    assert set(problem["properties"]) == {"type", "title", "status", "detail", "errors"}
    assert sorted(problem["required"]) == ["status", "title", "type"]


@pytest.mark.django_db
def test_deal_messages_are_paginated_as_documented(
    client: Client, nda_offer: Listing, outsider: User, cq_enterprise: Organisation
) -> None:
    buyer = _bearer(outsider)
    body = {"listing": nda_offer.reference, "organisation": cq_enterprise.slug, "message": "Hi"}
    deal = client.post("/api/v1/deals", body, content_type="application/json", headers=buyer)
    path = f"/api/v1/deals/{deal.json()['id']}/messages"
    client.post(path, {"body": "Second"}, content_type="application/json", headers=buyer)
    assert SCHEMA["paths"]["/api/v1/deals/{id}/messages"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"] == {"$ref": "#/components/schemas/PaginatedMessageList"}

    first = client.get(path, {"limit": 1}, headers=buyer).json()
    second = client.get(path, {"limit": 1, "offset": 1}, headers=buyer).json()
    assert first["count"] == second["count"] == 2
    assert [m["body"] for m in first["results"] + second["results"]] == ["Hi", "Second"]
    assert first["previous"] is None and second["next"] is None
    assert first["next"].endswith(f"{path}?limit=1&offset=1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", "0"),
        ("limit", "-1"),
        ("limit", "101"),
        ("limit", ""),
        ("limit", "null"),
        ("limit", "2.5"),
        ("offset", "-1"),
        ("offset", ""),
        ("offset", "null"),
        ("offset", str(MAX_OFFSET + 1)),
        ("offset", "10565364023030607852599246848"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/organisations", "/api/v1/listings", "/api/v1/search"])
def test_bad_paging_is_a_400_problem(
    client: Client, catalogue: Catalogue, path: str, name: str, value: str
) -> None:
    problem = _is_problem(client.get(path, {name: value}), 400)
    assert list(problem["errors"]) == [name]


@pytest.fixture
def unthrottled(monkeypatch: pytest.MonkeyPatch) -> None:
    """DRF copied the rates into the throttle class when it was imported."""
    for scope in ("anon", "user"):
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, "100000/min")


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(limit=st.integers(min_value=-5, max_value=120))
def test_limit_is_served_exactly_within_its_bounds(
    hk_university: Organisation, unthrottled: None, limit: int
) -> None:
    response = Client().get("/api/v1/organisations", {"limit": limit})
    if 1 <= limit <= 100:
        assert response.status_code == 200
        assert len(response.json()["results"]) == min(limit, Organisation.objects.count())
    else:
        assert _is_problem(response, 400)["errors"] == {"limit": ["Must be between 1 and 100."]}


@pytest.mark.django_db
def test_the_last_allowed_offset_pages_nothing(client: Client, catalogue: Catalogue) -> None:
    response = client.get("/api/v1/organisations", {"offset": MAX_OFFSET})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.django_db
def test_empty_filters_are_ignored(client: Client, catalogue: Catalogue) -> None:
    listings = client.get("/api/v1/listings").json()
    assert listings["count"] == 2
    assert client.get("/api/v1/listings", {"area": "", "kind": "", "region": ""}).json() == listings
    search = client.get("/api/v1/search").json()
    blank = {"area": "", "kind": "", "q": "", "trl_min": "", "sort": "", "ip_status": ""}
    assert client.get("/api/v1/search", blank).json() == search


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/api/v1/listings", {"kind": "nope"}, "kind"),
        ("/api/v1/listings", {"region": "mars"}, "region"),
        ("/api/v1/listings", {"area": "not a slug"}, "area"),
        ("/api/v1/search", {"kind": "nope"}, "kind"),
        ("/api/v1/search", {"area": "not a slug"}, "area"),
        ("/api/v1/search", {"trl_min": "10"}, "trl_min"),
        ("/api/v1/search", {"q": "tab\there"}, "q"),
    ],
)
def test_invalid_filters_are_a_clear_400(
    client: Client, catalogue: Catalogue, path: str, query: dict[str, str], field: str
) -> None:
    problem = _is_problem(client.get(path, query), 400)
    assert list(problem["errors"]) == [field]


@pytest.mark.django_db
def test_unknown_area_and_reversed_trl_range_match_nothing(
    client: Client, catalogue: Catalogue
) -> None:
    assert client.get("/api/v1/listings", {"area": "no-such-area"}).json()["count"] == 0
    assert client.get("/api/v1/search", {"area": "no-such-area"}).json()["count"] == 0
    reversed_range = client.get("/api/v1/search", {"trl_min": 7, "trl_max": 2})
    assert reversed_range.json() == {"count": 0, "results": [], "facets": {}}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/nowhere", "/api/v1/listings/a/b", "/api/v1/listings/"])
def test_unknown_api_addresses_are_problem_404s(client: Client, path: str) -> None:
    assert _is_problem(client.get(path), 404)["title"] == "Not found."
    assert _is_problem(client.post(path), 404)["title"] == "Not found."


@pytest.mark.django_db
def test_patch_is_not_allowed_and_changes_nothing(
    client: Client, catalogue: Catalogue, officer: User
) -> None:
    listing = Listing.objects.filter(status="published").order_by("pk").first()
    assert listing is not None
    before = Listing.objects.values().get(pk=listing.pk)
    response = client.patch(
        f"/api/v1/listings/{listing.reference}",
        json.dumps({"kind": "request"}),
        content_type="application/json",
        headers=_bearer(officer),
    )
    _is_problem(response, 405)
    assert response["Allow"] == "GET, PUT, HEAD, OPTIONS"
    assert Listing.objects.values().get(pk=listing.pk) == before
    options = client.options(f"/api/v1/listings/{listing.reference}")
    assert options["Allow"] == "GET, PUT, HEAD, OPTIONS"


@pytest.mark.django_db
def test_other_formats_are_406_and_415_problems_and_change_nothing(
    client: Client, catalogue: Catalogue, officer: User
) -> None:
    assert _is_problem(client.get("/api/v1/taxonomy", HTTP_ACCEPT="text/html"), 406)["title"] == (
        "The API answers in JSON only."
    )
    count = Listing.objects.count()
    refused = client.post(
        "/api/v1/listings", "kind=offer", content_type="text/plain", headers=_bearer(officer)
    )
    assert _is_problem(refused, 415)["title"] == "The API reads JSON bodies only."
    assert Listing.objects.count() == count


@pytest.mark.django_db
def test_a_listing_for_an_unknown_owner_is_a_404_and_creates_nothing(
    client: Client, catalogue: Catalogue, officer: User
) -> None:
    token, count = _bearer(officer), Listing.objects.count()
    body = {"kind": "offer", "owner": "no-such-org", "original_language": "en", "texts": {}}
    response = client.post("/api/v1/listings", body, content_type="application/json", headers=token)
    assert _is_problem(response, 404)["detail"] == (
        "The organisation named as owner does not exist."
    )
    assert Listing.objects.count() == count
    both_wrong = {**body, "kind": "nope"}
    response = client.post(
        "/api/v1/listings", both_wrong, content_type="application/json", headers=token
    )
    assert set(_is_problem(response, 400)["errors"]) == {"kind", "owner"}
    assert Listing.objects.count() == count
    assert not DealMessage.objects.exists()
