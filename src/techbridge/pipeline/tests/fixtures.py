"""Fixtures of the pipeline tests: listings of both cities and deals built through the services."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import member_of
from techbridge.catalogue.choices import DisclosureTier
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create, listing_publish, listing_submit_for_review
from techbridge.catalogue.tests.factories import offer_input
from techbridge.catalogue.tests.published import CANARY


def publish(actor: User, reviewer: User, listing: Listing) -> Listing:
    listing_submit_for_review(actor=actor, listing=listing)
    return listing_publish(actor=reviewer, listing=listing)


@pytest.fixture
def private_uploads(tmp_path: Path, settings: Any) -> Path:
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    return settings.PRIVATE_UPLOAD_ROOT


@pytest.fixture
def nda_offer(
    officer: User, reviewer: User, hk_university: Organisation, private_uploads: Path
) -> Listing:
    """A Hong Kong offer whose confidential detail (with the canary) is for NDA parties only."""
    english = offer_input(hk_university).texts["en"]
    text = replace(english, description=f"{english.description} {CANARY}")
    data = offer_input(hk_university, texts={"en": text}, detail_tier=DisclosureTier.PARTIES)
    return publish(officer, reviewer, listing_create(actor=officer, data=data))


@pytest.fixture
def cq_offer(outsider: User, reviewer: User, cq_enterprise: Organisation) -> Listing:
    """A Chongqing offer: its export to Hong Kong passes the cross-border checkpoint."""
    english = offer_input(cq_enterprise).texts["en"]
    data = offer_input(
        cq_enterprise,
        texts={"en": replace(english, description=f"{english.description} {CANARY}")},
        detail_tier=DisclosureTier.PARTIES,
    )
    return publish(outsider, reviewer, listing_create(actor=outsider, data=data))


@pytest.fixture
def third_party(db: None) -> User:
    """A member of a third organisation: no part in any deal."""
    from techbridge.accounts.tests.factories import OrganisationFactory

    other = OrganisationFactory.create(slug="third-org", region="cq")
    return member_of(other, MembershipRole.ADMIN, email="third@example.org")
