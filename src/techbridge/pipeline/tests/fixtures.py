"""Fixtures of the pipeline tests: listings of both cities and deals built through the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from django.core.files.storage import Storage

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import member_of
from techbridge.catalogue.choices import DisclosureTier
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create, listing_publish, listing_submit_for_review
from techbridge.catalogue.tests.factories import offer_input
from techbridge.catalogue.tests.published import CANARY
from techbridge.config.settings.storage import database_storages
from techbridge.files.tests.helpers import stored_names
from techbridge.pipeline.models import Deal
from techbridge.pipeline.models.records import private_storage
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    deal_advance,
    deal_express_interest,
    nda_confirm,
)


def publish(actor: User, reviewer: User, listing: Listing) -> Listing:
    listing_submit_for_review(actor=actor, listing=listing)
    return listing_publish(actor=reviewer, listing=listing)


@pytest.fixture
def private_uploads(settings: Any) -> Storage:
    """The deal documents' storage, in the test database whatever the environment chose (so
    no test reaches an object store by accident), empty at the start; what a test stores is
    rolled back with its transaction."""
    settings.STORAGES = database_storages()
    storage = private_storage()
    # The files app's migration may have copied a developer's var/private into the database.
    for name in stored_names(storage):
        storage.delete(name)
    return storage


@pytest.fixture
def nda_offer(
    officer: User, reviewer: User, hk_university: Organisation, private_uploads: Storage
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


def negotiating_deal(
    listing: Listing, owner: User, buyer: User, organisation: Organisation
) -> Deal:
    """A deal taken through the services to negotiation: screened, accepted, NDA in force."""
    deal = deal_express_interest(actor=buyer, listing=listing, organisation=organisation)
    deal_advance(actor=owner, deal=deal, event="screen")
    deal_advance(actor=owner, deal=deal, event="accept")
    nda_confirm(actor=owner, deal=deal)
    nda_confirm(actor=buyer, deal=deal)
    return deal_advance(actor=owner, deal=deal, event="negotiate")


def signed_deal(
    listing: Listing, owner: User, buyer: User, organisation: Organisation, deal: Deal | None = None
) -> Deal:
    """A deal signed as an exclusive licence (continuing ``deal`` when given)."""
    deal = deal or negotiating_deal(listing, owner, buyer, organisation)
    agreement_record(
        actor=owner,
        deal=deal,
        data=AgreementInput(
            deal_type="licence", exclusivity="exclusive", signed_on=date(2026, 11, 1)
        ),
    )
    return deal_advance(actor=owner, deal=deal, event="sign")
