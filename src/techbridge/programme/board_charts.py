"""The dashboard's charts: one trend chart per indicator against its target, and the funnel's
stages; drawn by the dashboard pages and by the annual report alike."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.programme.charts import bars_against_target, funnel_chart
from techbridge.programme.dashboard import Dashboard
from techbridge.programme.indicators import periods_of
from techbridge.programme.labels import stage_label
from techbridge.programme.models import Indicator

# Each stage's conversion is read against the stage it is a part of: a deal is opened on a
# listing, an NDA is signed in a deal, and so on. Suggestions are not a part of the listings
# (a listing has many), so they have no rate and expressions of interest are read against
# the listings.
RATE_BASES = {
    "interests": "listings",
    "ndas": "interests",
    "agreements": "ndas",
    "transfers": "agreements",
}
RATE_TEXTS: dict[str, Promise] = {
    "listings": gettext_lazy("%(rate)s %% of listings published"),
    "interests": gettext_lazy("%(rate)s %% of expressions of interest"),
    "ndas": gettext_lazy("%(rate)s %% of NDAs in force"),
    "agreements": gettext_lazy("%(rate)s %% of agreements signed"),
}


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: str
    count: int
    base: str | None  # the stage its rate is read against
    rate: Decimal | None  # percent of the base stage, one decimal; None without a base count

    @property
    def rate_text(self) -> str:
        if self.base is None or self.rate is None:
            return ""
        return str(RATE_TEXTS[self.base]) % {"rate": f"{self.rate:.1f}"}


def conversion_rate(count: int, base: int) -> Decimal | None:
    """``count`` as a percentage of ``base``, to one decimal (half up): 40 of 255 → 15.7."""
    if not base:
        return None
    return (Decimal(count) * 100 / Decimal(base)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def funnel_steps(board: Dashboard) -> list[FunnelStep]:
    return steps_of(board.funnel.total)


def steps_of(total: dict[str, int]) -> list[FunnelStep]:
    """The funnel's stages in order, each with its conversion rate where it has a base."""
    steps = []
    for stage, count in total.items():
        base = RATE_BASES.get(stage)
        rate = conversion_rate(count, total[base]) if base else None
        steps.append(FunnelStep(stage, stage_label(stage), count, base, rate))
    return steps


def funnel_stages(board: Dashboard) -> list[tuple[str, int]]:
    return [(step.label, step.count) for step in funnel_steps(board)]


def funnel_svg(board: Dashboard) -> SafeString:
    """The year's funnel on a logarithmic scale, with each stage's conversion rate."""
    steps = funnel_steps(board)
    return funnel_chart(
        _("Transfer funnel"),
        [(step.label, step.count) for step in steps],
        [step.rate_text for step in steps],
        _("Bars on a logarithmic scale"),
    )


def chart_target(indicator: Indicator, year: int) -> tuple[Decimal | None, str]:
    """The target line of an indicator's trend chart and its legend. A quarterly indicator
    summed over the year is drawn against a quarter's share of the annual target (the model
    keeps one target per year), so that each quarter's bar is read against what a quarter
    should bring; one that reports its latest level is drawn against the target level."""
    if indicator.target_year < year:
        return None, ""
    quarters = len(periods_of(indicator, year))
    if quarters > 1 and indicator.aggregation == Indicator.Aggregation.SUM:
        return indicator.target / quarters, _("target per quarter = annual target ÷ 4 =")
    return indicator.target, _("target")


def charts_for(board: Dashboard) -> dict[int, Any]:
    charts = {}
    for row in board.indicators:
        target, label = chart_target(row.indicator, board.year)
        charts[row.indicator.pk] = bars_against_target(
            row.indicator.name,
            [(period.label, value) for period, value in row.trend],
            target,
            label,
        )
    return charts
