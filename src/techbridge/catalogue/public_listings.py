"""Listings shown beside the organisation or person behind them (an organisation's profile,
an expert's page): published, readable by the reader as a teaser, and never anonymous, since
showing an anonymous listing there would name its owner."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import reader_tier


def public_listings_for(reader: Any, listings: QuerySet[Listing], limit: int = 50) -> list[Listing]:
    return list(
        listings.filter(
            status=ListingStatus.PUBLISHED,
            is_anonymous=False,
            teaser_tier__lte=reader_tier(reader),
        )
        .select_related("owner")
        .prefetch_related("texts", "areas")
        .order_by("-published_at", "-pk")
        .distinct()[:limit]
    )


def public_listings_of(organisation: Organisation, reader: Any) -> list[Listing]:
    return public_listings_for(reader, Listing.objects.filter(owner=organisation))
