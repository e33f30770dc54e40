"""The public dashboard and area pages: the page title, captioned charts, the year's funnel
and the area's tables as CSV in the page's language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from techbridge.programme.charts import bars_against_target
from techbridge.programme.tests.fixtures import YEAR, Programme

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def test_dashboard_title_is_the_mechanism_name(client: Client, programme: Programme) -> None:
    page = client.get(f"/zh-hant/programme/?year={YEAR}").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None
    assert title.group(1).strip() == "港渝合作會議 · 港渝科技合作"


def test_each_chart_has_a_caption_naming_its_indicator(
    client: Client, programme: Programme
) -> None:
    page = client.get(f"/en/programme/?year={YEAR}").content.decode()
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)
    assert captions == [
        "Transfer funnel: listings first published and deals opened in 2026",
        "Achieved technology transfers (agreements): 1 / target 10 (2026)",
        "Joint laboratories (laboratories): 3 / target 12 (2026)",
        "Joint laboratories (laboratories): 4 / target 12 (2026)",
    ]
    assert "<title>Achieved technology transfers</title>" in page


def test_quarter_labels_are_short_with_the_year_once() -> None:
    from datetime import date
    from decimal import Decimal

    from techbridge.programme.indicators import Period

    points = [
        (Period(date(y, m, 1), date(y + (m == 10), (m + 3 - 1) % 12 + 1, 1)).label, Decimal(1))
        for y in (2025, 2026)
        for m in (1, 4, 7, 10)
    ]
    root = ET.fromstring(bars_against_target("Labs", points))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts.count("Q1") == 2 and texts.count("Q4") == 2
    assert texts.count("2025") == 1 and texts.count("2026") == 1
    assert not any(t and " Q" in t for t in texts)


def test_dashboard_funnel_is_the_years(client: Client, programme: Programme) -> None:
    this_year = client.get(f"/en/programme/tables/funnel.csv?year={YEAR}")
    last_year = client.get(f"/en/programme/tables/funnel.csv?year={YEAR - 1}")
    interests = [
        line
        for body in (this_year, last_year)
        for line in body.content.decode("utf-8-sig").splitlines()
        if line.startswith("Expressions of interest")
    ]
    assert interests == ["Expressions of interest,1,1,0,0", "Expressions of interest,0,0,0,0"]


def test_area_page_offers_its_tables_as_csv(client: Client, programme: Programme) -> None:
    area = f"/zh-hans/programme/areas/{programme.innovation.code}/"
    page = client.get(f"{area}?year={YEAR}").content.decode()
    assert f'href="{area}tables/milestones.csv?year={YEAR}"' in page
    assert f'href="{area}tables/indicators.csv?year={YEAR}"' in page
    milestones = client.get(f"{area}tables/milestones.csv?year={YEAR}")
    assert milestones["Content-Disposition"] == (
        'attachment; filename="programme-innovation_technology-milestones-2026.csv"'
    )
    lines = milestones.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "合作领域,合作事项,工作项目,里程碑,到期日,状态,红 / 黄 / 绿"
    assert [line.split(",")[3:] for line in lines[1:]] == [
        ["Network charter signed", "2026-03-31", "已完成", "绿"],
        ["Shared instrument list", "2026-10-31", "已计划", "红"],
        ["First joint call", "2026-11-30", "进行中", "黄"],
    ]
    indicators = client.get(f"{area}tables/indicators.csv?year={YEAR}")
    rows = indicators.content.decode("utf-8-sig").splitlines()
    assert [row.split(",")[3] for row in rows[1:]] == ["IT-1", "IT-2"]
    assert client.get(f"{area}tables/funnel.csv").status_code == 404
