"""Searching the catalogue as a given reader: only what their tier allows can match, be
counted or be quoted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import reader_tier
from techbridge.catalogue.search import CATALOGUE_KIND, SEARCHABLE_STATUSES
from techbridge.engine import Highlight, Query, TermMatch
from techbridge.matching.documents import listing_pk_of
from techbridge.matching.index import search_index

# Ranked search reads at most this deep; re-sorting (newest, TRL) applies within it.
MAX_RESULTS = 500
SORTS = ("relevance", "newest", "trl")


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
    sort: str = "relevance",
) -> ListingSearchResult:
    """One page of listings for ``user``, with facet counts over all matches.

    With text, the engine ranks (and ``sort`` re-orders its best ``MAX_RESULTS``); without
    text, the page is the newest published listings passing the same filters, read from the
    database so that browsing reaches every listing.
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    # Exactly one version of each listing is indexed for each reader tier (see documents.py).
    allowed = {**(filters or {}), "audience": [str(reader_tier(user))]}
    browsing = not text.strip()
    depth = 1 if browsing else MAX_RESULTS if sort != "relevance" else offset + limit
    result = search_index().search(
        Query(
            text,
            filters=allowed,
            trl_range=trl_range,
            facets=facets,
            k=min(depth, MAX_RESULTS),
            explain=explain and sort == "relevance",
        ),
        highlight=not browsing,
    )
    counts = _disjunctive_facets(text, allowed, trl_range, facets, result.facets)
    if browsing:
        page = _browse(user, filters or {}, trl_range)[offset : offset + limit]
        return ListingSearchResult(
            hits=[ListingHit(listing, 0.0, (), ()) for listing in page],
            total=result.total,
            facets=counts,
        )
    ranked = list(result.hits)
    listings = _with_relations(
        Listing.objects.filter(pk__in=[listing_pk_of(hit.id) for hit in ranked])
    ).in_bulk()
    hits = [
        ListingHit(listings[pk], hit.score, hit.highlights, hit.matches)
        for hit in ranked
        if (pk := listing_pk_of(hit.id)) in listings
    ]
    if sort == "newest":
        hits.sort(key=lambda hit: hit.listing.published_at or hit.listing.created_at, reverse=True)
    elif sort == "trl":
        hits.sort(key=lambda hit: hit.listing.trl_id or 0, reverse=True)
    return ListingSearchResult(
        hits=hits[offset : offset + limit], total=result.total, facets=counts
    )


def _disjunctive_facets(
    text: str,
    filters: Mapping[str, Sequence[str]],
    trl_range: tuple[int, int] | None,
    facets: Sequence[str],
    counts: Mapping[str, Mapping[str, int]],
) -> dict[str, Mapping[str, int]]:
    """Counts of a facet the reader filters on are taken without that facet's own filter, so
    the other values stay visible with what choosing them would add (disjunctive faceting)."""
    out = dict(counts)
    for name in facets:
        if name in filters and name != "audience":
            others = {key: values for key, values in filters.items() if key != name}
            query = Query(text, filters=others, trl_range=trl_range, facets=[name], k=1)
            out[name] = search_index().search(query, highlight=False).facets.get(name, {})
    return out


def _with_relations(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    return (
        listings.filter(status__in=SEARCHABLE_STATUSES)
        .select_related("owner", "trl")
        .prefetch_related("texts", "areas")
    )


def _browse(
    user: Any, filters: Mapping[str, Sequence[str]], trl_range: tuple[int, int] | None
) -> QuerySet[Listing]:
    """The database twin of the engine's filters, newest first."""
    listings = _with_relations(Listing.objects.filter(teaser_tier__lte=reader_tier(user)))
    lookups = {
        "area": "areas__code__in",
        "region": "owner__region__in",
        "org_type": "owner__org_type__in",
        "ip_status": "ip_status__in",
        "partnership": "partnership_types__code__in",
    }
    for name, values in filters.items():
        if name == "kind":
            listings = listings.filter(kind__in=[CATALOGUE_KIND[v] for v in values])
        elif name in lookups:
            listings = listings.filter(**{lookups[name]: list(values)})
        else:
            raise ValueError(f"unknown filter {name!r}")
    if trl_range is not None:
        listings = listings.filter(trl_id__gte=trl_range[0], trl_id__lte=trl_range[1])
    if "area" in filters or "partnership" in filters:
        listings = listings.distinct()
    return listings.order_by("-published_at", "-pk")
