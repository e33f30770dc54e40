"""Searching the catalogue as a given reader: only what their tier allows can match, be
counted or be quoted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import QuerySet

from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import reader_tier
from techbridge.catalogue.search import CATALOGUE_KIND, ENGINE_KIND, SEARCHABLE_STATUSES
from techbridge.engine import Document, Highlight, Index, Query, TermMatch
from techbridge.engine.matching import typed_concepts
from techbridge.engine.text.normalize import as_written
from techbridge.experts.models import ExpertProfile
from techbridge.matching.changelog import listings_changed_after, log_state
from techbridge.matching.documents import (
    EXPERT_KIND,
    detail_id,
    expert_pk_of,
    listing_documents,
    listing_pk_of,
    teaser_id,
)
from techbridge.matching.index import IndexUnavailable, search_index
from techbridge.matching.models import Suggestion

# Ranked search reads at most this deep; re-sorting (newest, TRL) applies within it.
MAX_RESULTS = 500
SORTS = ("relevance", "newest", "trl")
# The index holds expert profiles beside listings; a listing search asks for listings only.
LISTING_KINDS = sorted(set(ENGINE_KIND.values()))


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
    #: The query's words as typed (see ``engine.matching.typed_concepts``).
    typed: tuple[str, ...] = ()
    #: False when the text typed holds no word that can be searched for ("the of and",
    #: "？？？"): nothing is found, and not for want of matching listings.
    searchable: bool = True


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

    The index is a replica that may lag the database, so it is never trusted for what a reader
    may see (see :func:`_fresh_view`): listings changed since the index's checkpoint are left
    out of hits, totals and facet counts until the node's follower has applied them, and
    every hit shown is re-checked against the database, its highlights and reasons computed
    from the text the reader may read now.
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    tier = reader_tier(user)
    try:
        index = search_index(create=False)
    except IndexUnavailable:
        return ListingSearchResult(hits=[], total=0, facets={name: {} for name in facets})
    stale = _stale_listings(index.checkpoint())
    exclude = frozenset() if not stale else _document_ids(stale)
    # Exactly one version of each listing is indexed for each reader tier (see documents.py).
    allowed = {"kind": LISTING_KINDS, **(filters or {}), "audience": [str(tier)]}
    browsing = not text.strip()
    depth = 1 if browsing else MAX_RESULTS if sort != "relevance" else offset + limit
    query = Query(
        text,
        filters=allowed,
        trl_range=trl_range,
        facets=facets,
        k=min(depth, MAX_RESULTS),
        exclude=exclude,
    )
    result = index.search(query, highlight=False)
    counts = _disjunctive_facets(index, query, result.facets, chosen=set(filters or {}))
    if browsing:
        page = _browse(user, filters or {}, trl_range)[offset : offset + limit]
        return ListingSearchResult(
            hits=[ListingHit(listing, 0.0, (), ()) for listing in page],
            total=result.total,
            facets=counts,
        )
    ranked = [(listing_pk_of(hit.id), hit.score) for hit in result.hits]
    if sort != "relevance":
        ranked = _sorted(ranked, sort)
    # Relations are read for the page shown only, never for every ranked match.
    window = ranked[offset : offset + limit]
    listings = _with_relations(Listing.objects.filter(pk__in=[pk for pk, _ in window])).in_bulk()
    shown = [(listings[pk], score) for pk, score in window if pk in listings]
    hits = _described(index, query, shown, tier, explain=explain, recheck=stale is None)
    # As typed, like the hits' matches (see ``_as_typed``), so that the two compare.
    concepts = index.concepts(query)
    typed = tuple(as_written(word, text) for word in typed_concepts(concepts))
    return ListingSearchResult(
        hits=hits, total=result.total, facets=counts, typed=typed, searchable=bool(concepts)
    )


def _sorted(ranked: list[tuple[int, float]], sort: str) -> list[tuple[int, float]]:
    """Ranked matches re-ordered by publication date or TRL, read as bare values."""
    scores = dict(ranked)
    order = {pk: position for position, (pk, _) in enumerate(ranked)}
    found = Listing.objects.filter(pk__in=scores, status__in=SEARCHABLE_STATUSES).values_list(
        "pk", "published_at", "created_at", "trl_id"
    )
    # Ties keep their relevance order (the sorts below are stable, reverse included).
    rows = sorted(found, key=lambda row: order[row[0]])
    if sort == "newest":
        rows = sorted(rows, key=lambda row: row[1] or row[2], reverse=True)
    else:
        rows = sorted(rows, key=lambda row: row[3] or 0, reverse=True)
    return [(row[0], scores[row[0]]) for row in rows]


def _stale_listings(checkpoint: int | None) -> set[int] | None:
    """Listings whose indexed documents may be older than the database: those changed after
    the index's checkpoint. None when that cannot be known (no checkpoint yet, or the log
    entries after it were pruned): every hit is then matched again before it is shown."""
    if checkpoint is None:
        return None
    last, pruned = log_state()
    if checkpoint < pruned:
        return None
    if checkpoint >= last:
        return set()
    return listings_changed_after(checkpoint)


def _document_ids(listing_pks: set[int]) -> frozenset[str]:
    return frozenset(doc for pk in listing_pks for doc in (teaser_id(pk), detail_id(pk)))


def _readable_version(listing: Listing, tier: int) -> Document | None:
    """The version of ``listing`` that a reader of ``tier`` may read now, per the database."""
    if tier < listing.teaser_tier:
        return None
    versions = listing_documents(listing, with_facets=False)
    wanted = detail_id(listing.pk) if tier >= listing.detail_tier else teaser_id(listing.pk)
    return next((version for version in versions if version.id == wanted), None)


def _described(
    index: Index,
    query: Query,
    shown: list[tuple[Listing, float]],
    tier: int,
    *,
    explain: bool,
    recheck: bool,
) -> list[ListingHit]:
    """Hits for the listings shown, described from the database's current text at the
    reader's tier; with ``recheck``, a listing that text no longer matches is dropped."""
    versions = [(listing, score, _readable_version(listing, tier)) for listing, score in shown]
    readable = [(listing, score, doc) for listing, score, doc in versions if doc is not None]
    described = index.describe(query, [doc for _, _, doc in readable])
    hits = []
    for (listing, score, _), found in zip(readable, described, strict=True):
        if recheck and not found.matches:
            continue
        matches = tuple(_as_typed(m, query.text) for m in found.matches) if explain else ()
        hits.append(ListingHit(listing, score, found.highlights, matches))
    return hits


def _as_typed(match: TermMatch, text: str) -> TermMatch:
    """``match`` quoting the searcher's word as typed ("Tumours", not the folded "tumours")."""
    return replace(match, source=as_written(match.source, text))


def _disjunctive_facets(
    index: Index, query: Query, counts: Mapping[str, Mapping[str, int]], chosen: set[str]
) -> dict[str, Mapping[str, int]]:
    """Counts of a facet the reader filters on (``chosen``) are taken without that facet's
    own filter, so the other values stay visible with what choosing them would add
    (disjunctive faceting). Kinds are counted among listings only."""
    out = dict(counts)
    for name in query.facets:
        if name in query.filters and name in chosen and name != "audience":
            others = {key: values for key, values in query.filters.items() if key != name}
            if name == "kind":
                others["kind"] = LISTING_KINDS
            narrowed = replace(query, filters=others, facets=[name], k=1)
            out[name] = index.search(narrowed, highlight=False).facets.get(name, {})
    return out


def expert_search(
    text: str, *, filters: Mapping[str, Sequence[str]] | None = None, limit: int = 6
) -> list[ExpertProfile]:
    """The published expert profiles best matching ``text`` and ``filters`` (areas, region,
    type of institution; a listing-only filter leaves none), best first; none without text.

    Profiles are public, so every reader searches the same documents; each hit is checked
    against the database, so a profile withdrawn since the index last heard is never shown.
    """
    if not text.strip():
        return []
    try:
        index = search_index(create=False)
    except IndexUnavailable:
        return []
    wanted = {name: values for name, values in (filters or {}).items() if name != "kind"}
    query = Query(text, filters={**wanted, "kind": [EXPERT_KIND]}, k=limit)
    ranked = [expert_pk_of(hit.id) for hit in index.search(query, highlight=False).hits]
    found = (
        ExpertProfile.objects.filter(pk__in=ranked, is_published=True)
        .select_related("institution")
        .prefetch_related("areas")
        .in_bulk()
    )
    return [found[pk] for pk in ranked if pk in found]


def _with_relations(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    return (
        listings.filter(status__in=SEARCHABLE_STATUSES)
        .select_related("owner")
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


def listing_suggestions(listing: Listing) -> list[Suggestion]:
    """The stored suggestions of ``listing`` whose candidates are still published, best first,
    with what their pages and the API show (the caller checks that the reader may see them)."""
    return list(
        Suggestion.objects.filter(source=listing, candidate__status=ListingStatus.PUBLISHED)
        .select_related("candidate", "candidate__owner", "candidate__trl")
        .prefetch_related("candidate__texts", "feedback")
        .order_by("-score", "pk")
    )
