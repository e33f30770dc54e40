"""Indicator values for a period, computed from platform events or summed from entered
measurements, and rolled up from cooperation items to areas to the mechanism.

Periods are half-open ``[start, end)`` in local dates. Computed values count each thing once
per scope: a listing tagged with two areas counts in both areas but once for the mechanism, so
a mechanism's computed value is computed directly rather than summed from its areas.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from techbridge.catalogue.models import Listing
from techbridge.facilities.models import Booking, BookingStatus
from techbridge.pipeline.choices import CROSSWALK
from techbridge.pipeline.models import Agreement, Deal
from techbridge.programme.models import (
    CooperationArea,
    Indicator,
    IndicatorSource,
    Measurement,
    Mechanism,
)

ACHIEVED_TYPES = [code for code, mapping in CROSSWALK.items() if mapping.counts_as_transfer]
DIRECTIONS = ("hk_cq", "cq_hk", "other")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # first day after the period

    @property
    def label(self) -> str:
        if self.start.month == 1 and self.end == date(self.start.year + 1, 1, 1):
            return str(self.start.year)
        quarter = (self.start.month - 1) // 3 + 1
        return f"{self.start.year} Q{quarter}"


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year + 1, 1, 1))


def periods_of(indicator: Indicator, year: int) -> list[Period]:
    """The indicator's reporting periods in ``year``."""
    if indicator.period == Indicator.Period.QUARTER:
        starts = [date(year, month, 1) for month in (1, 4, 7, 10)]
        ends = [*starts[1:], date(year + 1, 1, 1)]
        return [Period(s, e) for s, e in zip(starts, ends, strict=True)]
    return [year_period(year)]


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def period_moments(period: Period) -> tuple[datetime, datetime]:
    """The period's bounds as aware moments (local midnight)."""
    return _moment(period.start), _moment(period.end)


def _in_area(queryset: QuerySet, path: str, area: CooperationArea | None) -> QuerySet:
    if area is None:
        return queryset
    return queryset.filter(**{f"{path}__areas": area}).distinct()


def _deals_by_direction(deals: QuerySet[Deal]) -> dict[str, Decimal]:
    counts = dict.fromkeys(DIRECTIONS, Decimal(0))
    for deal in deals.only("provider_region", "recipient_region"):
        counts[deal.direction] += 1
    return counts


def _hours(bookings: QuerySet[Booking]) -> Decimal:
    return bookings.aggregate(total=Sum("actual_hours"))["total"] or Decimal(0)


def computed_value(
    source: str, area: CooperationArea | None, period: Period
) -> tuple[Decimal, dict[str, Decimal]]:
    """The value of a computed source in ``area`` (or everywhere) for ``period``, and its
    breakdown by direction where the source has one."""
    start, end = _moment(period.start), _moment(period.end)
    if source == IndicatorSource.LISTINGS_PUBLISHED:
        listings = Listing.objects.filter(first_published_at__gte=start, first_published_at__lt=end)
        listings = listings.filter(areas=area).distinct() if area else listings
        return Decimal(listings.count()), {}
    if source == IndicatorSource.INTERESTS:
        deals = _in_area(
            Deal.objects.filter(created_at__gte=start, created_at__lt=end), "listing", area
        )
        split = _deals_by_direction(deals)
        return sum(split.values(), Decimal(0)), split
    if source == IndicatorSource.AGREEMENTS_ACHIEVED:
        agreements = Agreement.objects.filter(
            signed_on__gte=period.start,
            signed_on__lt=period.end,
            deal_type__in=ACHIEVED_TYPES,
            deal__stage__in=["signed", "obligations", "closed"],
        ).exclude(deal__outcome__in=["lost", "withdrawn"])
        deals = Deal.objects.filter(pk__in=agreements.values("deal_id"))
        split = _deals_by_direction(_in_area(deals, "listing", area))
        return sum(split.values(), Decimal(0)), split
    bookings = Booking.objects.filter(starts_at__gte=start, starts_at__lt=end)
    bookings = _in_area(bookings, "instrument__listing", area)
    completed = bookings.filter(status=BookingStatus.COMPLETED)
    if source == IndicatorSource.CROSS_BOUNDARY_BOOKINGS:
        taken = bookings.filter(
            status__in=[BookingStatus.APPROVED, BookingStatus.COMPLETED], is_cross_boundary=True
        )
        return Decimal(taken.count()), {}
    if source == IndicatorSource.MACHINE_HOURS:
        return _hours(completed), {}
    if source == IndicatorSource.EXTERNAL_HOURS:
        return _hours(completed.exclude(user_category="internal")), {}
    if source == IndicatorSource.CROSS_BOUNDARY_HOURS:
        return _hours(completed.filter(is_cross_boundary=True)), {}
    raise ValueError(f"not a computed source: {source}")


def indicator_value(
    indicator: Indicator, period: Period
) -> tuple[Decimal | None, dict[str, Decimal]]:
    """The indicator's value for ``period`` (None when a manual indicator has no entry)."""
    if indicator.computed:
        return computed_value(indicator.source, indicator.area, period)
    entries = Measurement.objects.filter(
        indicator=indicator, period_start__gte=period.start, period_end__lte=period.end
    ).order_by("period_start")
    values = [entry.value for entry in entries]
    if not values:
        return None, {}
    if indicator.aggregation == Indicator.Aggregation.LATEST:
        return values[-1], {}
    return sum(values, Decimal(0)), {}


@dataclass
class RollUp:
    """One indicator code over the mechanism: its value at each level for one period."""

    code: str
    period: Period
    mechanism: Decimal | None = None
    areas: dict[str, Decimal | None] = field(default_factory=dict)
    items: dict[str, Decimal | None] = field(default_factory=dict)  # item reference → value


def _sum(values: Iterator[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def roll_up(
    mechanism: Mechanism, code: str, period: Period, published_only: bool = False
) -> RollUp:
    """Values of the indicators with ``code``: items as entered; an area's own indicator if it
    has one, else the sum of its items; the mechanism's own if it has one, else the sum of its
    areas."""
    indicators = Indicator.objects.filter(mechanism=mechanism, code=code).select_related(
        "area", "item"
    )
    if published_only:
        indicators = indicators.filter(is_published=True)
    result = RollUp(code=code, period=period)
    own_area: dict[str, Decimal | None] = {}
    item_values_by_area: dict[str, list[Decimal | None]] = {}
    for indicator in indicators:
        value, _split = indicator_value(indicator, period)
        if indicator.item is not None and indicator.area is not None:
            result.items[indicator.item.reference] = value
            item_values_by_area.setdefault(indicator.area.code, []).append(value)
        elif indicator.area is not None:
            own_area[indicator.area.code] = value
        else:
            result.mechanism = value
    for area_code in sorted(set(own_area) | set(item_values_by_area)):
        if area_code in own_area:
            result.areas[area_code] = own_area[area_code]
        else:
            result.areas[area_code] = _sum(iter(item_values_by_area[area_code]))
    if result.mechanism is None and not indicators.filter(area__isnull=True).exists():
        result.mechanism = _sum(iter(result.areas.values()))
    return result


def indicator_trend(indicator: Indicator, years: list[int]) -> list[tuple[Period, Decimal | None]]:
    """Values per reporting period over ``years`` (for the trend chart)."""
    return [
        (period, indicator_value(indicator, period)[0])
        for year in years
        for period in periods_of(indicator, year)
    ]


__all__ = [
    "Period",
    "RollUp",
    "computed_value",
    "indicator_trend",
    "indicator_value",
    "period_moments",
    "periods_of",
    "roll_up",
    "year_period",
]
