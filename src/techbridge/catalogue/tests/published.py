"""A small published catalogue, indexed: the fixture of the page and API tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create, listing_publish, listing_submit_for_review
from techbridge.catalogue.tests.factories import create_offer, need_input_zh_hans, offer_input
from techbridge.matching.upkeep import index_rebuild

# Planted in confidential fields: must never reach a reader below the detail tier.
CANARY = "zqxcanaryfieldzq"


@dataclass(frozen=True)
class Catalogue:
    offer: Listing  # English, Hong Kong, confidential detail for registered readers
    need: Listing  # Simplified Chinese, Chongqing
    draft: Listing


def _publish(actor: User, reviewer: User, listing: Listing) -> Listing:
    listing_submit_for_review(actor=actor, listing=listing)
    return listing_publish(actor=reviewer, listing=listing)


@pytest.fixture
def catalogue(
    search_index_dir: Path,
    officer: User,
    outsider: User,
    reviewer: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> Catalogue:
    english = offer_input(hk_university).texts["en"]
    confidential = replace(english, description=f"{english.description} {CANARY}")
    offer_data = offer_input(hk_university, texts={"en": confidential})
    offer = _publish(officer, reviewer, listing_create(actor=officer, data=offer_data))
    need = _publish(
        outsider, reviewer, listing_create(actor=outsider, data=need_input_zh_hans(cq_enterprise))
    )
    draft = create_offer(
        officer, hk_university, keywords=("draftonly",), texts={"en": confidential}
    )
    index_rebuild()
    return Catalogue(offer=offer, need=need, draft=draft)
