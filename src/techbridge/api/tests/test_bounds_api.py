"""The API refuses what cannot be stored or read back — huge and odd prices, control
characters — with a 400 naming the field, and changes nothing; every reader keeps working."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from techbridge.accounts.models import Organisation, User
from techbridge.api.serializers import ListingWriteSerializer
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.models import Listing, ListingEvent, ListingText
from techbridge.catalogue.tests.published import Catalogue

pytestmark = pytest.mark.django_db

# Raw JSON fragments for the price: numbers, strings, and the non-standard NaN/Infinity.
HOSTILE_PRICES = [
    "1e30",
    '"1e30"',
    "1000000000000",
    '"1000000000000"',
    '"NaN"',
    "NaN",
    '"Infinity"',
    "-Infinity",
    '"-Infinity"',
    '"\u00b2"',
    '"0.001"',
    '"-5"',
]


def _bearer(user: User) -> dict[str, str]:
    _token, secret = api_token_create(user=user, name="bounds")
    return {"Authorization": f"Bearer {secret}"}


def _body(owner: Organisation, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "offer",
        "owner": owner.slug,
        "original_language": "en",
        "texts": {"en": {"title": "Laser welding of thin steel", "summary": "Fast and clean."}},
        "trl": 5,
        "price_terms": "fixed",
        "price_amount": "10.00",
        "currency": "HKD",
    }
    body.update(changes)
    return body


def _with_raw_price(body: dict[str, Any], raw: str) -> str:
    """The JSON text of ``body`` with ``price_amount`` replaced by a raw JSON fragment."""
    text = json.dumps({**body, "price_amount": "__PRICE__"}, ensure_ascii=False)
    return text.replace('"__PRICE__"', raw)


def _snapshot() -> list[tuple[Any, ...]]:
    return [
        *Listing.objects.order_by("pk").values_list("pk", "price_amount", "status"),
        *ListingText.objects.order_by("pk").values_list("pk", "title"),
        *ListingEvent.objects.order_by("pk").values_list("pk", "verb"),
    ]


def _assert_field_refused(response: Any, field: str | None) -> None:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    if field is not None:
        assert field in response.json()["errors"]


def _expected_field(raw: str) -> str | None:
    # Bare NaN / Infinity are not JSON: the parser refuses the whole body.
    return None if raw in ("NaN", "-Infinity") else "price_amount"


@pytest.mark.parametrize("raw", HOSTILE_PRICES)
def test_post_with_an_unstorable_price_is_a_400_and_creates_nothing(
    client: Client, officer: User, hk_university: Organisation, raw: str
) -> None:
    response = client.post(
        "/api/v1/listings",
        _with_raw_price(_body(hk_university), raw),
        content_type="application/json",
        headers=_bearer(officer),
    )
    _assert_field_refused(response, _expected_field(raw))
    assert not Listing.objects.exists()


@pytest.mark.parametrize("raw", HOSTILE_PRICES)
def test_put_with_an_unstorable_price_is_a_400_and_changes_nothing(
    client: Client, catalogue: Catalogue, officer: User, hk_university: Organisation, raw: str
) -> None:
    before = _snapshot()
    response = client.put(
        f"/api/v1/listings/{catalogue.offer.reference}",
        _with_raw_price(_body(hk_university), raw),
        content_type="application/json",
        headers=_bearer(officer),
    )
    _assert_field_refused(response, _expected_field(raw))
    assert _snapshot() == before


def test_largest_storable_price_is_accepted_and_readable(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    response = client.post(
        "/api/v1/listings",
        _body(hk_university, price_amount="999999999999.99"),
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert response.status_code == 201
    assert str(Listing.objects.get().price_amount) == "999999999999.99"


@pytest.mark.parametrize("character", ["\x0b", "\x00", "\x1b", "\x7f", "\x9f"])
def test_put_with_control_characters_in_the_title_is_refused_and_exports_still_work(
    client: Client, catalogue: Catalogue, officer: User, hk_university: Organisation, character: str
) -> None:
    before = _snapshot()
    title = f"Portable ultrasound{character} imaging"
    response = client.put(
        f"/api/v1/listings/{catalogue.offer.reference}",
        _body(hk_university, texts={"en": {"title": title, "summary": "Fine."}}),
        content_type="application/json",
        headers=_bearer(officer),
    )
    # A NUL is refused by the API's JSON parser before any field is read.
    _assert_field_refused(response, None if character == "\x00" else "texts")
    assert _snapshot() == before
    xlsx = client.get("/en/listings/export/xlsx/")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.max_row == 3  # the header and the two published listings


def test_a_tab_in_a_long_text_is_kept_but_not_in_a_title(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    bearer = _bearer(officer)
    refused = client.post(
        "/api/v1/listings",
        _body(hk_university, texts={"en": {"title": "Two\tcolumns", "summary": "x"}}),
        content_type="application/json",
        headers=bearer,
    )
    _assert_field_refused(refused, "texts")
    assert not Listing.objects.exists()
    accepted = client.post(
        "/api/v1/listings",
        _body(
            hk_university,
            texts={"en": {"title": "Two columns", "summary": "x", "description": "a\tb\nc"}},
        ),
        content_type="application/json",
        headers=bearer,
    )
    assert accepted.status_code == 201
    assert Listing.objects.get().texts.get(language="en").description == "a\tb\nc"


@pytest.mark.parametrize(
    "changes",
    [
        {"trl": 10**30},
        {"trl": "\u00b2"},
        {"keywords": ["ok", "bad\x0bword"]},
        {"areas": ["innovation_technology\x1b"]},
        {"external_ref": "=cmd\x07"},
        {"texts": {"en\x00": {"title": "x", "summary": "y"}}},
        {"texts": {"xx": {"title": "x", "summary": "y"}}},
    ],
    ids=["huge-trl", "superscript-trl", "keyword", "area", "external-ref", "nul-key", "bad-key"],
)
def test_other_unstorable_input_is_a_400(
    client: Client,
    officer: User,
    hk_university: Organisation,
    changes: dict[str, Any],
) -> None:
    response = client.post(
        "/api/v1/listings",
        _body(hk_university, **changes),
        content_type="application/json",
        headers=_bearer(officer),
    )
    _assert_field_refused(response, None)
    assert not Listing.objects.exists()


def test_an_owner_no_slug_can_name_is_an_unknown_owner(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    response = client.post(
        "/api/v1/listings",
        {**_body(hk_university), "owner": "hku\x1b"},
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert response.status_code == 404, response.content
    assert response.json()["detail"] == "The organisation named as owner does not exist."
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    "owner", ["\x00", "hku\x00", "hku\x1b"], ids=["nul", "trailing-nul", "escape"]
)
def test_the_listing_serializer_refuses_such_an_owner_before_any_query(
    hk_university: Organisation, owner: str
) -> None:
    """The API's parser already refuses a NUL anywhere in a body; the serializer must not
    depend on it: PostgreSQL refuses a NUL even in a comparison, and the lookup raised."""
    serializer = ListingWriteSerializer(data={**_body(hk_university), "owner": owner})
    assert not serializer.is_valid()
    assert list(serializer.errors) == ["owner"]
    assert [e.code for e in serializer.errors["owner"]] == ["does_not_exist"]
