"""Searching the catalogue as a given reader: only what their tier allows can match, be
counted or be quoted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import reader_tier
from techbridge.catalogue.search import SEARCHABLE_STATUSES
from techbridge.engine import Highlight, Query, TermMatch
from techbridge.matching.documents import listing_pk_of
from techbridge.matching.index import search_index

MAX_RESULTS = 500


@dataclass(frozen=True)
class ListingHit:
    listing: Listing
    score: float
    highlights: tuple[Highlight, ...]
    matches: tuple[TermMatch, ...]


@dataclass(frozen=True)
class ListingSearchResult:
    hits: list[ListingHit]
    total: int
    facets: Mapping[str, Mapping[str, int]]


def listing_search(
    user: Any,
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    trl_range: tuple[int, int] | None = None,
    facets: Sequence[str] = (),
    offset: int = 0,
    limit: int = 20,
    explain: bool = False,
) -> ListingSearchResult:
    """One page of ranked listings for ``user``, with facet counts over all matches."""
    # Exactly one version of each listing is indexed for each reader tier (see documents.py).
    allowed = {**(filters or {}), "audience": [str(reader_tier(user))]}
    depth = min(offset + limit, MAX_RESULTS)
    result = search_index().search(
        Query(text, filters=allowed, trl_range=trl_range, facets=facets, k=depth, explain=explain)
    )
    page = result.hits[offset:depth]
    listings = (
        Listing.objects.filter(
            pk__in=[listing_pk_of(hit.id) for hit in page], status__in=SEARCHABLE_STATUSES
        )
        .select_related("owner", "trl")
        .prefetch_related("texts", "areas")
        .in_bulk()
    )
    hits = [
        ListingHit(listings[pk], hit.score, hit.highlights, hit.matches)
        for hit in page
        if (pk := listing_pk_of(hit.id)) in listings
    ]
    return ListingSearchResult(hits=hits, total=result.total, facets=result.facets)
