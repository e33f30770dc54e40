"""Who may see a listing's pictures and summary PDF: whoever may read its teaser.

Unlike ``selectors.listing_reading`` this records nothing: the files are not confidential
detail, so fetching them is not a confidential view.
"""

from __future__ import annotations

from typing import Any

from techbridge.catalogue.choices import DisclosureTier, ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import can_edit_for, reader_tier


def listing_media_visible(user: Any, listing: Listing) -> bool:
    """Editors see their listing's files in any status; others only a published listing's,
    and only if they may read its teaser."""
    if can_edit_for(user, listing.owner):
        return True
    return listing.status == ListingStatus.PUBLISHED and listing.teaser_tier <= reader_tier(user)


def listing_media_is_public(listing: Listing) -> bool:
    """Whether anyone at all may fetch the files, so a shared cache may keep them."""
    return (
        listing.status == ListingStatus.PUBLISHED and listing.teaser_tier == DisclosureTier.PUBLIC
    )
