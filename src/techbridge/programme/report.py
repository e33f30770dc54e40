"""The Conference's annual report for a year, in English, 繁體 or 简体, as HTML, PDF or XLSX.

The three formats are made from the same figures (``dashboard.dashboard``); the PDF is the
HTML page printed by WeasyPrint, charts included (they are SVG). Everything in it comes from
the database and the period. Figures are as of today for the current year and as of
31 December for a past one; the dates written into the files are that date, and the XLSX
archive's entries carry fixed times, so the same data and year give a byte-identical file.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from techbridge.core.errors import ServiceValidationError
from techbridge.programme.dashboard import DUE_SOON, Dashboard, dashboard
from techbridge.programme.labels import RAG_LABELS, direction_label, stage_label
from techbridge.programme.models import Mechanism, Milestone

# The font family the PDF is set in (settings.PROGRAMME_REPORT_FONT): it must cover Traditional
# and Simplified Chinese, since names and titles in any language's report may be in Chinese.
DEFAULT_REPORT_FONT = "WenQuanYi Micro Hei"
FONT_LANGUAGES = ("zh-tw", "zh-cn")

REPORT_FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _as_of(year: int, today: date | None = None) -> date:
    """The day the figures are as of: today, but no later than the year's last day (so a
    milestone due after today is still due, not overdue)."""
    return min(today or timezone.localdate(), date(year, 12, 31))


def _fixed_zip(body: bytes, moment: datetime) -> bytes:
    """The same archive with every entry stamped ``moment``, in a fixed order and
    compression, so that equal content gives equal bytes."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(body)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def period_bounds(board: Dashboard) -> tuple[date, date]:
    """The report's period: the year's first and last day."""
    return date(board.year, 1, 1), date(board.year, 12, 31)


def summary_rows(board: Dashboard) -> list[tuple[str, int]]:
    """The summary's figures, each label saying what it counts: the funnel's figures follow
    the deals opened in the year, while achieved transfers by signing date count agreements
    signed in the year, whenever their deal was opened (the areas table and the list of
    transfers count the same way). Both transfer figures are shown, so that they cannot be
    read as one figure that disagrees with itself. The same in every format."""
    total, year = board.funnel.total, {"year": board.year}
    return [
        (_("Listings first published in %(year)s") % year, total["listings"]),
        (_("Expressions of interest: deals opened in %(year)s") % year, total["interests"]),
        (_("NDAs in force among the deals opened in %(year)s") % year, total["ndas"]),
        (
            _("Achieved transfers among the deals opened in %(year)s") % year,
            total["transfers"],
        ),
        (
            _("Achieved transfers: agreements signed in %(year)s") % year,
            len(board.transfers),
        ),
    ]


def milestone_rows(board: Dashboard) -> list[tuple[str, Milestone, str]]:
    """Open milestones overdue and due within 30 days of the as-of date (the dashboard's
    definition): (section, milestone, red / amber / green label)."""
    return [(section, m, str(RAG_LABELS[rag])) for section, m, rag in _milestone_rags(board)]


def _milestone_rags(board: Dashboard) -> list[tuple[str, Milestone, str]]:
    """(section, milestone, "red" / "amber" / "green" / "")."""
    return [
        (section, m, m.rag(board.today))
        for section, milestones in (("overdue", board.overdue), ("due_soon", board.due_soon))
        for m in milestones
    ]


def report_font() -> str:
    return str(getattr(settings, "PROGRAMME_REPORT_FONT", DEFAULT_REPORT_FONT))


def font_is_installed(family: str) -> bool:
    """Whether fontconfig knows ``family`` with glyphs for Traditional and Simplified
    Chinese (``fc-list``, which comes with the fontconfig package Pango depends on)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None or not family.strip():
        return False
    name = "".join("\\" + c if c in "\\-:," else c for c in family)
    for language in FONT_LANGUAGES:
        found = subprocess.run(
            [fc_list, f":family={name}:lang={language}", "family"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if found.returncode != 0 or not found.stdout.strip():
            return False
    return True


def require_report_font() -> str:
    """The PDF's font family, or a refusal: without a Chinese font, WeasyPrint would print
    boxes in place of every Chinese character without a word of warning."""
    family = report_font()
    if not font_is_installed(family):
        raise ServiceValidationError(
            _(
                "The PDF cannot be made: the server has no font for Chinese characters "
                "(%(family)s). Please ask the administrator to install it; the HTML and "
                "XLSX reports are available."
            )
            % {"family": family}
        )
    return family


def report_html(board: Dashboard, font: str = DEFAULT_REPORT_FONT) -> str:
    from techbridge.programme.board_charts import charts_for, funnel_steps, funnel_svg

    start, end = period_bounds(board)
    rows = [(section, m, rag, str(RAG_LABELS[rag])) for section, m, rag in _milestone_rags(board)]
    return render_to_string(
        "programme/report.html",
        {
            "board": board,
            "charts": charts_for(board),
            "funnel_svg": funnel_svg(board),
            "funnel_steps": funnel_steps(board),
            "font": font,
            "as_of": board.today,
            "period_start": start,
            "period_end": end,
            "summary": summary_rows(board),
            "overdue": [(m, rag, label) for section, m, rag, label in rows if section == "overdue"],
            "due_soon": [
                (m, rag, label) for section, m, rag, label in rows if section == "due_soon"
            ],
            "due_soon_until": board.today + DUE_SOON,
        },
    )


def report_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except OSError as error:  # the Pango library is missing
        raise ServiceValidationError(
            _("PDF reports need the Pango library on the server (Debian: libpango-1.0-0).")
        ) from error
    return bytes(weasyprint.HTML(string=html).write_pdf())


def report_xlsx(board: Dashboard) -> bytes:
    workbook = Workbook()
    moment = datetime(board.today.year, board.today.month, board.today.day, 12, 0)
    workbook.properties.created = workbook.properties.modified = moment
    workbook.properties.creator = "techbridge"
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], rows: list[list[Any]], first: bool = False) -> None:
        ws = workbook.active if first else workbook.create_sheet()
        assert ws is not None
        ws.title = title[:31]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(row)

    start, end = period_bounds(board)
    sheet(
        _("Summary"),
        [_("Annual report %(year)s") % {"year": board.year}, board.mechanism.name],
        [
            [_("Period from"), start],
            [_("Period to"), end],
            [_("Figures as of"), board.today],
            *([label, figure] for label, figure in summary_rows(board)),
        ],
        first=True,
    )
    sheet(
        _("Areas"),
        [
            _("Area"),
            _("Cooperation items"),
            _("Initiatives"),
            _("Listings published"),
            _("Achieved transfers"),
            _("Overdue milestones"),
        ],
        [
            [c.area.name, c.items, c.initiatives, c.listings, c.transfers, c.overdue]
            for c in board.cards
        ],
    )
    directions = ("hk_cq", "cq_hk", "other")
    sheet(
        _("Indicators"),
        [
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            pgettext("indicator value", "Value"),
            _("Target"),
            _("Share of target (%)"),
            _("Hong Kong → Chongqing"),
            _("Chongqing → Hong Kong"),
            _("Other directions"),
        ],
        [
            [
                r.indicator.name,
                r.indicator.unit,
                r.indicator.baseline,
                r.value,
                r.indicator.target,
                r.share_of_target,
                *(
                    r.split.get(d) if r.indicator.disaggregation == "direction" else None
                    for d in directions
                ),
            ]
            for r in board.indicators
        ],
    )
    sheet(
        _("Roll-ups"),
        [
            _("Indicator"),
            _("Level"),
            pgettext("indicator value", "Value"),
            _("Target"),
            _("Share of target (%)"),
        ],
        [
            [t.name, row.label, row.value, row.target, row.share_of_target]
            for t in board.rollups
            for row in t.rows
        ],
    )
    sheet(
        _("Achieved transfers"),
        [_("Signed on"), _("Listing"), _("Deal type"), _("Direction")],
        [
            [
                a.signed_on,
                f"{a.deal.listing.reference} {a.deal.listing.title}",
                a.get_deal_type_display(),
                direction_label(a.deal.direction),
            ]
            for a in board.transfers
        ],
    )
    sheet(
        _("Meetings"),
        [_("Held on"), _("Meeting"), _("Decisions"), _("Action items")],
        [
            [
                m.held_on,
                m.title,
                "\n".join(d.text for d in m.decisions.all()),
                "\n".join(a.description for a in m.action_items.all()),
            ]
            for m in board.meetings
        ],
    )
    sheet(
        _("Transfer funnel"),
        [_("Stage"), _("Total")],
        [[stage_label(stage), count] for stage, count in board.funnel.total.items()],
    )
    sections = {"overdue": _("Overdue"), "due_soon": _("Due within 30 days")}
    sheet(
        _("Milestones"),
        [
            _("Section"),
            _("Area"),
            _("Cooperation item"),
            _("Initiative"),
            _("Milestone"),
            _("Due on"),
            _("Status"),
            _("Red / amber / green"),
        ],
        [
            [
                sections[section],
                m.initiative.item.area.name,
                m.initiative.item.reference,
                m.initiative.title,
                m.title,
                m.due_on,
                m.get_status_display(),
                rag,
            ]
            for section, m, rag in milestone_rows(board)
        ],
    )
    out = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time as "modified".
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_zip(out.getvalue(), moment)


def report_file(
    mechanism: Mechanism,
    year: int,
    language: str,
    fmt: str,
    today: date | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the report, with figures as of ``today``
    (default: the real date), capped to the year's end. ``on_phase`` is told as each phase
    begins: "figures", "layout", then (PDF only) "printing"."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(REPORT_FORMATS)}")
    tell = on_phase or (lambda _phase: None)
    with translation.override(language):
        font = require_report_font() if fmt == "pdf" else DEFAULT_REPORT_FONT
        tell("figures")
        board = dashboard(mechanism, year, _as_of(year, today))
        tell("layout")
        if fmt == "xlsx":
            body = report_xlsx(board)
        elif fmt == "html":
            body = report_html(board).encode()
        else:
            html = report_html(board, font)
            tell("printing")
            body = report_pdf(html)
    return body, REPORT_FORMATS[fmt], f"{mechanism.code}-report-{year}-{language}.{fmt}"
