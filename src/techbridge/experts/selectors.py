"""Reading expert profiles as the public sees them: published profiles only, and never beside
an anonymous listing (naming the expert would name the listing's owner)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from techbridge.accounts.models import Organisation
from techbridge.catalogue.models import Listing
from techbridge.catalogue.public_listings import public_listings_for
from techbridge.experts.models import ExpertProfile


def published_experts() -> QuerySet[ExpertProfile]:
    return ExpertProfile.objects.filter(is_published=True).select_related("institution")


def published_expert(pk: int) -> ExpertProfile | None:
    return published_experts().prefetch_related("areas", "sectors").filter(pk=pk).first()


def experts_named_on(listing: Listing) -> list[ExpertProfile]:
    """The published experts a listing names; none for an anonymous listing."""
    if listing.is_anonymous:
        return []
    return list(published_experts().filter(listings=listing).order_by("name_en", "pk"))


def experts_of(organisation: Organisation) -> list[ExpertProfile]:
    return list(
        published_experts()
        .filter(institution=organisation)
        .prefetch_related("areas")
        .order_by("name_en", "pk")
    )


def listings_naming(expert: ExpertProfile, reader: Any) -> list[Listing]:
    """The listings an expert is named on that ``reader`` may see as cards: published, not
    anonymous, teaser within the reader's tier."""
    return public_listings_for(reader, Listing.objects.filter(experts=expert))
