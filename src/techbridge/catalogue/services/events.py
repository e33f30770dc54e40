"""Writing a listing's change events: always inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from techbridge.catalogue.models import Listing, ListingEvent


def record_listing_event(
    listing: Listing, actor: Any, verb: str, changes: dict[str, Any] | None = None
) -> ListingEvent:
    real_actor = actor if actor is not None and actor.is_authenticated else None
    return ListingEvent.objects.create(
        listing=listing, actor=real_actor, verb=verb, changes=changes or {}
    )
