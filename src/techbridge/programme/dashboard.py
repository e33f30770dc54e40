"""What the dashboards and the annual report show, computed once for a mechanism and a year:
per-area cards, indicators against target with their trend, milestones due and overdue, the
transfer funnel and the list of achieved transfers. Published records only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from techbridge.catalogue.models import Listing
from techbridge.pipeline.choices import CROSSWALK
from techbridge.pipeline.funnel import Funnel, funnel
from techbridge.pipeline.models import Agreement, Deal
from techbridge.programme.indicators import (
    Period,
    computed_value,
    indicator_trend,
    indicator_value,
    period_moments,
    roll_up,
    year_period,
)
from techbridge.programme.models import CooperationArea, Indicator, Mechanism, Meeting, Milestone
from techbridge.programme.selectors import published_indicators

DUE_SOON = timedelta(days=30)
TREND_YEARS = 3


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    value: Decimal | None
    split: dict[str, Decimal]
    share_of_target: int | None  # percent
    trend: list[tuple[Period, Decimal | None]]


@dataclass(frozen=True)
class LevelRow:
    level: str  # "mechanism", "area" or "item"
    label: str
    value: Decimal | None
    target: Decimal | None
    share_of_target: int | None
    #: An item's title in the reader's language, shown beside its reference on the page (the
    #: reference alone, DEMO-IT-01, said nothing to a reader); the tables keep the reference.
    title: str = ""


@dataclass(frozen=True)
class RollUpTable:
    """One indicator code from the mechanism down to its areas and items. Targets roll up
    like values: a level without its own indicator gets the sum of the level below."""

    code: str
    name: str
    unit: str
    rows: list[LevelRow]


@dataclass(frozen=True)
class AreaCard:
    area: CooperationArea
    items: int
    initiatives: int
    listings: Decimal
    transfers: Decimal
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class Dashboard:
    mechanism: Mechanism
    year: int
    today: date
    cards: list[AreaCard]
    indicators: list[IndicatorRow]
    overdue: list[Milestone]
    due_soon: list[Milestone]
    funnel: Funnel
    transfers: list[Agreement]
    rollups: list[RollUpTable]
    meetings: list[Meeting]


def _milestones(mechanism: Mechanism) -> list[Milestone]:
    return list(
        Milestone.objects.filter(
            initiative__item__area__mechanism=mechanism,
            initiative__is_published=True,
            initiative__item__is_published=True,
        )
        .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])
        .select_related("initiative__item__area")
        .order_by("due_on", "pk")
    )


def _meetings(mechanism: Mechanism, period: Period) -> list[Meeting]:
    """The year's published meetings with their decisions and action items, oldest first."""
    return list(
        Meeting.objects.filter(
            mechanism=mechanism,
            is_published=True,
            held_on__gte=period.start,
            held_on__lt=period.end,
        )
        .prefetch_related("decisions__item", "action_items__item")
        .order_by("held_on", "pk")
    )


def indicator_rows(indicators: list[Indicator], year: int) -> list[IndicatorRow]:
    rows = []
    years = list(range(year - TREND_YEARS + 1, year + 1))
    for indicator in indicators:
        value, split = indicator_value(indicator, year_period(year))
        share = (
            int(value / indicator.target * 100) if value is not None and indicator.target else None
        )
        rows.append(IndicatorRow(indicator, value, split, share, indicator_trend(indicator, years)))
    return rows


def _share(value: Decimal | None, target: Decimal | None) -> int | None:
    return int(value / target * 100) if value is not None and target else None


def _sum_or_none(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def rollup_tables(
    mechanism: Mechanism, indicators: list[Indicator], year: int
) -> list[RollUpTable]:
    tables = []
    period = year_period(year)
    for code in dict.fromkeys(i.code for i in indicators):
        of_code = [i for i in indicators if i.code == code]
        rolled = roll_up(mechanism, code, period, published_only=True)
        item_targets: dict[str, list[Decimal | None]] = {}
        area_targets: dict[str, Decimal | None] = {}
        mechanism_target: Decimal | None = None
        items: list[LevelRow] = []
        for indicator in of_code:
            if indicator.item is not None and indicator.area is not None:
                item_targets.setdefault(indicator.area.code, []).append(indicator.target)
                value = rolled.items.get(indicator.item.reference)
                items.append(
                    LevelRow(
                        "item",
                        indicator.item.reference,
                        value,
                        indicator.target,
                        _share(value, indicator.target),
                        title=indicator.item.title,
                    )
                )
            elif indicator.area is not None:
                area_targets[indicator.area.code] = indicator.target
            else:
                mechanism_target = indicator.target
        areas = {a.code: a for a in CooperationArea.objects.filter(mechanism=mechanism)}
        area_rows = []
        for area_code, value in rolled.areas.items():
            target = area_targets.get(area_code, _sum_or_none(item_targets.get(area_code, [])))
            area_targets[area_code] = target
            area_rows.append(
                LevelRow("area", areas[area_code].name, value, target, _share(value, target))
            )
        if mechanism_target is None:
            mechanism_target = _sum_or_none(list(area_targets.values()))
        top = LevelRow(
            "mechanism",
            mechanism.name,
            rolled.mechanism,
            mechanism_target,
            _share(rolled.mechanism, mechanism_target),
        )
        tables.append(
            RollUpTable(code, of_code[0].name, of_code[0].unit, [top, *area_rows, *items])
        )
    return tables


def achieved_transfers(period: Period) -> list[Agreement]:
    achieved = [code for code, mapping in CROSSWALK.items() if mapping.counts_as_transfer]
    return list(
        Agreement.objects.filter(
            signed_on__gte=period.start,
            signed_on__lt=period.end,
            deal_type__in=achieved,
            deal__stage__in=["signed", "obligations", "closed"],
        )
        .exclude(deal__outcome__in=["lost", "withdrawn"])
        .select_related("deal__listing__owner", "deal__counterparty")
        .prefetch_related("deal__listing__texts", "deal__listing__areas")
        .order_by("signed_on", "pk")
    )


def dashboard(mechanism: Mechanism, year: int, today: date) -> Dashboard:
    period = year_period(year)
    milestones = _milestones(mechanism)
    overdue = [m for m in milestones if m.due_on < today]
    due_soon = [m for m in milestones if today <= m.due_on <= today + DUE_SOON]
    areas = CooperationArea.objects.filter(mechanism=mechanism).annotate(
        published_items=Count("items", filter=Q(items__is_published=True), distinct=True),
        published_initiatives=Count(
            "items__initiatives",
            filter=Q(items__is_published=True, items__initiatives__is_published=True),
            distinct=True,
        ),
    )
    cards = [
        AreaCard(
            area=area,
            items=area.published_items,
            initiatives=area.published_initiatives,
            listings=computed_value("listings_published", area, period)[0],
            transfers=computed_value("agreements_achieved", area, period)[0],
            overdue=sum(1 for m in overdue if m.initiative.item.area_id == area.pk),
            due_soon=sum(1 for m in due_soon if m.initiative.item.area_id == area.pk),
        )
        for area in areas.order_by("position")
    ]
    indicators = list(published_indicators(mechanism))
    # The funnel is the year's: listings first published in it (as the "listings published"
    # indicator counts them) and the deals opened in it, followed to where they are now.
    start, end = period_moments(period)
    listings = Listing.objects.filter(first_published_at__gte=start, first_published_at__lt=end)
    deals = Deal.objects.filter(
        listing__areas__mechanism=mechanism, created_at__gte=start, created_at__lt=end
    ).distinct()
    return Dashboard(
        mechanism=mechanism,
        year=year,
        today=today,
        cards=cards,
        indicators=indicator_rows(indicators, year),
        overdue=overdue,
        due_soon=due_soon,
        funnel=funnel(listings=listings, deals=deals),
        transfers=achieved_transfers(period),
        rollups=rollup_tables(mechanism, indicators, year),
        meetings=_meetings(mechanism, period),
    )
