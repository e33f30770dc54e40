"""Input bounds at the service and the database: prices that cannot be stored or read back,
control characters in texts and keywords, and the constraint that guards reads."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing, ListingEvent, ListingText
from techbridge.catalogue.services import listing_create, listing_update
from techbridge.catalogue.services.inputs import IPRightInput, validate_listing_input
from techbridge.catalogue.tests.factories import create_offer, offer_input
from techbridge.catalogue.tests.published import Catalogue
from techbridge.core.bounds import decimal_problem, has_forbidden_characters, text_problem
from techbridge.core.errors import ServiceValidationError

pytestmark = pytest.mark.django_db

UNSTORABLE_PRICES = [
    Decimal("1e30"),
    Decimal("1000000000000"),
    Decimal("-1e30"),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    Decimal("0.001"),
    "²",
    1.5,
]


def _snapshot() -> list[tuple[Any, ...]]:
    """What a refused write must leave untouched."""
    return [
        *Listing.objects.order_by("pk").values_list("pk", "price_amount", "external_ref"),
        *ListingText.objects.order_by("pk").values_list("pk", "title", "summary"),
        *ListingEvent.objects.order_by("pk").values_list("pk", "verb"),
    ]


@pytest.mark.parametrize("price", UNSTORABLE_PRICES, ids=str)
def test_unstorable_price_is_refused_on_create_and_update(
    officer: User, hk_university: Organisation, price: Any
) -> None:
    with pytest.raises(ServiceValidationError) as refused:
        listing_create(actor=officer, data=offer_input(hk_university, price_amount=price))
    assert set(refused.value.message_dict) == {"price_amount"}
    assert not Listing.objects.exists()

    listing = create_offer(officer, hk_university)
    before = _snapshot()
    with pytest.raises(ServiceValidationError) as refused:
        listing_update(
            actor=officer, listing=listing, data=offer_input(hk_university, price_amount=price)
        )
    assert set(refused.value.message_dict) == {"price_amount"}
    assert _snapshot() == before


def test_largest_storable_price_is_accepted_and_reads_back(
    officer: User, hk_university: Organisation
) -> None:
    largest = Decimal("999999999999.99")
    listing = create_offer(officer, hk_university, price_amount=largest)
    assert Listing.objects.get(pk=listing.pk).price_amount == largest


def test_price_messages_are_clear() -> None:
    assert decimal_problem(Decimal("NaN"), max_digits=14, decimal_places=2) == (
        "Enter a finite number."
    )
    assert decimal_problem(Decimal("1e30"), max_digits=14, decimal_places=2) == (
        "Enter a number below 1,000,000,000,000."
    )
    assert decimal_problem(Decimal("0.001"), max_digits=14, decimal_places=2) == (
        "Use at most 2 decimal places."
    )
    assert decimal_problem("²", max_digits=14, decimal_places=2) == "Enter a number."


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe"])
def test_control_characters_in_texts_are_refused_naming_the_field(
    officer: User, hk_university: Organisation, character: str
) -> None:
    english = offer_input(hk_university).texts["en"]
    texts = {"en": replace(english, title=f"Ultra{character}sound", summary=f"a{character}b")}
    data = offer_input(
        hk_university,
        texts=texts,
        keywords=("ok", f"bad{character}"),
        external_ref=f"ref{character}",
    )
    with pytest.raises(ServiceValidationError) as refused:
        listing_create(actor=officer, data=data)
    errors = refused.value.message_dict
    assert errors["title_en"] == [
        "The title contains line breaks, tabs or control characters; remove them."
    ]
    assert errors["summary_en"] == ["The summary contains control characters; remove them."]
    assert errors["keywords"] == [
        "A keyword contains line breaks, tabs or control characters; remove them."
    ]
    assert errors["external_ref"] == [
        "The external reference contains line breaks, tabs or control characters; remove them."
    ]
    assert not Listing.objects.exists()


def test_long_texts_keep_tabs_and_line_breaks_titles_do_not(
    officer: User, hk_university: Organisation
) -> None:
    english = offer_input(hk_university).texts["en"]
    paragraphs = replace(english, description="Step 1\tmix\r\nStep 2\tbake\n")
    listing = create_offer(officer, hk_university, texts={"en": paragraphs})
    assert listing.texts.get(language="en").description == "Step 1\tmix\r\nStep 2\tbake"

    two_lines = replace(english, title="Ultrasound\nimaging")
    with pytest.raises(ServiceValidationError) as refused:
        validate_listing_input(offer_input(hk_university, texts={"en": two_lines}))
    assert set(refused.value.message_dict) == {"title_en"}


def test_ip_right_owner_share_that_is_not_a_number_is_refused_not_crashing(
    hk_university: Organisation,
) -> None:
    right = IPRightInput(
        right_type="invention_patent",
        number="CN1\x0b",
        territory="CN",
        status="granted",
        owners=(("A", Decimal("NaN")), ("B", Decimal("100"))),
    )
    with pytest.raises(ServiceValidationError) as refused:
        validate_listing_input(offer_input(hk_university, ip_rights=(right,)))
    assert refused.value.message_dict == {
        "ip_rights_1_number": [
            "The application or registration number contains line breaks, tabs or control "
            "characters; remove them."
        ],
        "ip_rights_1_owners": ["Enter a finite number."],
    }


@pytest.mark.parametrize(
    "price", [Decimal("1000000000000"), Decimal("1e30"), Decimal("NaN")], ids=str
)
def test_the_database_refuses_a_price_written_past_the_services(
    client: Client, catalogue: Catalogue, price: Decimal
) -> None:
    offer = catalogue.offer
    # Too large: the check constraint (SQLite) or numeric(14, 2) (PostgreSQL) refuses it;
    # NaN: Django's DecimalField refuses it before any SQL is sent.
    with pytest.raises((IntegrityError, DataError, ValidationError)), transaction.atomic():
        Listing.objects.filter(pk=offer.pk).update(price_amount=price)
    assert Listing.objects.get(pk=offer.pk).price_amount == Decimal("500000.00")
    # Every reader of the listing still works.
    for url in (
        "/en/search/?q=ultrasound",
        f"/en/listings/{offer.reference}/",
        "/en/listings/export/csv/",
        "/en/listings/export/json/",
        "/en/listings/export/xlsx/",
        "/api/v1/listings",
        f"/api/v1/listings/{offer.reference}",
        "/api/v1/search?q=ultrasound",
    ):
        assert client.get(url).status_code == 200, url


def test_model_clean_applies_the_same_bounds(officer: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    listing.price_amount = Decimal("1e30")
    listing.keywords = ["fine", "two\nlines"]
    with pytest.raises(ValidationError) as refused:
        listing.clean()
    assert set(refused.value.message_dict) == {"price_amount", "keywords"}
    text = listing.texts.get(language="en")
    text.title = "a\x0bb"
    with pytest.raises(ValidationError) as refused:
        text.full_clean()
    assert set(refused.value.message_dict) == {"title"}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=st.text(max_size=30))
def test_text_rule_agrees_with_the_character_classes(value: str) -> None:
    line_ok = not any(
        ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\ufffe\uffff" for c in value
    ) and not any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    assert has_forbidden_characters(value, multiline=False) is not line_ok
    assert (text_problem(value) is None) is line_ok
    # A long text is at least as permissive as a line.
    if line_ok:
        assert not has_forbidden_characters(value, multiline=True)
