"""Reads of the pipeline other apps need: the NDA that releases a listing's confidential
detail to a reader, and the record of each such view in the deal's history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from techbridge.accounts.models import Membership
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.pipeline.choices import ExportClassification, OutcomeChoice
from techbridge.pipeline.models import Deal
from techbridge.pipeline.models.deal import MAINLAND_REGIONS
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.services.deals import locked
from techbridge.pipeline.transitions import Role

# The export checkpoint applies (mainland technology going to Hong Kong or overseas, as
# ``Deal.checkpoint_applies``) and the technology is prohibited from export.
EXPORT_PROHIBITED = (
    Q(export_classification=ExportClassification.PROHIBITED)
    & Q(provider_region__in=MAINLAND_REGIONS)
    & ~Q(recipient_region__in=MAINLAND_REGIONS)
)


def nda_deal_for(user: Any, listing_pk: int) -> Deal | None:
    """The reader's deal on this listing whose NDA is in force, if any.

    A deal closed as lost or withdrawn no longer releases anything; a won deal does. Nor
    does a deal whose mainland technology, bound for Hong Kong or overseas, is classified as
    prohibited from export (even when reclassified after the NDA came into force): the
    detail is withheld for as long as that classification stands.
    """
    if not (user and user.is_authenticated and user.is_active):
        return None
    organisations = Membership.objects.filter(user=user, role__in=EDITOR_ROLES).values(
        "organisation_id"
    )
    return (
        Deal.objects.filter(
            listing_id=listing_pk,
            counterparty_id__in=organisations,
            nda__in_force_at__isnull=False,
        )
        .exclude(outcome__in=[OutcomeChoice.LOST, OutcomeChoice.WITHDRAWN])
        .exclude(EXPORT_PROHIBITED)
        .order_by("pk")
        .first()
    )


def confidential_view_record(user: Any, deal: Deal, channel: str) -> None:
    """Append the view to the deal's history (beside the catalogue's ConfidentialView)."""
    with transaction.atomic():
        current = locked(deal)
        event_append(
            current,
            actor=user,
            organisation_id=current.counterparty_id,
            verb="confidential_viewed",
            after={"listing": current.listing.reference, "channel": channel},
        )


def owner_hidden_from(deal: Deal, role: str) -> bool:
    """Whether the reader, acting as ``role`` in the deal, may not yet know who owns the
    listing: the owner of an anonymous listing stays unnamed to the interested organisation
    until it accepts the interest (Enterprise Europe Network practice)."""
    return (
        role == Role.COUNTERPARTY and deal.listing.is_anonymous and deal.owner_disclosed_at is None
    )


def undisclosed_owner_label(deal: Deal) -> str:
    """What the interested organisation is told of an owner it may not yet know."""
    return _("Not disclosed yet: %(type)s, %(region)s") % {
        "type": deal.owner.get_org_type_display(),
        "region": deal.owner.get_region_display(),
    }


def party_names(deal: Deal, role: str) -> dict[int, str]:
    """Organisation id → the name the reader may see, for every name a deal page prints."""
    owner = undisclosed_owner_label(deal) if owner_hidden_from(deal, role) else deal.owner.name
    return {deal.owner_id: owner, deal.counterparty_id: deal.counterparty.name}
