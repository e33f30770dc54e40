"""Charts drawn on the server as SVG, so one drawing serves the web page, the PDF report and
anyone who saves it. Small and dependency-free: bars against a target line, and a funnel.

Every label is escaped; the SVG carries a <title> and role="img" with an aria-label so that
screen readers announce what the chart shows, and the figures are always in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 520, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 40
LEGEND = 16  # a row above the bars for the target's legend, so no bar or figure covers it
BAR = "#2f6f8f"
TARGET = "#c0392b"
TEXT = "#222"


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
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{LEFT}" y1="{plot_top + inner_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{plot_top + inner_h}" stroke="{TEXT}"/>',
        f'<text x="{LEFT - 4}" y="{y(top) + 4:.1f}" text-anchor="end" fill="{TEXT}">'
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
                f'<text x="{x + step * 0.35:.1f}" y="{y(value) - 3:.1f}" text-anchor="middle" '
                f'fill="{TEXT}">{_number(value)}</text>'
            )
        # "2025 Q1" is drawn as "Q1" with the year below it once per year, so that twelve
        # quarters fit under the axis without running into each other.
        year, _space, part = label.rpartition(" ")
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(part)}</text>'
        )
        if year and year != shown_year:
            shown_year = year
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 28}" '
                f'text-anchor="middle" fill="{TEXT}">{escape(year)}</text>'
            )
    if target is not None:
        parts.append(
            f'<line x1="{LEFT}" y1="{y(target):.1f}" x2="{WIDTH - RIGHT}" y2="{y(target):.1f}" '
            f'stroke="{TARGET}" stroke-dasharray="6 4" stroke-width="2"/>'
        )
        parts.append(
            f'<line class="legend" x1="{LEFT}" y1="{TOP - 4}" x2="{LEFT + 24}" y2="{TOP - 4}" '
            f'stroke="{TARGET}" stroke-dasharray="6 4" stroke-width="2"/>'
        )
        parts.append(
            f'<text class="legend" x="{LEFT + 30}" y="{TOP}" fill="{TARGET}">'
            f"{escape(target_label)} {_number(target)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def funnel_chart(title: str, stages: Sequence[tuple[str, int]]) -> SafeString:
    """Horizontal bars narrowing from listings to achieved transfers."""
    widest = max([count for _, count in stages] + [1])
    row, label_w = 26, 150
    height = TOP + row * len(stages) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, count) in enumerate(stages):
        y = TOP + index * row
        width = (WIDTH - label_w - RIGHT - 40) * count / widest
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="{row - 8}" fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{label_w + width + 4:.1f}" y="{y + 15}" fill="{TEXT}">{count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
