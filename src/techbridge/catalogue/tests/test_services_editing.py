"""listing_create and listing_update: exact outcomes, and refusals that change nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import IPRight, Listing, ListingEvent, ListingText
from techbridge.catalogue.services import listing_archive, listing_create, listing_update
from techbridge.catalogue.services.inputs import IPRightInput, TextInput
from techbridge.catalogue.tests.factories import create_offer, need_input_zh_hans, offer_input

pytestmark = pytest.mark.django_db


def _row_counts() -> tuple[int, int, int, int]:
    return (
        Listing.objects.count(),
        ListingText.objects.count(),
        IPRight.objects.count(),
        ListingEvent.objects.count(),
    )


def test_create_offer_writes_listing_texts_ip_and_one_event(
    officer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)

    assert re.fullmatch(r"TOHK\d{8}001", listing.reference)
    assert listing.status == "draft"
    assert listing.created_by == officer
    assert listing.trl_id == 6
    assert sorted(listing.partnership_types.values_list("code", flat=True)) == [
        "joint_rd",
        "licence",
    ]
    assert list(listing.areas.values_list("code", flat=True)) == ["innovation_technology"]
    assert list(listing.texts.values_list("language", "origin")) == [("en", "author")]
    right = listing.ip_rights.get()
    assert [(o.name, o.share_percent) for o in right.owners.all()] == [
        ("University A", Decimal("60.00")),
        ("Clinic B", Decimal("40.00")),
    ]
    event = ListingEvent.objects.get(listing=listing)
    assert event.verb == "created"
    assert event.actor == officer
    assert event.changes["text.en.title"] == [None, "Portable ultrasound tumour imaging"]
    assert event.changes["price_amount"] == [None, "500000.00"]


def test_second_listing_same_day_gets_next_sequence(
    officer: User, hk_university: Organisation
) -> None:
    first = create_offer(officer, hk_university)
    second = create_offer(officer, hk_university)
    assert second.reference == first.reference[:-3] + "002"


def test_simplified_text_gets_a_marked_traditional_conversion(
    outsider: User, cq_enterprise: Organisation
) -> None:
    listing = listing_create(actor=outsider, data=need_input_zh_hans(cq_enterprise))

    assert listing.reference.startswith("TRCQ")
    converted = listing.texts.get(language="zh-hant")
    assert converted.origin == "machine"
    assert converted.source_language == "zh-hans"
    assert converted.title == "尋求腫瘤超聲成像軟件"
    assert converted.summary == "重慶醫療器械企業尋求網絡化的超聲成像軟件。"
    assert not listing.texts.filter(language="en").exists()


def test_outsider_cannot_create_for_another_organisation(
    outsider: User, hk_university: Organisation
) -> None:
    before = _row_counts()
    with pytest.raises(PermissionDenied):
        create_offer(outsider, hk_university)
    assert _row_counts() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"texts": {}}, "texts"),
        ({"trl": None}, "trl"),
        ({"trl": 10}, "trl"),
        ({"currency": ""}, "currency"),
        ({"detail_tier": 0, "teaser_tier": 1}, "detail_tier"),
        ({"keywords": ("x" * 61,)}, "keywords"),
        ({"partnership_types": ("barter",)}, "partnership_types"),
        ({"areas": ("space_travel",)}, "areas"),
    ],
)
def test_invalid_input_is_refused_and_writes_nothing(
    officer: User, hk_university: Organisation, changes: dict[str, object], field: str
) -> None:
    before = _row_counts()
    with pytest.raises(ValidationError) as raised:
        create_offer(officer, hk_university, **changes)
    assert field in raised.value.message_dict
    assert _row_counts() == before


def test_ip_shares_must_sum_to_100(officer: User, hk_university: Organisation) -> None:
    bad = IPRightInput("invention_patent", "CN1", "CN", "filed", (("A", Decimal("70")),))
    before = _row_counts()
    with pytest.raises(ValidationError) as raised:
        create_offer(officer, hk_university, ip_rights=(bad,))
    assert raised.value.message_dict == {
        "ip_rights_1_owners": ["The owners' shares must add up to 100%."]
    }
    assert _row_counts() == before


def test_duplicate_external_reference_is_refused(
    officer: User, hk_university: Organisation
) -> None:
    create_offer(officer, hk_university, external_ref="EEN-1")
    before = _row_counts()
    with pytest.raises(ValidationError):
        create_offer(officer, hk_university, external_ref="EEN-1")
    assert _row_counts() == before


def test_update_records_exactly_what_changed(officer: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    data = offer_input(hk_university)
    new_texts = {"en": replace(data.texts["en"], title="Handheld ultrasound tumour imaging")}

    listing_update(actor=officer, listing=listing, data=replace(data, texts=new_texts, trl=7))

    event = ListingEvent.objects.filter(listing=listing).latest("pk")
    assert event.verb == "updated"
    assert event.changes == {
        "text.en.title": [
            "Portable ultrasound tumour imaging",
            "Handheld ultrasound tumour imaging",
        ],
        "trl_id": [6, 7],
    }


def test_update_with_no_change_writes_no_event(officer: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    listing_update(actor=officer, listing=listing, data=offer_input(hk_university))
    assert ListingEvent.objects.filter(listing=listing).count() == 1


def test_adding_traditional_text_replaces_the_machine_conversion(
    outsider: User, cq_enterprise: Organisation
) -> None:
    data = need_input_zh_hans(cq_enterprise)
    listing = listing_create(actor=outsider, data=data)
    human = TextInput(
        title="尋求腫瘤超聲波成像軟件",
        summary="重慶企業尋求軟件。",
        origin="human",
        source_language="zh-hans",
    )
    listing_update(
        actor=outsider,
        listing=listing,
        data=replace(data, texts={**data.texts, "zh-hant": human}),
    )
    text = listing.texts.get(language="zh-hant")
    assert (text.origin, text.title) == ("human", "尋求腫瘤超聲波成像軟件")


def test_outsider_cannot_update(officer: User, outsider: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    before = _row_counts()
    with pytest.raises(PermissionDenied):
        listing_update(actor=outsider, listing=listing, data=offer_input(hk_university, trl=9))
    listing.refresh_from_db()
    assert listing.trl_id == 6
    assert _row_counts() == before


def test_archived_listing_cannot_be_edited(officer: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    listing_archive(actor=officer, listing=listing)
    before = _row_counts()
    with pytest.raises(ValidationError):
        listing_update(actor=officer, listing=listing, data=offer_input(hk_university, trl=9))
    listing.refresh_from_db()
    assert (listing.status, listing.trl_id) == ("archived", 6)
    assert _row_counts() == before
