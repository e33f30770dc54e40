"""The transfer funnel: listings → suggestions → expressions of interest → NDAs → agreements →
achieved transfers, per cooperation area and per direction (Hong Kong → Chongqing, Chongqing →
Hong Kong), with the median time deals spent in each stage.

Every figure is counted from what happened on the platform (listings, stored suggestions,
deals, NDAs, agreements and the deals' audit events), so the secretariat's aggregate and an
owner's view of their own deals are the same computation over different scopes.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.matching.models import Suggestion
from techbridge.pipeline.choices import counts_as_transfer
from techbridge.pipeline.models import Agreement, Deal, DealEvent
from techbridge.pipeline.roles import PROVIDED_BY_OWNER

STAGES = ("listings", "suggestions", "interests", "ndas", "agreements", "transfers")
DIRECTIONS = ("hk_cq", "cq_hk", "other")
SIGNED_STAGES = ("signed", "obligations", "closed")
# The stages a deal spends time in, in the pipeline's order.
DEAL_STAGES = (
    "interest",
    "screening",
    "nda",
    "due_diligence",
    "negotiation",
    "signed",
    "obligations",
)


@dataclass(frozen=True)
class Funnel:
    total: dict[str, int]
    by_area: dict[str, dict[str, int]]  # area code → stage → count
    # direction → stage → count: suggestions and deal stages. Listings have no direction of
    # their own (an offer may go either way); a suggestion pairs a provider with a recipient.
    by_direction: dict[str, dict[str, int]]
    median_days_in_stage: dict[str, float]  # stage → median days, over all deals
    median_days_by_area: dict[str, dict[str, float]]  # area code → stage → median days
    median_days_by_direction: dict[str, dict[str, float]]  # direction → stage → median days


def direction_of(provider_region: str, recipient_region: str) -> str:
    """ "hk_cq", "cq_hk" or "other": the same rule as :attr:`Deal.direction`."""
    return Deal(provider_region=provider_region, recipient_region=recipient_region).direction


def _suggestion_directions(suggestions: QuerySet[Suggestion]) -> dict[str, int]:
    """Suggestions per direction: the provider is the side offering (an offer, an expert, a
    facility), the recipient the side with the need."""
    counts = dict.fromkeys(DIRECTIONS, 0)
    rows = suggestions.values_list(
        "source__kind", "source__owner__region", "candidate__owner__region"
    )
    for source_kind, source_region, candidate_region in rows:
        if source_kind in PROVIDED_BY_OWNER:
            counts[direction_of(source_region, candidate_region)] += 1
        else:
            counts[direction_of(candidate_region, source_region)] += 1
    return counts


def _deal_figures(deal: Deal, agreements: dict[int, str], ndas: set[int]) -> dict[str, int]:
    figures = {"interests": 1, "ndas": 0, "agreements": 0, "transfers": 0}
    if deal.pk in ndas:
        figures["ndas"] = 1
    deal_type = agreements.get(deal.pk)
    signed = deal.stage in SIGNED_STAGES and deal.outcome in ("", "won")
    if deal_type is not None and signed:
        figures["agreements"] = 1
        figures["transfers"] = int(counts_as_transfer(deal_type))
    return figures


def _stage_spans(deals: QuerySet[Deal], now: datetime) -> dict[int, list[tuple[str, float]]]:
    """Each deal's (stage, days spent in it), from its transitions in its audit trail (a
    stage a deal is still in counts up to ``now``)."""
    spans: dict[int, list[tuple[str, float]]] = defaultdict(list)
    entered: dict[int, tuple[str, datetime]] = {}
    events = (
        DealEvent.objects.filter(deal__in=deals)
        .order_by("deal_id", "seq")
        .values_list("deal_id", "verb", "occurred_at", "changes")
    )
    for deal_id, verb, occurred_at, changes in events:
        if verb == "interest_expressed":
            entered[deal_id] = ("interest", occurred_at)
            continue
        after = (changes or {}).get("after", {})
        before = (changes or {}).get("before", {})
        if "stage" in after and "stage" in before and deal_id in entered:
            stage, since = entered[deal_id]
            spans[deal_id].append((stage, (occurred_at - since).total_seconds() / 86400))
            entered[deal_id] = (after["stage"], occurred_at)
    for deal_id, (stage, since) in entered.items():
        if stage != "closed":
            spans[deal_id].append((stage, (now - since).total_seconds() / 86400))
    return spans


def _medians(spans: list[tuple[str, float]]) -> dict[str, float]:
    """Median days per stage over the given (stage, days) spans, in the pipeline's order."""
    days: dict[str, list[float]] = defaultdict(list)
    for stage, span in spans:
        days[stage].append(span)
    return {
        stage: round(statistics.median(days[stage]), 2) for stage in DEAL_STAGES if stage in days
    }


def funnel(
    *,
    listings: QuerySet[Listing] | None = None,
    deals: QuerySet[Deal] | None = None,
    now: datetime | None = None,
) -> Funnel:
    """The funnel over ``listings`` and ``deals`` (everything when not given)."""
    from django.utils import timezone

    now = now or timezone.now()
    listings = listings if listings is not None else Listing.objects.all()
    deals = deals if deals is not None else Deal.objects.all()
    published = listings.filter(
        Q(status=ListingStatus.PUBLISHED) | Q(first_published_at__isnull=False)
    )
    total = dict.fromkeys(STAGES, 0)
    by_area: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STAGES, 0))
    by_direction: dict[str, dict[str, int]] = {d: dict.fromkeys(STAGES[1:], 0) for d in DIRECTIONS}

    for _pk, area in published.values_list("pk", "areas__code"):
        if area:
            by_area[area]["listings"] += 1
    total["listings"] = published.count()

    suggestions = Suggestion.objects.filter(source__in=published)
    total["suggestions"] = suggestions.count()
    for direction, count in _suggestion_directions(suggestions).items():
        by_direction[direction]["suggestions"] = count
    for area in suggestions.values_list("source__areas__code", flat=True):
        if area:
            by_area[area]["suggestions"] += 1

    agreements = dict(Agreement.objects.filter(deal__in=deals).values_list("deal_id", "deal_type"))
    ndas = set(deals.filter(nda__in_force_at__isnull=False).values_list("pk", flat=True))
    areas_of: dict[int, list[str]] = defaultdict(list)
    for deal_pk, area in deals.values_list("pk", "listing__areas__code"):
        if area:
            areas_of[deal_pk].append(area)
    spans = _stage_spans(deals, now)
    spans_by_area: dict[str, list[tuple[str, float]]] = defaultdict(list)
    spans_by_direction: dict[str, list[tuple[str, float]]] = {d: [] for d in DIRECTIONS}
    for deal in deals.only("pk", "stage", "outcome", "provider_region", "recipient_region"):
        figures = _deal_figures(deal, agreements, ndas)
        for stage, count in figures.items():
            total[stage] += count
            by_direction[deal.direction][stage] += count
            for area in areas_of[deal.pk]:
                by_area[area][stage] += count
        spans_by_direction[deal.direction].extend(spans[deal.pk])
        for area in areas_of[deal.pk]:
            spans_by_area[area].extend(spans[deal.pk])
    return Funnel(
        total=total,
        by_area=dict(by_area),
        by_direction=by_direction,
        median_days_in_stage=_medians(
            [span for deal_spans in spans.values() for span in deal_spans]
        ),
        median_days_by_area={area: _medians(found) for area, found in spans_by_area.items()},
        median_days_by_direction={d: _medians(found) for d, found in spans_by_direction.items()},
    )
