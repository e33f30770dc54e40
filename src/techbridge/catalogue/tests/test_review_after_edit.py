"""A member's new wording of a live listing is reviewed before the public reads it, through
every door (service, page, API, import); facts such as tiers stay live, and a reviewer's own
edit is not sent back."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.bulk.exporting import as_csv, export_rows
from techbridge.catalogue.bulk.importing import listings_import
from techbridge.catalogue.bulk.reading import read_rows
from techbridge.catalogue.choices import DisclosureTier, ListingStatus
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.services import (
    listing_publish,
    listing_put_on_hold,
    listing_submit_for_review,
    listing_update,
)
from techbridge.catalogue.tests.factories import create_offer, offer_input
from techbridge.matching.selectors import listing_search
from techbridge.matching.upkeep import index_catch_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(search_index_dir: Path, officer: User, reviewer: User, hk_university: Organisation):
    listing = create_offer(officer, hk_university, external_ref="HKU-LIVE-1")
    listing_submit_for_review(actor=officer, listing=listing)
    listing = listing_publish(actor=reviewer, listing=listing)
    index_catch_up()
    return listing


def _found(words: str) -> list[str]:
    index_catch_up()
    return [hit.listing.reference for hit in listing_search(AnonymousUser(), words).hits]


def _new_title(listing: Listing, title: str):
    data = offer_input(listing.owner, external_ref=listing.external_ref)
    return replace(data, texts={"en": replace(data.texts["en"], title=title)})


def test_members_new_title_goes_back_to_review_and_leaves_search(
    live: Listing, officer: User, reviewer: User
) -> None:
    assert _found("zqxreworded") == [] and _found("ultrasound") == [live.reference]

    updated = listing_update(
        actor=officer, listing=live, data=_new_title(live, "Zqxreworded ultrasound probe")
    )

    assert updated.status == ListingStatus.REVIEW
    live.refresh_from_db()
    assert live.status == ListingStatus.REVIEW and live.submitted_at is not None
    verbs = list(ListingEvent.objects.filter(listing=live).order_by("pk").values_list("verb"))
    assert verbs[-2:] == [("updated",), ("submitted",)]
    last = ListingEvent.objects.filter(listing=live).latest("pk")
    assert last.changes == {"status": ["published", "review"]}
    assert _found("zqxreworded") == [] and _found("ultrasound") == []

    listing_publish(actor=reviewer, listing=live)
    assert _found("zqxreworded") == [live.reference]


def test_facts_stay_live_and_a_reviewers_edit_is_not_sent_back(
    live: Listing, officer: User, reviewer: User
) -> None:
    raised = offer_input(
        live.owner, external_ref=live.external_ref, detail_tier=DisclosureTier.PARTIES
    )
    assert listing_update(actor=officer, listing=live, data=raised).status == "published"
    assert _found("ultrasound") == [live.reference]

    reworded = replace(_new_title(live, "Zqxstaffworded probe"), detail_tier=DisclosureTier.PARTIES)
    assert listing_update(actor=reviewer, listing=live, data=reworded).status == "published"
    assert _found("zqxstaffworded") == [live.reference]


def test_on_hold_listing_reworded_needs_review_before_it_can_resume(
    live: Listing, officer: User
) -> None:
    listing_put_on_hold(actor=officer, listing=live)
    updated = listing_update(actor=officer, listing=live, data=_new_title(live, "Zqxheld probe"))
    assert updated.status == ListingStatus.REVIEW


def test_the_edit_page_sends_a_reworded_live_listing_to_review(
    client: Client, live: Listing, officer: User, hk_university: Organisation
) -> None:
    client.force_login(officer)
    form = {
        "kind": "offer",
        "owner": str(hk_university.pk),
        "original_language": "en",
        "title_en": "Zqxpageworded ultrasound probe",
        "summary_en": "Handheld ultrasound probe that maps tumour margins in real time.",
        "keywords": "ultrasound, oncology",
        "areas": ["innovation_technology"],
        "trl": "6",
        "ip_status": "patent_granted",
        "price_terms": "negotiable",
        "teaser_tier": "0",
        "detail_tier": "1",
    }
    notice = client.get(f"/en/my/listings/{live.reference}/edit/").content.decode()
    assert "it goes back to review and leaves search" in notice
    response = client.post(f"/en/my/listings/{live.reference}/edit/", form)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Listing {live.reference} saved.",
        "Its new wording goes to an administrator for review; it is out of search until then.",
    ]
    live.refresh_from_db()
    assert live.status == ListingStatus.REVIEW
    assert _found("zqxpageworded") == []


def test_the_api_sends_a_reworded_live_listing_to_review(
    client: Client, live: Listing, officer: User, hk_university: Organisation
) -> None:
    _token, secret = api_token_create(user=officer, name="test")
    body = {
        "kind": "offer",
        "owner": hk_university.slug,
        "original_language": "en",
        "texts": {"en": {"title": "Zqxapiworded probe", "summary": "Handheld imaging."}},
        "trl": 6,
        "areas": ["innovation_technology"],
        "external_ref": live.external_ref,
    }
    response = client.put(
        f"/api/v1/listings/{live.reference}",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "review"
    assert _found("zqxapiworded") == []


def test_a_reworded_import_row_sends_the_live_listing_to_review(
    live: Listing, officer: User
) -> None:
    exported = as_csv(export_rows(officer, [live]))
    reworded = exported.replace(b"Portable ultrasound tumour imaging", b"Zqximportworded probe")
    assert reworded != exported
    report = listings_import(
        actor=officer, rows=read_rows(io.BytesIO(reworded), "csv"), dry_run=False
    )
    assert [row.action for row in report.rows] == ["updated"]
    live.refresh_from_db()
    assert live.status == ListingStatus.REVIEW
    assert _found("zqximportworded") == []
