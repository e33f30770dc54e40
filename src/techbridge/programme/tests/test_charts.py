"""Server-side SVG charts: well-formed, escaped, with the figures drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from techbridge.programme.board_charts import charts_for
from techbridge.programme.charts import BOTTOM, FONT, HEIGHT, TOP, bars_against_target, funnel_chart
from techbridge.programme.dashboard import dashboard
from techbridge.programme.tests.fixtures import YEAR, Programme

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_against_target_draws_each_value_and_the_target() -> None:
    svg = bars_against_target(
        "Transfers <2026>",
        [("2025", Decimal(3)), ("2026", None), ("2027", Decimal("7.5"))],
        target=Decimal(10),
        target_label="target",
    )
    root = ET.fromstring(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Transfers <2026>"
    assert len(root.findall(f"{SVG}rect")) == 2  # no bar where there is no value
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"3", "7.5", "target 10", "2025", "2026", "2027"} <= set(texts)
    assert root.get("aria-label") == "Transfers <2026>"


def test_funnel_chart() -> None:
    root = ET.fromstring(funnel_chart("Funnel", [("Listings", 40), ("Interests", 8), ("Deals", 0)]))
    widths = [float(r.get("width") or "nan") for r in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > widths[2] == 0


def _boxes(root: ET.Element) -> tuple[ET.Element, list[tuple[float, float]]]:
    """The target's legend, and the vertical extent of every bar and every figure drawn
    above a bar (text spans its font size above its baseline)."""
    legend = [t for t in root.iter(f"{SVG}text") if t.get("class") == "legend"]
    assert len(legend) == 1
    bars = [
        (float(r.get("y") or 0), float(r.get("y") or 0) + float(r.get("height") or 0))
        for r in root.iter(f"{SVG}rect")
    ]
    figures = [
        (float(t.get("y") or 0) - FONT, float(t.get("y") or 0))
        for t in root.iter(f"{SVG}text")
        if t.get("text-anchor") == "middle" and float(t.get("y") or 0) < HEIGHT - BOTTOM
    ]
    return legend[0], bars + figures


def test_target_legend_never_overlaps_a_bar_above_the_target() -> None:
    svg = bars_against_target(
        "Hours", [("2026 Q1", Decimal(200)), ("2026 Q2", Decimal(40))], Decimal(150), "目標"
    )
    root = ET.fromstring(svg)
    legend, boxes = _boxes(root)
    assert legend.text == "目標 150"
    assert float(legend.get("y") or 0) == TOP == 22
    # The legend sits in its own row above the tallest bar and its figure (room for the
    # legend's descenders).
    assert min(top for top, _bottom in boxes) >= TOP + 4
    line = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke-dasharray")]
    assert [(ln.get("class"), ln.get("y1")) for ln in line] == [(None, "85.5"), ("legend", "17")]
    bars = [r.get("y") for r in root.iter(f"{SVG}rect")]
    assert bars == ["46.0", "172.4"]  # the 200 bar rises above the 150 line (y 85.5)


@pytest.mark.django_db
def test_quarterly_bars_are_drawn_against_a_quarter_of_the_annual_target(
    programme: Programme,
) -> None:
    """Joint laboratories: 12 a year, reported by quarter and summed, so each quarter's bar
    is read against 3; the yearly transfers indicator keeps its annual target of 10."""
    board = dashboard(programme.mechanism, YEAR, date(YEAR, 11, 23))
    charts = charts_for(board)
    root = ET.fromstring(charts[programme.labs_b.pk])
    legend = _boxes(root)[0]
    assert legend.text == "target per quarter = annual target ÷ 4 = 3"
    target = [ln for ln in root.iter(f"{SVG}line") if ln.get("class") is None][-1]
    # Highest bar 9 (2025 Q2) on 158 units from y 46: the line for 3 is a third of the way up.
    assert target.get("y1") == "151.3"
    transfers = ET.fromstring(charts[programme.transfers.pk])
    assert _boxes(transfers)[0].text == "target 10"
    with translation.override("zh-hant"):
        legend = _boxes(ET.fromstring(charts_for(board)[programme.labs_b.pk]))[0]
    assert legend.text == "每季目標 = 全年目標 ÷ 4 = 3"
