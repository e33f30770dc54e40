"""Structured compatibility between a need and an offer, beside the engine's text relevance.

A match's score is the candidate's text relevance (its BM25 score over the best candidate's,
so 1.0 for the best) times a compatibility factor built from the structured fields: technology
readiness against what the need requires, shared partnership types, cooperation areas and
sectors, price against budget in the same currency, and a preference for pairs across the
Hong Kong–mainland boundary. Multiplicative factors keep text relevance in charge (a perfect
structural fit cannot lift an irrelevant listing) while reordering close candidates; each
factor that applies is returned as a reason the caller renders in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

TRL_MET = 1.2
TRL_SHORT = 0.5
SHARED_PARTNERSHIP = 1.2
NO_SHARED_PARTNERSHIP = 0.85
SHARED_AREA = 1.1
SHARED_SECTOR = 1.1
WITHIN_BUDGET = 1.1
OVER_BUDGET = 0.8
CROSS_BOUNDARY = 1.15
#: A suggestion is "strong" (worth telling its owner about) from this combined score.
STRONG = 1.0

HONG_KONG = "hk"
MAINLAND = frozenset({"cq", "mainland"})


@dataclass(frozen=True)
class MatchProfile:
    """The structured side of one listing, as matching needs it."""

    trl: int | None = None
    partnerships: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    region: str = ""
    amount: Decimal | None = None
    currency: str = ""


@dataclass(frozen=True)
class Reason:
    """One structured reason: a code and its parameters (rendered by the caller)."""

    code: str
    params: dict[str, object] = field(default_factory=dict)
    factor: float = 1.0


def compatibility(need: MatchProfile, offer: MatchProfile) -> tuple[float, list[Reason]]:
    """The product of the factors that apply between ``need`` and ``offer``, with reasons."""
    reasons: list[Reason] = []
    if need.trl is not None and offer.trl is not None:
        met = offer.trl >= need.trl
        reasons.append(
            Reason(
                "trl_met" if met else "trl_short",
                {"offered": offer.trl, "required": need.trl},
                TRL_MET if met else TRL_SHORT,
            )
        )
    if need.partnerships and offer.partnerships:
        shared = sorted(need.partnerships & offer.partnerships)
        if shared:
            reasons.append(Reason("partnership_shared", {"types": shared}, SHARED_PARTNERSHIP))
        else:
            reasons.append(Reason("partnership_none", {}, NO_SHARED_PARTNERSHIP))
    if shared_areas := sorted(need.areas & offer.areas):
        reasons.append(Reason("area_shared", {"areas": shared_areas}, SHARED_AREA))
    if shared_sectors := sorted(need.sectors & offer.sectors):
        reasons.append(Reason("sector_shared", {"sectors": shared_sectors}, SHARED_SECTOR))
    if (
        need.amount is not None
        and offer.amount is not None
        and need.currency
        and need.currency == offer.currency
    ):
        within = offer.amount <= need.amount
        reasons.append(
            Reason(
                "within_budget" if within else "over_budget",
                {"price": str(offer.amount), "budget": str(need.amount), "currency": need.currency},
                WITHIN_BUDGET if within else OVER_BUDGET,
            )
        )
    if _crosses_boundary(need.region, offer.region):
        reasons.append(
            Reason("cross_boundary", {"from": offer.region, "to": need.region}, CROSS_BOUNDARY)
        )
    factor = 1.0
    for reason in reasons:
        factor *= reason.factor
    return factor, reasons


def _crosses_boundary(a: str, b: str) -> bool:
    return (a == HONG_KONG and b in MAINLAND) or (b == HONG_KONG and a in MAINLAND)


def combined_score(relevance: float, best: float, factor: float) -> float:
    """Relevance scaled to the best candidate (0–1), times the compatibility factor."""
    return (relevance / best if best > 0 else 0.0) * factor


@dataclass(frozen=True)
class Ranked:
    id: str
    score: float
    relevance: float
    factor: float
    reasons: list[Reason]


def rerank(
    hits: list[tuple[str, float]],
    source: MatchProfile,
    candidates: dict[str, MatchProfile],
    *,
    source_is_need: bool,
) -> list[Ranked]:
    """Engine hits ``(id, relevance)`` for ``source``, re-ranked by combined score (hits without
    a profile in ``candidates`` are dropped: not matchable, e.g. the source's own owner's)."""
    usable = [(doc_id, score) for doc_id, score in hits if doc_id in candidates]
    if not usable:
        return []
    best = max(score for _, score in usable)
    ranked = []
    for doc_id, relevance in usable:
        other = candidates[doc_id]
        need, offer = (source, other) if source_is_need else (other, source)
        factor, reasons = compatibility(need, offer)
        score = combined_score(relevance, best, factor)
        ranked.append(Ranked(doc_id, score, relevance, factor, reasons))
    ranked.sort(key=lambda r: (-r.score, r.id))
    return ranked
