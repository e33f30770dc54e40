"""The listing pages refuse what cannot be stored or read back — huge and odd prices, control
characters — with a 400 and the error on the field, and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing, ListingEvent, ListingText
from techbridge.catalogue.tests.published import Catalogue
from techbridge.web.account_forms import OrganisationForm
from techbridge.web.deal_forms import MessageForm
from techbridge.web.forms import SearchForm

pytestmark = pytest.mark.django_db

HOSTILE_PRICES = ["1e30", "1000000000000", "NaN", "Infinity", "-Infinity", "\u00b2", "0.001"]


def _form(owner: Organisation, **changes: Any) -> dict[str, Any]:
    data = {
        "kind": "offer",
        "owner": str(owner.pk),
        "original_language": "en",
        "title_en": "Portable ultrasound tumour imaging",
        "summary_en": "Handheld ultrasound probe that maps tumour margins in real time.",
        "keywords": "ultrasound, oncology",
        "areas": ["innovation_technology"],
        "partnership_types": ["licence"],
        "trl": "6",
        "ip_status": "none",
        "price_terms": "fixed",
        "price_amount": "10.00",
        "currency": "HKD",
        "teaser_tier": "0",
        "detail_tier": "1",
    }
    data.update(changes)
    return data


def _snapshot() -> list[tuple[Any, ...]]:
    return [
        *Listing.objects.order_by("pk").values_list("pk", "price_amount", "status"),
        *ListingText.objects.order_by("pk").values_list("pk", "title", "summary"),
        *ListingEvent.objects.order_by("pk").values_list("pk", "verb"),
    ]


def _field_errors(response: Any, name: str) -> list[str]:
    return list(response.context["form"].errors.get(name, []))


@pytest.mark.parametrize("price", HOSTILE_PRICES)
def test_new_listing_with_an_unstorable_price_is_a_field_error(
    client: Client, officer: User, hk_university: Organisation, price: str
) -> None:
    client.force_login(officer)
    response = client.post(reverse("web:listing_create"), _form(hk_university, price_amount=price))
    assert response.status_code == 400
    assert _field_errors(response, "price_amount")
    assert not Listing.objects.exists()


@pytest.mark.parametrize("price", HOSTILE_PRICES)
def test_edit_with_an_unstorable_price_is_a_field_error_and_changes_nothing(
    client: Client, catalogue: Catalogue, officer: User, hk_university: Organisation, price: str
) -> None:
    client.force_login(officer)
    before = _snapshot()
    response = client.post(
        reverse("web:listing_edit", args=[catalogue.offer.reference]),
        _form(hk_university, price_amount=price),
    )
    assert response.status_code == 400
    assert _field_errors(response, "price_amount")
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "title_en",
            "Ultra\x0bsound",
            "This text contains line breaks, tabs or control characters; remove them.",
        ),
        ("summary_en", "Probe\x1b[31m red", "This text contains control characters; remove them."),
        (
            "keywords",
            "ultra\x07sound",
            "This text contains line breaks, tabs or control characters; remove them.",
        ),
    ],
)
def test_control_characters_are_a_field_error(
    client: Client,
    officer: User,
    hk_university: Organisation,
    field: str,
    value: str,
    message: str,
) -> None:
    client.force_login(officer)
    response = client.post(reverse("web:listing_create"), _form(hk_university, **{field: value}))
    assert response.status_code == 400
    assert _field_errors(response, field) == [message]
    assert not Listing.objects.exists()


def test_line_breaks_and_tabs_stay_in_long_texts(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("web:listing_create"),
        _form(hk_university, description_en="Step 1\tmix\r\nStep 2\tbake"),
    )
    assert response.status_code == 302
    text = Listing.objects.get().texts.get(language="en")
    assert text.description == "Step 1\tmix\r\nStep 2\tbake"


def test_every_form_text_field_is_guarded() -> None:
    search = SearchForm({"q": "ultra\x1bsound"})
    assert not search.is_valid()
    assert list(search.errors) == ["q"]
    organisation = OrganisationForm(
        {"name_en": "U\x0bni", "org_type": "university", "region": "hk"}
    )
    assert not organisation.is_valid()
    assert list(organisation.errors) == ["name_en"]
    message = MessageForm({"body": "Line one\nline two\tindented", "idempotency_key": "k"})
    assert message.is_valid(), message.errors
    message = MessageForm({"body": "bell\x07", "idempotency_key": "k"})
    assert not message.is_valid()
    assert list(message.errors) == ["body"]
