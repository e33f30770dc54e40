"""The Conference's annual report for a year, in English, 繁體 or 简体, as HTML, PDF or XLSX.

The three formats are made from the same figures (``dashboard.dashboard``); the PDF is the
HTML page printed by WeasyPrint, charts included (they are SVG). Everything in it comes from
the database and the period, and the dates written into the files are the period's, so the
same data and year give the same report.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from techbridge.core.errors import ServiceValidationError
from techbridge.programme.charts import funnel_chart
from techbridge.programme.dashboard import Dashboard, dashboard
from techbridge.programme.models import Mechanism

REPORT_FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _as_of(year: int) -> date:
    return date(year, 12, 31)


def report_html(board: Dashboard) -> str:
    from techbridge.web.views.programme import charts_for, funnel_stages

    return render_to_string(
        "programme/report.html",
        {
            "board": board,
            "charts": charts_for(board),
            "funnel_svg": funnel_chart(_("Transfer funnel"), funnel_stages(board)),
            "as_of": _as_of(board.year),
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
    moment = datetime(board.year, 12, 31, 12, 0)
    workbook.properties.created = workbook.properties.modified = moment
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], rows: list[list[object]], first: bool = False) -> None:
        ws = workbook.active if first else workbook.create_sheet()
        assert ws is not None
        ws.title = title[:31]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(row)

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
        first=True,
    )
    directions = ("hk_cq", "cq_hk", "other")
    sheet(
        _("Indicators"),
        [
            _("Indicator"),
            _("Unit"),
            _("Value"),
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
                r.value,
                r.indicator.target,
                r.share_of_target,
                *(r.split.get(d) for d in directions),
            ]
            for r in board.indicators
        ],
    )
    sheet(
        _("Roll-ups"),
        [_("Indicator"), _("Level"), _("Value"), _("Target"), _("Share of target (%)")],
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
                a.deal.direction,
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
        [[stage, count] for stage, count in board.funnel.total.items()],
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def report_file(mechanism: Mechanism, year: int, language: str, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the report."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(REPORT_FORMATS)}")
    with translation.override(language):
        board = dashboard(mechanism, year, _as_of(year))
        if fmt == "xlsx":
            body = report_xlsx(board)
        else:
            html = report_html(board)
            body = html.encode() if fmt == "html" else report_pdf(html)
    return body, REPORT_FORMATS[fmt], f"{mechanism.code}-report-{year}-{language}.{fmt}"
