"""Demo deals and match suggestions over the demo catalogue, so that a new installation shows
the pipeline at every stage. Built through the services (every step is in the deals' hash
chains); loaded once: a repeat finds the demo deals and does nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Membership, User
from techbridge.catalogue.choices import ListingKind, ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import Deal
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    deal_advance,
    deal_export_classify,
    deal_express_interest,
    nda_confirm,
    obligation_add,
)

DEMO_DEALS = 9


def _admin_of(organisation_id: int) -> User:
    membership = (
        Membership.objects.filter(organisation_id=organisation_id, role=MembershipRole.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert membership is not None, "demo organisations have an administrator"
    return membership.user


def _to(stage: str, deal: Deal, owner: User, party: User) -> None:
    """Walk a new deal to ``stage`` the way its parties would."""
    steps: list[Callable[[], Any]] = [
        lambda: deal_advance(actor=owner, deal=deal, event="screen"),
        lambda: deal_advance(actor=owner, deal=deal, event="accept"),
        lambda: nda_confirm(actor=owner, deal=deal),
        lambda: nda_confirm(actor=party, deal=deal),
        lambda: deal_advance(actor=party, deal=deal, event="negotiate"),
        lambda: agreement_record(
            actor=owner,
            deal=deal,
            data=AgreementInput(
                deal_type="licence",
                exclusivity="non_exclusive",
                territory="Chongqing" if deal.recipient_region == "cq" else "Hong Kong",
                signed_on=date(2026, 10, 15),
                value=Decimal("600000"),
                currency="CNY",
            ),
        ),
        lambda: deal_advance(actor=owner, deal=deal, event="sign"),
        lambda: obligation_add(
            actor=owner, deal=deal, description="Annual royalty report", due_on=date(2027, 10, 15)
        ),
        lambda: deal_advance(actor=owner, deal=deal, event="start_obligations"),
    ]
    stop = {
        "interest": 0,
        "screening": 1,
        "nda": 3,
        "due_diligence": 4,
        "negotiation": 5,
        "signed": 7,
        "obligations": 9,
    }[stage]
    for step in steps[:stop]:
        step()


def load_demo_deals() -> int:
    """Create the demo deals (if none exist)."""
    if Deal.objects.filter(listing__is_demo=True).exists():
        return 0
    published = Listing.objects.filter(is_demo=True, status=ListingStatus.PUBLISHED).order_by("pk")
    hk_offers = list(published.filter(kind=ListingKind.OFFER, owner__region="hk")[:8])
    cq_offers = list(published.filter(kind=ListingKind.OFFER, owner__region="cq")[:2])
    cq_members = list(
        Membership.objects.filter(organisation__region="cq", role=MembershipRole.ADMIN)
        .select_related("organisation", "user")
        .order_by("pk")[:4]
    )
    hk_members = list(
        Membership.objects.filter(organisation__region="hk", role=MembershipRole.ADMIN)
        .select_related("organisation", "user")
        .order_by("pk")[:2]
    )
    if not (hk_offers and cq_members and hk_members):
        return 0
    created = 0
    stages = [
        "interest",
        "screening",
        "nda",
        "due_diligence",
        "negotiation",
        "signed",
        "obligations",
    ]
    with transaction.atomic():
        for index, stage in enumerate(stages[: len(hk_offers)]):
            buyer = cq_members[index % len(cq_members)]
            offer = hk_offers[index]
            deal = deal_express_interest(
                actor=buyer.user,
                listing=offer,
                organisation=buyer.organisation,
                message="我们对这项技术很感兴趣，希望在重庆应用。",
            )
            _to(stage, deal, _admin_of(offer.owner_id), buyer.user)
            created += 1
        for index, offer in enumerate(cq_offers):
            buyer = hk_members[index % len(hk_members)]
            deal = deal_express_interest(
                actor=buyer.user,
                listing=offer,
                organisation=buyer.organisation,
                message="We would like to evaluate this technology in Hong Kong.",
            )
            owner = _admin_of(offer.owner_id)
            deal_advance(actor=owner, deal=deal, event="screen")
            deal_export_classify(
                actor=owner, deal=deal, classification="restricted" if index == 0 else "free"
            )
            created += 1
    # Suggestions come from the worker: publishing each demo listing queued its refresh.
    return created
