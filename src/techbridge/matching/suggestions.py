"""Match suggestions, both ways: a need (technology or R&D partner request) → offers, experts
and facilities; an offer → needs.

The need's (or offer's) own words — title, keywords, summary, in every language it was
written in — are the query; the engine ranks candidates across languages and scripts and
says which words matched through which translation; :mod:`techbridge.engine.matching` then
weighs structured compatibility. Suggestions are stored, refreshed by a background task when
either side changes, and a new strong one becomes an alert for the source's owners.

Only what every signed-in reader may read is matched on (the registered-reader version of
each listing), so a suggestion never reveals or depends on confidential text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.models import Membership
from techbridge.catalogue.choices import DisclosureTier, ListingKind, ListingStatus, TextOrigin
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.catalogue.search import ENGINE_KIND
from techbridge.engine import Index, Query, TermMatch
from techbridge.engine.matching import (
    STRONG_LABEL,
    MatchProfile,
    SubjectUnit,
    label_for,
    rerank,
    shown_reasons,
    spellings,
    subject_coverage,
    subject_units,
    suggestion_score,
    worth_suggesting,
)
from techbridge.engine.text.normalize import as_written
from techbridge.matching.documents import listing_pk_of
from techbridge.matching.index import search_index
from techbridge.matching.models import Alert, Suggestion

TARGET_KINDS: dict[str, tuple[str, ...]] = {
    ListingKind.REQUEST: (ListingKind.OFFER, ListingKind.EXPERTISE, ListingKind.FACILITY),
    ListingKind.RD_REQUEST: (ListingKind.OFFER, ListingKind.EXPERTISE, ListingKind.FACILITY),
    ListingKind.OFFER: (ListingKind.REQUEST, ListingKind.RD_REQUEST),
}
NEED_KINDS = (ListingKind.REQUEST, ListingKind.RD_REQUEST)
AUDIENCE = str(DisclosureTier.REGISTERED)
DEPTH = 40  # candidates read from the engine
KEEP = 20  # suggestions stored per listing
MAX_QUERY_CHARS = 600


@dataclass(frozen=True)
class Computed:
    candidate: Listing
    score: float
    relevance: float
    factor: float
    label: str
    reasons: dict[str, Any]


def _related(listings: Any) -> Any:
    return listings.select_related("owner").prefetch_related(
        "texts", "areas", "sectors", "partnership_types"
    )


def match_query_text(listing: Listing) -> str:
    """Title, keywords and summary in each language the author (or a translator) wrote."""
    parts: list[str] = []
    for text in listing.texts.all():
        if text.origin != TextOrigin.MACHINE:
            parts += [text.title, text.summary]
    parts += list(listing.keywords)
    return " ".join(part for part in parts if part)[:MAX_QUERY_CHARS]


def match_profile(listing: Listing) -> MatchProfile:
    return MatchProfile(
        trl=listing.trl_id,
        partnerships=frozenset(p.code for p in listing.partnership_types.all()),
        areas=frozenset(a.code for a in listing.areas.all()),
        sectors=frozenset(s.code for s in listing.sectors.all()),
        region=listing.owner.region,
        amount=listing.price_amount,
        currency=listing.currency,
    )


def _term_matches(matches: tuple[TermMatch, ...]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for match in matches:
        key = (match.source, match.alternative or match.term, match.via, match.field)
        if key not in seen:
            seen.add(key)
            out.append(asdict(match))
    return out


def subject_text(listing: Listing) -> str:
    """The listing's core subject as its authors put it: titles and keywords."""
    parts = [text.title for text in listing.texts.all() if text.origin != TextOrigin.MACHINE]
    return " ".join(part for part in [*parts, *listing.keywords] if part)[:MAX_QUERY_CHARS]


def _written(reasons: list[dict[str, object]], text: str) -> list[dict[str, object]]:
    """Subject reasons quoting their word :func:`as_written` in ``text``."""
    out = []
    for reason in reasons:
        source = reason.get("source")
        if reason.get("code") == "subject" and isinstance(source, str):
            reason = {**reason, "source": as_written(source, text)}
        out.append(reason)
    return out


def _subject(index: Index, subject: str) -> list[SubjectUnit]:
    concepts = index.concepts(Query(subject, drop_generic=True))
    firsts = {t for c in concepts for t in c.alternatives[0].terms}
    return subject_units(concepts, index.idf(firsts))


def suggestions_compute(listing: Listing) -> list[Computed]:
    """The best candidates for ``listing``, best first (expects relations prefetched).

    Candidates come from the engine, queried with the listing's own words less the generic
    ones; only those :func:`worth_suggesting` for its core subject (title and keywords) are
    kept, labelled by how much of it they cover."""
    targets = TARGET_KINDS.get(listing.kind)
    text = match_query_text(listing)
    if not targets or not text.strip():
        return []
    index = search_index()
    query = Query(
        text,
        filters={"kind": [ENGINE_KIND[kind] for kind in targets], "audience": [AUDIENCE]},
        k=DEPTH,
        explain=True,
        drop_generic=True,
    )
    result = index.search(query, highlight=False)
    subject = subject_text(listing)
    units = _subject(index, subject)
    spelled = spellings(index.concepts(query))
    coverages = {
        listing_pk_of(hit.id): subject_coverage(units, hit.matches, spelled) for hit in result.hits
    }
    hits = {
        listing_pk_of(hit.id): hit
        for hit in result.hits
        if worth_suggesting(coverages[listing_pk_of(hit.id)])
    }
    candidates = (
        _related(Listing.objects.filter(pk__in=hits, status=ListingStatus.PUBLISHED))
        .exclude(owner_id=listing.owner_id)
        .in_bulk()
    )
    profiles = {str(pk): match_profile(candidate) for pk, candidate in candidates.items()}
    ranked = rerank(
        [(str(pk), hit.score) for pk, hit in hits.items()],
        match_profile(listing),
        profiles,
        source_is_need=listing.kind in NEED_KINDS,
    )
    best = max((item.relevance for item in ranked), default=0.0)
    computed = []
    for item in ranked:
        coverage = coverages[int(item.id)]
        computed.append(
            Computed(
                candidate=candidates[int(item.id)],
                score=round(suggestion_score(coverage.share, item.relevance, best, item.factor), 4),
                relevance=item.relevance,
                factor=item.factor,
                label=label_for(coverage.share, item.reasons),
                reasons={
                    "shown": _written(shown_reasons(coverage, item.reasons), subject),
                    "coverage": coverage.share,
                    "missing": [as_written(word, subject) for word in coverage.missing],
                    "terms": _term_matches(hits[int(item.id)].matches),
                    "structured": [[r.code, r.params] for r in item.reasons],
                },
            )
        )
    computed.sort(key=lambda c: (-c.score, c.candidate.pk))
    return computed[:KEEP]


def suggestions_refresh(listing_pk: int, *, alerts: bool = True) -> list[int]:
    """Recompute and store one listing's suggestions; alert its owners of new strong ones
    (unless ``alerts`` is false: a strong label that comes from a change of the matching rules,
    not of any listing, is no news to them).

    Returns the candidates' primary keys, whose own suggestions may now include this listing.
    A listing that is no longer published loses its suggestions.
    """
    listing = _related(Listing.objects.filter(pk=listing_pk)).first()
    if listing is None or listing.status != ListingStatus.PUBLISHED:
        Suggestion.objects.filter(source_id=listing_pk).delete()
        return []
    computed = suggestions_compute(listing)
    now = timezone.now()
    with transaction.atomic():
        kept = [c.candidate.pk for c in computed]
        Suggestion.objects.filter(source=listing).exclude(candidate_id__in=kept).delete()
        existing = {s.candidate_id: s for s in Suggestion.objects.filter(source=listing)}
        owners = list(
            Membership.objects.filter(
                organisation_id=listing.owner_id, role__in=EDITOR_ROLES
            ).values_list("user_id", flat=True)
        )
        for item in computed:
            strong = item.label == STRONG_LABEL
            suggestion = existing.get(item.candidate.pk)
            newly_strong = strong and (suggestion is None or not suggestion.is_strong)
            fields = {
                "score": item.score,
                "relevance": item.relevance,
                "factor": item.factor,
                "reasons": item.reasons,
                "is_strong": strong,
                "label": item.label,
                "refreshed_at": now,
            }
            if suggestion is None:
                suggestion = Suggestion.objects.create(
                    source=listing, candidate=item.candidate, **fields
                )
            else:
                Suggestion.objects.filter(pk=suggestion.pk).update(**fields)
            if newly_strong and alerts:
                for user_id in owners:
                    Alert.objects.get_or_create(
                        user_id=user_id,
                        kind=Alert.Kind.MATCH,
                        listing=item.candidate,
                        suggestion=suggestion,
                    )
    return kept
