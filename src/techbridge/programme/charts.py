"""Charts drawn on the server as SVG, so one drawing serves the web page, the PDF report and
anyone who saves it. Small and dependency-free: bars against a target line, and a funnel.

Every label is escaped; the SVG carries a <title> and role="img" with an aria-label so that
screen readers announce what the chart shows, and the figures are always in a table beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

# The drawing's own units. A chart is shown at the width of its column (CSS) and never
# narrower than 0.8 of WIDTH (one column on a 390 px phone, 24rem columns on wider screens),
# so FONT units stay at 12 px or more on screen; in the PDF two charts share a row.
WIDTH, HEIGHT = 400, 250
FONT = 15
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 22, 46
LEGEND = 24  # a row above the bars for the target's legend, so no bar or figure covers it
BAR = "#2f6f8f"
TARGET = "#c0392b"
TEXT = "#222"
MUTED = "#4f5963"
# Latin and Chinese glyphs in every language: a CJK family first (the web page's stylesheet
# may set its own), then the generic family, which fontconfig fills from any installed font.
FONTS = (
    "'WenQuanYi Micro Hei', 'Noto Sans CJK TC', 'Noto Sans CJK SC', 'PingFang HK', "
    "'Microsoft JhengHei', 'Microsoft YaHei', sans-serif"
)


def _svg_open(title: str, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONTS}" font-size="{FONT}">'
    )


def _number(value: Decimal | float) -> str:
    value = Decimal(str(value))
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.1f}"


def bars_against_target(
    title: str,
    points: Sequence[tuple[str, Decimal | None]],
    target: Decimal | None = None,
    target_label: str = "",
) -> SafeString:
    """One bar per period (a gap where there is no value), and the target as a dashed line
    named in a legend above the bars (never on the line, where a taller bar would hide it)."""
    values = [v for _, v in points if v is not None]
    top = max([*values, target or Decimal(0), Decimal(1)])
    plot_top = TOP + LEGEND
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - plot_top - BOTTOM
    step = inner_w / max(len(points), 1)

    def y(value: Decimal) -> float:
        return plot_top + inner_h - float(value / top) * inner_h

    parts = [
        _svg_open(title, HEIGHT),
        f"<title>{escape(title)}</title>",
        f'<line x1="{LEFT}" y1="{plot_top + inner_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{plot_top + inner_h}" stroke="{TEXT}"/>',
        f'<text x="{LEFT - 4}" y="{y(top) + 5:.1f}" text-anchor="end" fill="{TEXT}">'
        f"{_number(top)}</text>",
        f'<text x="{LEFT - 4}" y="{plot_top + inner_h:.1f}" text-anchor="end" '
        f'fill="{TEXT}">0</text>',
    ]
    shown_year = ""
    for index, (label, value) in enumerate(points):
        x = LEFT + index * step + step * 0.15
        if value is not None:
            parts.append(
                f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{step * 0.7:.1f}" '
                f'height="{plot_top + inner_h - y(value):.1f}" fill="{BAR}"/>'
            )
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{y(value) - 4:.1f}" text-anchor="middle" '
                f'fill="{TEXT}">{_number(value)}</text>'
            )
        # "2025 Q1" is drawn as "Q1" with the year below it once per year, so that twelve
        # quarters fit under the axis without running into each other.
        year, _space, part = label.rpartition(" ")
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(part)}</text>'
        )
        if year and year != shown_year:
            shown_year = year
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 38}" '
                f'text-anchor="middle" fill="{TEXT}">{escape(year)}</text>'
            )
    if target is not None:
        parts.append(
            f'<line x1="{LEFT}" y1="{y(target):.1f}" x2="{WIDTH - RIGHT}" y2="{y(target):.1f}" '
            f'stroke="{TARGET}" stroke-dasharray="6 4" stroke-width="2"/>'
        )
        parts.append(
            f'<line class="legend" x1="4" y1="{TOP - 5}" x2="28" y2="{TOP - 5}" '
            f'stroke="{TARGET}" stroke-dasharray="6 4" stroke-width="2"/>'
        )
        parts.append(
            f'<text class="legend" x="34" y="{TOP}" fill="{TARGET}">'
            f"{escape(target_label)} {_number(target)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def funnel_chart(
    title: str,
    stages: Sequence[tuple[str, int]],
    rates: Sequence[str] = (),
    note: str = "",
) -> SafeString:
    """One bar per stage, from listings to achieved transfers, each under its label with its
    count at the end of the row. Bar lengths are on a logarithmic scale (log10 of 1 + the
    count), so a stage of 40 stays visible beside one of 2,880; ``note`` says so above the
    bars. ``rates`` (one per stage, "" for none) is written on a row of its own before the
    stage it leads to, e.g. "↓ 15.7 % of listings published"."""
    widest = math.log10(max([count for _, count in stages] + [1]) + 1)
    rows: list[str] = []
    y = 0
    if note:
        rows.append(
            f'<text class="note" x="0" y="{y + FONT + 1}" fill="{MUTED}">{escape(note)}</text>'
        )
        y += FONT + 14
    for index, (label, count) in enumerate(stages):
        rate = rates[index] if index < len(rates) else ""
        if rate:
            rows.append(
                f'<text class="rate" x="12" y="{y + FONT + 1}" fill="{MUTED}">'
                f"↓ {escape(rate)}</text>"
            )
            y += FONT + 9
        width = WIDTH * math.log10(count + 1) / widest
        rows.append(
            f'<text x="0" y="{y + FONT + 1}" fill="{TEXT}">{escape(label)}</text>'
            f'<text x="{WIDTH}" y="{y + FONT + 1}" text-anchor="end" font-weight="bold" '
            f'fill="{TEXT}">{_number(count)}</text>'
            f'<rect x="0" y="{y + FONT + 7}" width="{width:.1f}" height="14" fill="{BAR}"/>'
        )
        y += FONT + 7 + 14 + 12
    height = y
    return mark_safe(
        "".join([_svg_open(title, height), f"<title>{escape(title)}</title>", *rows, "</svg>"])
    )
