"""The annual report in three languages and three formats, from the same figures; the PDF is
rendered to page images and read back by OCR for its headings and figures."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time
from openpyxl import load_workbook

from techbridge.accounts.models import User
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import Deal
from techbridge.programme.dashboard import dashboard
from techbridge.programme.report import report_file
from techbridge.programme.tests.fixtures import YEAR, Programme

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": ("Annual report 2026", "Achieved transfers", "Indicators"),
    "zh-hant": ("2026 年度報告", "已實現的技術轉移", "指標"),
    "zh-hans": ("2026 年度报告", "已实现的技术转移", "指标"),
}
OCR_LANGUAGES = {"en": "eng", "zh-hant": "chi_tra+eng", "zh-hans": "chi_sim+eng"}
OCR_ROWS = {
    "en": (
        ("Innovationandtechnology", "724"),
        ("CooperationConference", "724"),
        ("IT-1", "312"),
        ("IT-2", "412"),
        ("Whole", "011010"),
    ),
    "zh-hant": (
        ("創新科技", "72429"),
        ("港渝合作會議", "72429"),
        ("IT-1", "31225"),
        ("IT-2", "41233"),
        ("港渝合作會議", "11010"),
    ),
    "zh-hans": (
        ("创新科技", "72429"),
        ("港渝合作会议", "72429"),
        ("IT-1", "31225"),
        ("IT-2", "41233"),
        ("港渝合作会议", "11010"),
    ),
}
PDF_TOOLS = all(shutil.which(tool) for tool in ("pdftoppm", "tesseract"))


def _pdf_tools_or_skip() -> None:
    if PDF_TOOLS:
        return
    if os.environ.get("TECHBRIDGE_REQUIRE_BROWSER") == "1":
        raise RuntimeError("poppler-utils and tesseract-ocr (chi-sim, chi-tra) are required")
    pytest.skip("pdftoppm / tesseract not installed")


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_html_report_has_headings_figures_and_the_transfer(
    programme: Programme, language: str
) -> None:
    html = report_file(programme.mechanism, YEAR, language, "html")[0].decode()
    for heading in HEADINGS[language]:
        assert heading in html
    assert programme.won.listing.reference in html
    # Joint laboratories: 3 + 4 = 7 of 12 + 12 (29 %) for the area and the mechanism;
    # transfers 1 of 10 (10 %).
    assert html.count('<td class="n">7</td><td class="n">24</td><td class="n">29</td>') == 2
    assert '<td class="n">1</td><td class="n">10</td><td class="n">10</td>' in html


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("fmt", ["html", "xlsx", "pdf"])
def test_same_data_and_year_give_the_same_report(
    programme: Programme, language: str, fmt: str
) -> None:
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
    first = report_file(programme.mechanism, YEAR, language, fmt)[0]
    with freeze_time("2026-11-23 17:45:13+08:00"):  # later the same day: other clock times
        again = report_file(programme.mechanism, YEAR, language, fmt)[0]
    assert again == first


def test_xlsx_archive_carries_the_report_date_not_the_clock(programme: Programme) -> None:
    body = report_file(programme.mechanism, YEAR, "en", "xlsx")[0]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 23, 12, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-23T12:00:00Z' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-23T12:00:00Z' in core


MILESTONE_HEADER = (
    '<thead><tr><th scope="col">Area</th><th scope="col">Cooperation item</th>'
    '<th scope="col">Initiative</th><th scope="col">Milestone</th><th scope="col">Due on</th>'
    '<th scope="col">Status</th><th scope="col">Red / amber / green</th></tr></thead>'
)
SHARED_LIST = (
    "<tr><td>Innovation and technology</td><td>IT-1</td><td>Partner laboratory network</td>"
    "<td>Shared instrument list</td><td>2026-10-31</td><td>Planned</td>"
    '<td><span class="rag red">Red</span></td></tr>'
)
JOINT_CALL = (
    "<tr><td>Innovation and technology</td><td>IT-1</td><td>Partner laboratory network</td>"
    "<td>First joint call</td><td>2026-11-30</td><td>In progress</td>"
    '<td><span class="rag {code}">{rag}</span></td></tr>'
)
NONE_ROW = '<tr><td colspan="7" class="muted">None.</td></tr>'


def _milestone_sections(html: str) -> tuple[str, str]:
    overdue = html.index("<h2>Milestones overdue</h2>")
    due_soon = html.index("<h2>Milestones due within 30 days</h2>")
    return html[overdue:due_soon], html[due_soon : html.index("</body>")]


def test_report_of_the_current_year_is_as_of_today(programme: Programme) -> None:
    """Run on 23 November: the milestone due on 31 October is overdue, the one due on
    30 November is due within 30 days, each under its header row; the period and the as-of
    date are stated at the top."""
    html = report_file(programme.mechanism, YEAR, "en", "html")[0].decode()
    assert (
        "<p><strong>Annual report 2026</strong> · Period: 2026-01-01 to 2026-12-31 · "
        "Figures as of 2026-11-23, from the techbridge platform.</p>"
    ) in html
    overdue, due_soon = _milestone_sections(html)
    assert overdue.count("<tr>") == 2
    assert MILESTONE_HEADER + f"\n  <tbody>{SHARED_LIST}</tbody>" in overdue
    assert "Open milestones due from 2026-11-23 to 2026-12-23." in due_soon
    assert due_soon.count("<tr>") == 2
    joint_call = JOINT_CALL.format(code="amber", rag="Amber")
    assert MILESTONE_HEADER + f"\n  <tbody>{joint_call}</tbody>" in due_soon
    # A past year is reported as of its last day: both were overdue by then, none due soon.
    past = report_file(programme.mechanism, YEAR, "en", "html", today=date(YEAR + 1, 2, 1))[0]
    html = past.decode()
    assert "Period: 2026-01-01 to 2026-12-31 · Figures as of 2026-12-31" in html
    overdue, due_soon = _milestone_sections(html)
    assert f"<tbody>{SHARED_LIST}{JOINT_CALL.format(code='red', rag='Red')}</tbody>" in overdue
    assert "Open milestones due from 2026-12-31 to 2027-01-30." in due_soon
    assert f"<tbody>{NONE_ROW}</tbody>" in due_soon


def test_summary_says_which_transfers_it_counts(programme: Programme) -> None:
    """A deal opened last year and signed this year is an achieved transfer of this year by
    signing date, but not of this year's funnel: the summary shows both, each labelled."""
    Deal.objects.filter(pk=programme.won.pk).update(
        created_at=timezone.make_aware(datetime(YEAR - 1, 12, 15))
    )
    html = report_file(programme.mechanism, YEAR, "en", "html")[0].decode()
    summary = html[html.index("<h2>Summary</h2>") : html.index("Cooperation areas")]
    assert (
        '<tr><th>Expressions of interest: deals opened in 2026</th><td class="n">0</td></tr>'
        '<tr><th>NDAs in force among the deals opened in 2026</th><td class="n">0</td></tr>'
        '<tr><th>Achieved transfers among the deals opened in 2026</th><td class="n">0</td></tr>'
        '<tr><th>Achieved transfers: agreements signed in 2026</th><td class="n">1</td></tr>'
    ) in summary
    book = load_workbook(io.BytesIO(report_file(programme.mechanism, YEAR, "en", "xlsx")[0]))
    assert list(book["Summary"].iter_rows(min_row=5, values_only=True)) == [
        ("Listings first published in 2026", 1),
        ("Expressions of interest: deals opened in 2026", 0),
        ("NDAs in force among the deals opened in 2026", 0),
        ("Achieved transfers among the deals opened in 2026", 0),
        ("Achieved transfers: agreements signed in 2026", 1),
    ]


def test_xlsx_summary_and_milestones_sheets(programme: Programme) -> None:
    body = report_file(programme.mechanism, YEAR, "en", "xlsx")[0]
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames[0] == "Summary" and book.sheetnames[-1] == "Milestones"
    assert list(book["Summary"].iter_rows(values_only=True)) == [
        ("Annual report 2026", "Hong Kong–Chongqing Cooperation Conference"),
        ("Period from", datetime(2026, 1, 1)),
        ("Period to", datetime(2026, 12, 31)),
        ("Figures as of", datetime(2026, 11, 23)),
        ("Listings first published in 2026", 1),
        ("Expressions of interest: deals opened in 2026", 1),
        ("NDAs in force among the deals opened in 2026", 1),
        ("Achieved transfers among the deals opened in 2026", 1),
        ("Achieved transfers: agreements signed in 2026", 1),
    ]
    assert list(book["Milestones"].iter_rows(values_only=True)) == [
        (
            "Section",
            "Area",
            "Cooperation item",
            "Initiative",
            "Milestone",
            "Due on",
            "Status",
            "Red / amber / green",
        ),
        (
            "Overdue",
            "Innovation and technology",
            "IT-1",
            "Partner laboratory network",
            "Shared instrument list",
            datetime(2026, 10, 31),
            "Planned",
            "Red",
        ),
        (
            "Due within 30 days",
            "Innovation and technology",
            "IT-1",
            "Partner laboratory network",
            "First joint call",
            datetime(2026, 11, 30),
            "In progress",
            "Amber",
        ),
    ]


def test_summary_counts_the_year_only(programme: Programme) -> None:
    """A listing first published last year is not in this year's summary; the summary's
    listings equal the year's "listings published"."""
    Listing.objects.filter(pk=programme.won.listing_id).update(
        first_published_at=timezone.make_aware(datetime(YEAR - 1, 5, 1))
    )
    published = Listing.objects.filter(
        first_published_at__year=YEAR, first_published_at__isnull=False
    ).count()
    board = dashboard(programme.mechanism, YEAR, date(YEAR, 11, 23))
    assert board.funnel.total["listings"] == published
    assert board.cards and sum(1 for _ in board.cards) == 11
    html = report_file(programme.mechanism, YEAR, "en", "html")[0].decode()
    summary = html[html.index("<h2>Summary</h2>") : html.index("Cooperation areas")]
    assert (
        f'<tr><th>Listings first published in 2026</th><td class="n">{published}</td></tr>'
        '<tr><th>Expressions of interest: deals opened in 2026</th><td class="n">1</td></tr>'
        '<tr><th>NDAs in force among the deals opened in 2026</th><td class="n">1</td></tr>'
        '<tr><th>Achieved transfers among the deals opened in 2026</th><td class="n">1</td></tr>'
        '<tr><th>Achieved transfers: agreements signed in 2026</th><td class="n">1</td></tr>'
    ) in summary
    last_year = dashboard(programme.mechanism, YEAR - 1, date(YEAR - 1, 12, 31))
    assert last_year.funnel.total["listings"] == 1
    assert last_year.funnel.total["interests"] == 0


def test_xlsx_report(programme: Programme) -> None:
    body = report_file(programme.mechanism, YEAR, "zh-hans", "xlsx")[0]
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == [
        "摘要",
        "合作领域",
        "指标",
        "汇总",
        "已实现的技术转移",
        "会议",
        "转移漏斗",
        "里程碑",
    ]
    summary = list(book["摘要"].iter_rows(values_only=True))
    assert [label for label, _figure in summary] == [
        "2026 年度报告",
        "期间自",
        "期间至",
        "数据截至",
        "2026 年首次发布的项目",
        "意向表达：2026 年开启的交易",
        "2026 年开启的交易中已生效的保密协议",
        "2026 年开启的交易中已实现的技术转移",
        "已实现的技术转移：2026 年签署的协议",
    ]
    milestones = list(book["里程碑"].iter_rows(values_only=True))
    assert [row[0] for row in milestones] == ["类别", "已逾期", "30 天内到期"]
    assert [row[-2:] for row in milestones[1:]] == [("已计划", "红"), ("进行中", "黄")]
    transfers = list(book["已实现的技术转移"].iter_rows(values_only=True))
    assert len(transfers) == 2
    assert transfers[1][1].startswith(programme.won.listing.reference)
    assert transfers[1][3] == "香港 → 重庆"
    indicators = {row[0]: row[1:] for row in book["指标"].iter_rows(min_row=2, values_only=True)}
    assert indicators["已实现的技术转移"] == ("份协议", 0, 1, 10, 10, 1, 0, 0)
    # Joint laboratories are not split by direction: no figures in those columns.
    assert indicators["联合实验室"][-3:] == (None, None, None)
    funnel = list(book["转移漏斗"].iter_rows(min_row=2, values_only=True))
    assert [stage for stage, _count in funnel] == [
        "已发布项目",
        "推荐",
        "意向表达",
        "已生效的保密协议",
        "已签署协议",
        "已实现的技术转移",
    ]
    rollups = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert rollups[-3:] == [
        ("联合实验室", "创新科技", 7, 24, 29),
        ("联合实验室", "IT-1", 3, 12, 25),
        ("联合实验室", "IT-2", 4, 12, 33),
    ]


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_pdf_pages_read_back_with_headings_and_figures(
    programme: Programme, language: str, tmp_path: Path
) -> None:
    _pdf_tools_or_skip()
    out = tmp_path / f"report-{language}.pdf"
    call_command("annual_report", year=YEAR, language=language, format="pdf", output=out)
    assert out.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    text = ""
    for page in pages:
        read = subprocess.run(
            # One uniform block (--psm 6): a table's row is read as one line, label then
            # figures, rather than column by column.
            ["tesseract", str(page), "-", "-l", OCR_LANGUAGES[language], "--psm", "6"],
            check=True,
            capture_output=True,
            text=True,
        )
        text += read.stdout
    flat = "".join(text.split())  # OCR of CJK puts spaces between characters
    for heading in HEADINGS[language]:
        assert "".join(heading.split()) in flat, (heading, text[:500])
    assert programme.won.listing.reference in flat
    # Figures, not only headings, each read on its own row right after the row's label
    # (spaces dropped): the joint laboratories' roll-up for the area and the mechanism
    # (7 of a target of 24, 29 %), each item's (3 of 12, 25 %; 4 of 12, 33 %) and the
    # transfers (1 of 10, 10 %). The English page is read without the share column of the
    # roll-ups, so its transfers are anchored on the indicator table's row (baseline 0).
    rows = ["".join(line.split()) for line in text.splitlines()]
    for label, figures in OCR_ROWS[language]:
        assert any(label + figures in row for row in rows), (label, figures, text)


def test_report_page_for_the_secretariat_only(
    client: Client, programme: Programme, officer: User, reviewer: User
) -> None:
    client.force_login(officer)
    assert client.get(f"/en/programme/report/?year={YEAR}").status_code == 403
    staff = Client()
    log_in_verified(staff, reviewer)
    page = staff.get(f"/zh-hant/programme/report/?year={YEAR}&format=html")
    assert page.status_code == 200
    assert "2026 年度報告" in page.content.decode()
    xlsx = staff.get(f"/en/programme/report/?year={YEAR}&format=xlsx")
    assert xlsx["Content-Disposition"] == f'attachment; filename="hk-cq-report-{YEAR}-en.xlsx"'
