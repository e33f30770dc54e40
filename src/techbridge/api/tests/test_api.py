"""REST API v1: tiers and canaries, writes through the services, tokens, problem+json
errors in the caller's language, rate limits, pinned query counts, and schema drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from rest_framework.throttling import SimpleRateThrottle

from techbridge.accounts.models import Organisation, User
from techbridge.api.tokens import api_token_create, api_token_revoke
from techbridge.catalogue.models import ConfidentialView, Listing, ListingEvent
from techbridge.catalogue.tests.published import CANARY, Catalogue

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parent.parent / "openapi.json"


def _bearer(user: User) -> dict[str, str]:
    _token, secret = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {secret}"}


def test_search_finds_english_offer_from_simplified_query_without_confidential_text(
    client: Client, catalogue: Catalogue
) -> None:
    response = client.get("/api/v1/search", {"q": "超声", "kind": "offer"})
    assert response.status_code == 200
    data = response.json()
    assert [hit["listing"]["reference"] for hit in data["results"]] == [catalogue.offer.reference]
    assert data["facets"]["kind"] == {"offer": 1, "request": 1}
    reasons = data["results"][0]["reasons"]
    assert {"query": "超声", "matched": "ultrasound", "via": "glossary"}.items() <= next(
        r for r in reasons if r["matched"] == "ultrasound"
    ).items()
    assert CANARY not in response.content.decode()
    assert client.get("/api/v1/search", {"q": CANARY}).json()["count"] == 0


def test_search_reasons_name_fields_by_code_and_label_them_in_the_request_language(
    client: Client, catalogue: Catalogue
) -> None:
    """fields are the engine's codes, stable for programs; field_labels are for people."""
    query = {"q": "超声", "kind": "offer"}
    response = client.get("/api/v1/search", query, headers={"Accept-Language": "zh-hans"})
    (hit,) = response.json()["results"]
    reason = next(r for r in hit["reasons"] if r["matched"] == "ultrasound")
    # The description is not shown to an anonymous reader, so it gives no reason.
    assert reason["fields"] == ["title", "keywords", "summary"]
    assert reason["field_labels"] == ["标题", "关键词", "摘要"]
    own = next(r for r in hit["reasons"] if r["via"] == "query")
    assert own == {
        "query": "超声",
        "matched": "超声",
        "via": "query",
        "weight": 1.0,
        "fields": ["translation"],
        "field_labels": ["其内容的逐词翻译"],
    }
    english = client.get("/api/v1/search", query, headers={"Accept-Language": "en"})
    reasons = english.json()["results"][0]["reasons"]
    assert [r["fields"] for r in reasons] == [r["fields"] for r in hit["reasons"]]
    assert next(r for r in reasons if r["via"] == "query")["field_labels"] == [
        "a word-by-word translation of its text"
    ]


def test_a_word_found_as_typed_is_reported_as_typed_in_either_spelling(
    client: Client, catalogue: Catalogue
) -> None:
    """The offer writes "tumour"; an American spelling finds it, and the reason quotes the
    word as the reader typed it, capitals included, not its index term ("tumor")."""
    for typed in ("Tumours", "tumors", "TUMOURS"):
        data = client.get("/api/v1/search", {"q": typed, "kind": "offer"}).json()
        assert [hit["listing"]["reference"] for hit in data["results"]] == [
            catalogue.offer.reference
        ]
        own = [r for r in data["results"][0]["reasons"] if r["via"] == "query"]
        assert [(r["query"], r["matched"]) for r in own] == [(typed, typed)]


def test_listing_detail_by_tier_with_canary_and_view_record(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    url = f"/api/v1/listings/{catalogue.offer.reference}"
    anonymous = client.get(url).json()
    assert anonymous["detail_visible"] is False
    assert anonymous["description"] is None
    assert CANARY not in json.dumps(anonymous)
    assert not ConfidentialView.objects.exists()

    registered = client.get(url, headers=_bearer(outsider)).json()
    assert CANARY in registered["description"]
    assert ConfidentialView.objects.get().viewer == outsider


def test_list_shows_published_teasers_only_with_fixed_query_count(
    client: Client, catalogue: Catalogue, django_assert_num_queries: Any
) -> None:
    # 4 for the page (count, listings, texts, areas) whatever its length; 2 for the two
    # rate-limit counters (one atomic upsert each).
    with django_assert_num_queries(6):
        response = client.get("/api/v1/listings")
    data = response.json()
    assert data["count"] == 2
    assert {item["reference"] for item in data["results"]} == {
        catalogue.offer.reference,
        catalogue.need.reference,
    }
    assert CANARY not in response.content.decode()


def test_create_through_the_services_and_refusals_change_nothing(
    client: Client, officer: User, outsider: User, hk_university: Organisation
) -> None:
    body = {
        "kind": "offer",
        "owner": hk_university.slug,
        "original_language": "en",
        "texts": {"en": {"title": "Laser welding of thin steel", "summary": "Fast and clean."}},
        "trl": 5,
        "areas": ["innovation_technology"],
    }
    refused = client.post(
        "/api/v1/listings", body, content_type="application/json", headers=_bearer(outsider)
    )
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert not Listing.objects.exists()

    created = client.post(
        "/api/v1/listings", body, content_type="application/json", headers=_bearer(officer)
    )
    assert created.status_code == 201
    listing = Listing.objects.get()
    assert created.json()["reference"] == listing.reference
    assert listing.status == "draft"
    assert ListingEvent.objects.filter(listing=listing, verb="created").count() == 1


def test_validation_errors_are_problem_json_in_the_callers_language(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    body = {
        "kind": "offer",
        "owner": hk_university.slug,
        "original_language": "zh-hans",
        "texts": {"zh-hans": {"title": "", "summary": "摘要"}},
    }
    response = client.post(
        "/api/v1/listings",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-CN",
        headers={**_bearer(officer), "Accept-Language": "zh-CN"},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert set(problem["errors"]) == {"title_zh-hans", "trl"}
    assert not Listing.objects.exists()


def test_revoked_or_unknown_token_is_refused(client: Client, officer: User) -> None:
    token, secret = api_token_create(user=officer, name="ci")
    assert client.get("/api/v1/listings", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    api_token_revoke(user=officer, token=token)
    refused = client.get("/api/v1/listings", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 401
    assert refused.json()["title"] == "Authentication is required."
    assert client.get("/api/v1/listings", HTTP_AUTHORIZATION="Bearer tb_nope").status_code == 401


def test_anonymous_rate_limit_gives_retry_after(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The configured 100/min, scaled down so the test needs four requests, not 101.
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "3/min")
    statuses = [client.get("/api/v1/taxonomy").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/taxonomy", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 60
    assert limited["Content-Type"] == "application/problem+json"
    assert limited.json()["title"] == "请求过于频繁。"


def test_taxonomy_lists_the_eleven_areas(client: Client) -> None:
    data = client.get("/api/v1/taxonomy", HTTP_ACCEPT_LANGUAGE="zh-HK").json()
    assert len(data["areas"]) == 11
    assert [level["level"] for level in data["trl_levels"]] == list(range(1, 10))


def test_committed_openapi_schema_matches_the_code() -> None:
    with translation.override("en"):
        generated = SchemaGenerator().get_schema(request=None, public=True)
    committed = json.loads(SCHEMA.read_text("utf-8"))
    assert json.loads(json.dumps(generated, default=str)) == committed, (
        "the API changed: run `make openapi` and commit src/techbridge/api/openapi.json"
    )


def test_token_page_shows_the_secret_once_and_it_works(client: Client, officer: User) -> None:
    client.force_login(officer)
    page = client.post("/zh-hant/my/tokens/", {"name": "同步腳本"}).content.decode()
    secret = page.split('<code id="new-token">', 1)[1].split("</code>", 1)[0]
    assert secret.startswith("tb_")
    assert secret not in client.get("/zh-hant/my/tokens/").content.decode()
    client.logout()
    response = client.get("/api/v1/listings", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200


def test_integrator_creates_submits_and_an_administrator_publishes_over_the_api(
    client: Client,
    search_index_dir: Path,
    officer: User,
    reviewer: User,
    hk_university: Organisation,
) -> None:
    from techbridge.matching.upkeep import index_catch_up

    body = {
        "kind": "offer",
        "owner": hk_university.slug,
        "original_language": "en",
        "texts": {"en": {"title": "Ultrasound tumour probe", "summary": "Handheld imaging."}},
        "trl": 6,
        "areas": ["innovation_technology"],
    }
    member = _bearer(officer)
    reference = client.post(
        "/api/v1/listings", body, content_type="application/json", headers=member
    ).json()["reference"]
    assert client.post(f"/api/v1/listings/{reference}/publish", headers=member).status_code == 403
    submitted = client.post(f"/api/v1/listings/{reference}/submit", headers=member)
    assert submitted.json()["status"] == "review"
    published = client.post(f"/api/v1/listings/{reference}/publish", headers=_bearer(reviewer))
    assert published.json()["status"] == "published"

    index_catch_up()
    found = client.get("/api/v1/search", {"q": "超声 肿瘤"}).json()
    assert [hit["listing"]["reference"] for hit in found["results"]] == [reference]


def test_nul_characters_are_refused_not_crashing(client: Client, catalogue: Catalogue) -> None:
    response = client.get("/api/v1/listings", {"area": "a\x00b"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/en/search/", {"q": "x\x00"}).status_code == 400


def test_huge_paging_numbers_are_refused_not_overflowing(
    client: Client, catalogue: Catalogue
) -> None:
    huge = "10565364023030607852599246848"
    response = client.get("/api/v1/organisations", {"limit": huge, "offset": huge})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/listings", {"limit": huge}).status_code == 400


def test_nul_in_json_body_is_refused(client: Client, officer: User) -> None:
    body = {"kind": "offer", "owner": "x\x00", "original_language": "en", "texts": {}}
    response = client.post(
        "/api/v1/listings", body, content_type="application/json", headers=_bearer(officer)
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
