"""IP rights in the listing form and on the listing page: added, edited and removed through
the listing services; a refused right shows its problem beside the field and saves nothing."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.tests.factories import create_offer
from techbridge.catalogue.tests.published import Catalogue

pytestmark = pytest.mark.django_db


def _url(name: str, *args: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _listing(owner: Organisation) -> dict[str, Any]:
    return {
        "kind": "offer",
        "owner": str(owner.pk),
        "original_language": "en",
        "title_en": "Portable ultrasound tumour imaging",
        "summary_en": "Handheld ultrasound probe that maps tumour margins in real time.",
        "description_en": "Confidential: the beamforming uses a patented sparse array.",
        "areas": ["innovation_technology"],
        "partnership_types": ["licence"],
        "trl": "6",
        "ip_status": "patent_granted",
        "price_terms": "negotiable",
        "currency": "",
        "teaser_tier": "0",
        "detail_tier": "1",
    }


def _rights(*rights: dict[str, str], initial: int = 0, blank: int = 1) -> dict[str, str]:
    """The formset's fields: ``rights`` then ``blank`` untouched empty rights."""
    data = {
        "ip-TOTAL_FORMS": str(len(rights) + blank),
        "ip-INITIAL_FORMS": str(initial),
        "ip-MIN_NUM_FORMS": "0",
        "ip-MAX_NUM_FORMS": "1000",
    }
    for index, right in enumerate(rights):
        data.update({f"ip-{index}-{name}": value for name, value in right.items()})
    return data


def _right(**changes: str) -> dict[str, str]:
    right = {
        "right_type": "invention_patent",
        "number": "ZL202310001234.5",
        "territory": "CN",
        "status": "granted",
        "filed_on": "2023-01-05",
        "granted_on": "2024-06-01",
        "owners": "University A; 60\nChongqing B 40%",
    }
    right.update(changes)
    return right


def _stored(listing: Listing) -> list[tuple[Any, ...]]:
    return [
        (
            right.right_type,
            right.territory,
            right.number,
            right.status,
            right.filed_on,
            right.granted_on,
            [(owner.name, owner.share_percent) for owner in right.owners.all()],
        )
        for right in listing.ip_rights.all()
    ]


def _field_block(page: str, field_id: str) -> str:
    """The ``<p class="field">`` holding the input ``field_id``: its label, value and errors."""
    match = re.search(
        rf'<p class="field[^"]*">(?:(?!</p>).)*id="{field_id}"(?:(?!</p>).)*</p>', page, re.S
    )
    assert match, field_id
    return match.group()


def test_a_new_listing_is_saved_with_its_rights_and_an_empty_right_is_skipped(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    client.force_login(officer)
    page = client.get(_url("web:listing_create")).content.decode()
    assert 'name="ip-0-number"' in page and 'name="add_ip_right"' in page
    data = {**_listing(hk_university), **_rights(_right(), blank=1)}
    response = client.post(_url("web:listing_create"), data)
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert _stored(listing) == [
        (
            "invention_patent",
            "CN",
            "ZL202310001234.5",
            "granted",
            date(2023, 1, 5),
            date(2024, 6, 1),
            [("University A", Decimal("60.00")), ("Chongqing B", Decimal("40.00"))],
        )
    ]


def test_add_a_right_button_shows_one_more_empty_right_and_saves_nothing(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    client.force_login(officer)
    data = {**_listing(hk_university), **_rights(_right(), blank=1), "add_ip_right": "1"}
    response = client.post(_url("web:listing_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="ip-TOTAL_FORMS" value="3"' in page
    assert 'name="ip-2-number"' in page
    assert 'value="ZL202310001234.5"' in page
    assert not Listing.objects.exists()


def test_edit_shows_the_rights_and_changes_adds_and_removes_them(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)
    client.force_login(officer)
    page = client.get(_url("web:listing_edit", listing.reference)).content.decode()
    assert 'value="HK1234567"' in page
    assert "University A; 60\nClinic B; 40</textarea>" in page

    stored = _right(
        right_type="invention_patent",
        number="HK1234567",
        territory="HK",
        status="granted",
        filed_on="",
        granted_on="",
        owners="University A; 50\nClinic B; 50",
    )
    added = _right()
    data = {**_listing(hk_university), **_rights(stored, added, initial=1, blank=1)}
    assert client.post(_url("web:listing_edit", listing.reference), data).status_code == 302
    assert [(n, owners) for _t, _c, n, _s, _f, _g, owners in _stored(listing)] == [
        ("HK1234567", [("University A", Decimal("50.00")), ("Clinic B", Decimal("50.00"))]),
        (
            "ZL202310001234.5",
            [("University A", Decimal("60.00")), ("Chongqing B", Decimal("40.00"))],
        ),
    ]
    event = ListingEvent.objects.filter(listing=listing).latest("pk")
    assert event.verb == "updated" and "ip_rights" in event.changes

    page = client.get(_url("web:listing_edit", listing.reference)).content.decode()
    assert 'name="ip-INITIAL_FORMS" value="2"' in page
    removed = {**stored, "owners": "University A; 50\nClinic B; 50", "DELETE": "on"}
    data = {**_listing(hk_university), **_rights(removed, added, initial=2, blank=0)}
    assert client.post(_url("web:listing_edit", listing.reference), data).status_code == 302
    assert [right[2] for right in _stored(listing)] == ["ZL202310001234.5"]


@pytest.mark.parametrize(
    ("rights", "field_id", "message"),
    [
        (
            [_right(owners="University A; 60\nChongqing B; 30")],
            "id_ip-0-owners",
            "The owners&#x27; shares must add up to 100%.",
        ),
        (
            [_right(filed_on="2024-06-01", granted_on="2023-01-05")],
            "id_ip-0-granted_on",
            "A right cannot be granted before it was filed.",
        ),
        (
            [_right(), _right(right_type="utility_model")],
            "id_ip-1-number",
            "This number is already listed for this territory.",
        ),
        (
            [_right(owners="University A sixty")],
            "id_ip-0-owners",
            "Write each owner on its own line as a name and a share",
        ),
    ],
    ids=["shares", "grant before filing", "number twice", "owner without share"],
)
def test_a_refused_right_shows_its_problem_beside_the_field_and_changes_nothing(
    client: Client,
    officer: User,
    hk_university: Organisation,
    rights: list[dict[str, str]],
    field_id: str,
    message: str,
) -> None:
    listing = create_offer(officer, hk_university)
    before, events = _stored(listing), ListingEvent.objects.count()
    client.force_login(officer)
    data = {**_listing(hk_university), **_rights(*rights, initial=1, blank=0)}
    data["title_en"] = "A new title that must not be saved"
    response = client.post(_url("web:listing_edit", listing.reference), data)
    assert response.status_code == 400
    block = _field_block(response.content.decode(), field_id)
    assert message in block and 'class="error"' in block
    assert _stored(listing) == before
    assert listing.texts.get(language="en").title == "Portable ultrasound tumour imaging"
    assert ListingEvent.objects.count() == events


def test_the_listing_page_shows_rights_with_dates_and_owners_at_the_detail_tier(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    url = _url("web:listing", catalogue.offer.reference)
    assert "HK1234567" not in client.get(url).content.decode()  # detail for registered only
    client.force_login(outsider)
    page = client.get(url).content.decode()
    assert '<th scope="col">Owners and shares</th>' in page
    assert "<td>HK1234567</td><td>Hong Kong</td><td>Granted</td>" in page
    assert (
        '<li>University A <span class="ip-share">· 60%</span></li>'
        '<li>Clinic B <span class="ip-share">· 40%</span></li>'
    ) in page


def test_the_listing_page_writes_filing_and_grant_dates_per_language(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    from techbridge.catalogue.services.inputs import IPRightInput

    right = IPRightInput(
        right_type="invention_patent",
        number="ZL202310001234.5",
        territory="CN",
        status="granted",
        owners=(("University A", Decimal("100")),),
        filed_on=date(2023, 1, 5),
        granted_on=date(2024, 6, 1),
    )
    listing = create_offer(officer, hk_university, ip_rights=(right,))
    client.force_login(officer)  # the owner reads its own draft, detail included
    english = client.get(_url("web:listing", listing.reference)).content.decode()
    assert '<time datetime="2023-01-05">5 Jan 2023</time>' in english
    assert '<time datetime="2024-06-01">1 Jun 2024</time>' in english
    chinese = client.get(_url("web:listing", listing.reference, language="zh-hant"))
    assert '<time datetime="2023-01-05">2023年1月5日</time>' in chinese.content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_edit_form_fills_the_date_pickers_with_iso_dates(
    client: Client, officer: User, hk_university: Organisation, language: str
) -> None:
    from techbridge.catalogue.services.inputs import IPRightInput

    right = IPRightInput(
        right_type="invention_patent",
        number="ZL1",
        territory="CN",
        status="granted",
        owners=(("University A", Decimal("100")),),
        filed_on=date(2023, 1, 5),
        granted_on=date(2024, 6, 1),
    )
    listing = create_offer(officer, hk_university, ip_rights=(right,))
    client.force_login(officer)
    page = client.get(_url("web:listing_edit", listing.reference, language=language))
    block = _field_block(page.content.decode(), "id_ip-0-filed_on")
    assert 'type="date"' in block and 'value="2023-01-05"' in block
