"""The dashboard as the secretariat presents it: the funnel's conversion rates on a
logarithmic scale, red / amber / green pills with their word, bordered area cards, charts in
a grid with text of 12 px or more at the size shown, and a PDF whose figure columns keep
their width and which is refused, with nothing written, when no Chinese font is installed."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from techbridge.accounts.models import User
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.programme.board_charts import conversion_rate, steps_of
from techbridge.programme.charts import WIDTH, funnel_chart
from techbridge.programme.report import font_is_installed, report_file
from techbridge.programme.tests.fixtures import YEAR, Programme

SVG = "{http://www.w3.org/2000/svg}"
MISSING_FONT = "No Such Font Family For Reports"
DEMO_TOTALS = {
    "listings": 255,
    "suggestions": 2880,
    "interests": 40,
    "ndas": 12,
    "agreements": 5,
    "transfers": 4,
}


def test_conversion_rate_is_a_percentage_to_one_decimal() -> None:
    assert conversion_rate(40, 255) == Decimal("15.7")
    assert conversion_rate(1, 3) == Decimal("33.3")
    assert conversion_rate(2, 3) == Decimal("66.7")
    assert conversion_rate(5, 5) == Decimal("100.0")
    assert conversion_rate(0, 0) is None


def test_each_stage_is_read_against_the_stage_it_is_part_of() -> None:
    steps = steps_of(DEMO_TOTALS)
    assert [(s.stage, s.count, s.base, s.rate) for s in steps] == [
        ("listings", 255, None, None),
        ("suggestions", 2880, None, None),  # many per listing: not a conversion
        ("interests", 40, "listings", Decimal("15.7")),
        ("ndas", 12, "interests", Decimal("30.0")),
        ("agreements", 5, "ndas", Decimal("41.7")),
        ("transfers", 4, "agreements", Decimal("80.0")),
    ]
    assert [s.rate_text for s in steps] == [
        "",
        "",
        "15.7 % of listings published",
        "30.0 % of expressions of interest",
        "41.7 % of NDAs in force",
        "80.0 % of agreements signed",
    ]
    empty = steps_of(dict.fromkeys(DEMO_TOTALS, 0))
    assert [s.rate_text for s in empty] == [""] * 6


def test_funnel_bars_are_on_a_log_scale_so_every_stage_shows() -> None:
    steps = steps_of(DEMO_TOTALS)
    svg = funnel_chart(
        "Funnel",
        [(s.label, s.count) for s in steps],
        [s.rate_text for s in steps],
        "Bars on a logarithmic scale",
    )
    root = ET.fromstring(svg)
    widths = [float(r.get("width") or "nan") for r in root.iter(f"{SVG}rect")]
    expected = [WIDTH * math.log10(n + 1) / math.log10(2881) for n in DEMO_TOTALS.values()]
    assert widths == [round(w, 1) for w in expected]
    assert widths[1] == WIDTH  # the largest stage spans the chart
    # On a linear scale 4 transfers of 2,880 suggestions would be half a unit wide; here
    # the smallest bar is a fifth of the chart.
    assert min(widths) > WIDTH / 5
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[0] == "Bars on a logarithmic scale"
    assert "2,880" in texts and "255" in texts
    rates = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "rate"]
    assert rates == [
        "↓ 15.7 % of listings published",
        "↓ 30.0 % of expressions of interest",
        "↓ 41.7 % of NDAs in force",
        "↓ 80.0 % of agreements signed",
    ]
    # Each rate stands just above the stage it leads to.
    order = texts.index("↓ 15.7 % of listings published")
    assert texts[order + 1] == "Expressions of interest"


@pytest.mark.django_db
def test_dashboard_shows_the_funnel_rates_in_a_table(client: Client, programme: Programme) -> None:
    page = client.get(f"/en/programme/?year={YEAR}").content.decode()
    table = page[page.index('<table class="funnel-table">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th><td class="n">(.*?)</td><td>(.*?)</td></tr>', table
    )
    assert rows == [
        ("Listings published", "1", "—"),
        ("Suggestions", "0", "—"),
        ("Expressions of interest", "1", "100.0 % of listings published"),
        ("NDAs in force", "1", "100.0 % of expressions of interest"),
        ("Agreements signed", "1", "100.0 % of NDAs in force"),
        ("Achieved transfers", "1", "100.0 % of agreements signed"),
    ]
    assert '<text class="note" x="0" y="16" fill="#4f5963">Bars on a logarithmic scale</text>' in (
        page
    )


@pytest.mark.django_db
def test_milestone_statuses_are_pills_with_their_word(client: Client, programme: Programme) -> None:
    area = client.get(f"/en/programme/areas/{programme.innovation.code}/?year={YEAR}")
    pills = re.findall(r'<span class="(rag \w+)">(.*?)</span>', area.content.decode())
    # Charter signed on time, shared list overdue, joint call due within 30 days.
    assert pills == [
        ("rag green", "Green"),
        ("rag red", "Red"),
        ("rag amber", "Amber"),
    ]
    board = client.get(f"/en/programme/?year={YEAR}").content.decode()
    pills = re.findall(r'<span class="(rag \w+)">(.*?)</span>', board)
    assert pills == [
        ("rag red", "1 milestone overdue"),  # the innovation area's card
        ("rag red", "Overdue"),
        ("rag amber", "Due within 30 days"),
    ]
    # The card is bordered around its heading and its figures.
    cards = [c.split("</section>")[0] for c in board.split('<section class="area-card">')[1:]]
    assert len(cards) == 11
    innovation = [c for c in cards if "Innovation and technology</a></h3>" in c]
    assert len(innovation) == 1 and "1 milestone overdue</span>" in innovation[0]
    css = (Path(__file__).parents[2] / "web/static/web/site.css").read_text()
    for rule in (".area-card { border: 1px solid var(--line);", ".rag.red {", ".rag.amber {"):
        assert rule in css
    report = report_file(programme.mechanism, YEAR, "en", "html")[0].decode()
    assert report.count('<span class="rag red">Red</span>') == 1
    assert report.count('<span class="rag amber">Amber</span>') == 1


@pytest.mark.django_db
def test_report_tables_have_fixed_column_widths(programme: Programme) -> None:
    html = report_file(programme.mechanism, YEAR, "zh-hant", "html")[0].decode()
    assert "table.fixed { table-layout: fixed; }" in html
    assert "td.n { white-space: nowrap; font-variant-numeric: tabular-nums; }" in html
    indicators = (
        '<table class="fixed indicators">\n  <colgroup><col style="width: 24%">'
        '<col style="width: 16%"><col style="width: 10%"><col style="width: 10%">'
        '<col style="width: 10%"><col style="width: 12%"><col style="width: 18%"></colgroup>'
    )
    assert indicators in html
    # Every table of figures is laid out with fixed widths that add up to the page.
    tables = re.findall(r'<table class="([^"]*)">\s*<colgroup>(.*?)</colgroup>', html, re.S)
    assert len(tables) >= 6
    for classes, cols in tables:
        assert "fixed" in classes.split()
        assert sum(int(w) for w in re.findall(r"width: (\d+)%", cols)) == 100


def _secretariat(reviewer: User) -> Client:
    staff = Client()
    log_in_verified(staff, reviewer)
    return staff


@pytest.mark.django_db
def test_pdf_is_refused_without_a_chinese_font_and_nothing_is_written(
    programme: Programme, reviewer: User, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    with override_settings(PROGRAMME_REPORT_FONT=MISSING_FONT):
        assert font_is_installed(MISSING_FONT) is False
        with pytest.raises(CommandError) as refused:
            call_command("annual_report", year=YEAR, language="zh-hant", format="pdf", output=out)
        # The command speaks the report's language.
        assert str(refused.value) == (
            f"無法製作 PDF：伺服器未安裝中文字型（{MISSING_FONT}）。請聯絡管理員安裝；"
            "您仍可下載 HTML 及 XLSX 格式的報告。"
        )
        assert list(tmp_path.iterdir()) == []
        page = _secretariat(reviewer).get(f"/en/programme/report/?year={YEAR}&format=pdf")
        assert page.status_code == 503
        assert "Content-Disposition" not in page
        assert page["Content-Type"].startswith("text/html")
        body = page.content.decode()
        assert "the server has no font for Chinese characters" in body
        assert f"/en/programme/report/?year={YEAR}&amp;format=xlsx" in body
        # The other formats are still made.
        xlsx = report_file(programme.mechanism, YEAR, "en", "xlsx")[0]
        assert xlsx.startswith(b"PK")


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig's fc-list not installed")
def test_installed_cjk_font_is_found() -> None:
    assert font_is_installed("WenQuanYi Micro Hei") is True
    assert font_is_installed("") is False


PDF_TOOLS = all(shutil.which(tool) for tool in ("pdftoppm", "tesseract"))


@pytest.mark.skipif(not PDF_TOOLS, reason="pdftoppm / tesseract not installed")
@pytest.mark.django_db
def test_traditional_pdf_reads_each_figure_whole_on_its_row(
    programme: Programme, tmp_path: Path
) -> None:
    """繁: each indicator's row reads baseline, value, target and share whole, after its
    level (the item's reference): 0, 3, 12, 25 for IT-1 and 0, 4, 12, 33 for IT-2."""
    out = tmp_path / "report.pdf"
    call_command("annual_report", year=YEAR, language="zh-hant", format="pdf", output=out)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "p")], check=True)
    text = ""
    for page in sorted(tmp_path.glob("p-*.png")):
        read = subprocess.run(
            ["tesseract", str(page), "-", "-l", "chi_tra+eng", "--psm", "6"],
            check=True,
            capture_output=True,
            text=True,
        )
        text += read.stdout
    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert any(re.search(r"IT-1 0 3 12 25\b", row) for row in rows), text
    assert any(re.search(r"IT-2 0 4 12 33\b", row) for row in rows), text


# The browser: charts in one column on a phone and several on a wide screen, each chart's
# text at 12 px or more as shown; the pills coloured and bordered.
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
FIGURES = """
const grid = document.querySelector('.chart-grid');
const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').length;
const sizes = [...document.querySelectorAll('figure svg text')].map(
  t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
const captions = [...document.querySelectorAll('.chart-grid figure')].map(
  f => f.querySelector('figcaption').getBoundingClientRect().top
       > f.querySelector('svg').getBoundingClientRect().bottom);
const pill = getComputedStyle(document.querySelector('.rag.red'));
return [columns, Math.min(...sizes), sizes.length, captions,
        document.documentElement.scrollWidth - window.innerWidth,
        pill.backgroundColor, pill.borderTopStyle, pill.color];
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium / chromium-driver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("width", "columns"), [(390, 1), (1366, 3)])
def test_charts_fit_the_screen_with_readable_text(
    browser: Any, live_server: Any, programme: Programme, width: int, columns: int
) -> None:
    browser.set_window_size(width, 900)
    for language in ("en", "zh-hant"):
        browser.get(f"{live_server.url}/{language}/programme/?year={YEAR}")
        shown = browser.execute_script(FIGURES)
        grid, smallest, count, captions, overflow, background, border, colour = shown
        assert grid == columns
        assert count > 20 and smallest >= 12, (language, width, smallest)
        assert captions == [True, True, True]  # under its own chart, inside its figure
        assert overflow <= 0
        assert (background, border, colour) == (
            "rgb(251, 227, 228)",
            "solid",
            "rgb(138, 17, 22)",
        )
