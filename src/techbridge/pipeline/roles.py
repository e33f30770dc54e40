"""Who a user is in a deal. Pure reads; services and views call these before anything else."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from techbridge.accounts.models import Membership
from techbridge.catalogue.choices import ListingKind
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.pipeline.models import Deal
from techbridge.pipeline.transitions import Role

# Offers and expertise are provided by their owner; for needs and partner requests the
# interested organisation is the provider.
PROVIDED_BY_OWNER = (ListingKind.OFFER, ListingKind.EXPERTISE, ListingKind.FACILITY)


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def deal_role(user: Any, deal: Deal) -> Role:
    """Owner, counterparty, or other. Only members who may write for an organisation act for
    it; platform staff are "other": they administer the platform, not its deals."""
    if not _active(user):
        return Role.OTHER
    organisations = set(
        Membership.objects.filter(user=user, role__in=EDITOR_ROLES).values_list(
            "organisation_id", flat=True
        )
    )
    if deal.owner_id in organisations:
        return Role.OWNER
    if deal.counterparty_id in organisations:
        return Role.COUNTERPARTY
    return Role.OTHER


def holder_role(deal: Deal) -> Role:
    """The side holding the technology: the owner of an offer, the interested organisation
    answering a need. That side records the mainland export classification."""
    return Role.OWNER if deal.listing.kind in PROVIDED_BY_OWNER else Role.COUNTERPARTY


def acting_organisation_id(user: Any, deal: Deal) -> int | None:
    role = deal_role(user, deal)
    if role == Role.OWNER:
        return deal.owner_id
    if role == Role.COUNTERPARTY:
        return deal.counterparty_id
    return None


def deals_of(user: Any) -> QuerySet[Deal]:
    """The deals a user takes part in, on either side."""
    if not _active(user):
        return Deal.objects.none()
    organisations = Membership.objects.filter(user=user, role__in=EDITOR_ROLES).values(
        "organisation_id"
    )
    return Deal.objects.filter(Q(owner_id__in=organisations) | Q(counterparty_id__in=organisations))
