"""Reading listings as a given reader: which text, which fields, and a record of every
showing of confidential detail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from techbridge.accounts.models import Membership
from techbridge.catalogue.choices import DisclosureTier, ListingStatus, TextOrigin
from techbridge.catalogue.models import ConfidentialView, Listing, ListingText
from techbridge.catalogue.models.listing import DETAIL_TEXT_FIELDS
from techbridge.catalogue.permissions import can_edit_for, reader_tier
from techbridge.programme.models import CooperationArea


@dataclass(frozen=True)
class ListingReading:
    """What one reader gets of one listing."""

    listing: Listing
    text: ListingText
    converted: bool  # shown text is a machine script conversion
    fallback: bool  # reader's language missing: shown in the original language
    detail_visible: bool
    owner_visible: bool
    tier: int


def pick_text(listing: Listing, language: str) -> tuple[ListingText, bool]:
    """The text to show in ``language``, or the original if there is none (and a flag)."""
    texts = {text.language: text for text in listing.texts.all()}
    if language in texts:
        return texts[language], False
    original = texts.get(listing.original_language) or next(iter(texts.values()))
    return original, True


def published_listings() -> QuerySet[Listing]:
    return Listing.objects.filter(status=ListingStatus.PUBLISHED)


def listing_reading(
    user: Any, listing: Listing, language: str, channel: str = "web"
) -> ListingReading | None:
    """The reader's view of a listing, or None when they may not see even its teaser.

    Owners and platform administrators see their listings in any status; everyone else sees
    published listings only. Confidential detail shown to a signed-in reader is recorded.
    """
    is_editor = can_edit_for(user, listing.owner)
    if listing.status != ListingStatus.PUBLISHED and not is_editor:
        return None
    tier = reader_tier(user)
    if listing.teaser_tier > tier and not is_editor:
        return None
    nda_deal = None
    if listing.detail_tier > tier and not is_editor:
        # A party under an NDA in force sees this listing's detail (and this one only).
        # Imported here: the pipeline builds on the catalogue, not the other way round.
        from techbridge.pipeline.selectors import nda_deal_for

        nda_deal = nda_deal_for(user, listing.pk)
        if nda_deal is not None:
            tier = DisclosureTier.PARTIES
    detail_visible = is_editor or listing.detail_tier <= tier
    text, fallback = pick_text(listing, language)
    if detail_visible and user.is_authenticated and not is_editor:
        # The catalogue's record and the deal's audit event are one write: both or neither.
        with transaction.atomic():
            _record_confidential_view(user, listing, tier, channel)
            if nda_deal is not None:
                from techbridge.pipeline.selectors import confidential_view_record

                confidential_view_record(user, nda_deal, channel)
    return ListingReading(
        listing=listing,
        text=text,
        converted=text.origin == TextOrigin.MACHINE,
        fallback=fallback,
        detail_visible=detail_visible,
        owner_visible=is_editor or not listing.is_anonymous,
        tier=tier,
    )


def _record_confidential_view(user: Any, listing: Listing, tier: int, channel: str) -> None:
    organisation_id = (
        Membership.objects.filter(user=user)
        .order_by("pk")
        .values_list("organisation_id", flat=True)
        .first()
    )
    ConfidentialView.objects.create(
        listing=listing,
        viewer=user,
        organisation_id=organisation_id,
        fields=list(DETAIL_TEXT_FIELDS),
        tier=tier,
        channel=channel,
    )


def area_counts() -> list[tuple[CooperationArea, int]]:
    """Published listings per cooperation area of the Conference, in the Conference's order."""
    areas = CooperationArea.objects.filter(mechanism__is_primary=True).annotate(
        published=Count("listings", filter=Q(listings__status=ListingStatus.PUBLISHED))
    )
    return [(area, area.published) for area in areas.order_by("position")]


def recent_public_listings(limit: int = 8) -> list[Listing]:
    """The newest published listings whose teaser anyone may read, with what a card shows
    (owner, texts, areas) read in three queries."""
    return list(
        published_listings()
        .filter(teaser_tier=DisclosureTier.PUBLIC)
        .select_related("owner")
        .prefetch_related("texts", "areas")
        .order_by("-published_at", "-pk")[:limit]
    )


def recent_public_listings_by_area(
    per_area: int = 3, depth: int = 200, listings: list[Listing] | None = None
) -> list[tuple[CooperationArea, list[Listing]]]:
    """Per cooperation area of the Conference (in its order), up to ``per_area`` of the newest
    publicly readable listings, taken from the ``depth`` newest (or from ``listings``, the
    newest already read by the caller); areas with none are left out."""
    if listings is None:
        listings = recent_public_listings(depth)
    areas = CooperationArea.objects.filter(mechanism__is_primary=True).order_by("position")
    chosen: dict[int, list[Listing]] = {area.pk: [] for area in areas}
    for listing in listings:
        for area in listing.areas.all():
            bucket = chosen.get(area.pk)
            if bucket is not None and len(bucket) < per_area:
                bucket.append(listing)
    return [(area, chosen[area.pk]) for area in areas if chosen[area.pk]]
