"""Server-side SVG charts: well-formed, escaped, with the figures drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from techbridge.programme.charts import bars_against_target, funnel_chart

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
