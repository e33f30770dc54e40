"""The Conference's dashboards (public, published records only), their tables as CSV, and
the annual report for the secretariat."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techbridge.accounts.two_factor import SECRETARIAT_GROUP
from techbridge.programme.charts import bars_against_target, funnel_chart
from techbridge.programme.dashboard import Dashboard, IndicatorRow, dashboard
from techbridge.programme.indicators import periods_of
from techbridge.programme.labels import stage_label
from techbridge.programme.models import (
    CooperationArea,
    Indicator,
    Initiative,
    Mechanism,
    Milestone,
)
from techbridge.programme.report import REPORT_FORMATS, report_file
from techbridge.programme.tables import (
    AREA_TABLES,
    TABLES,
    dashboard_table,
    indicators_table,
    milestones_table,
)

MIN_YEAR = 2000


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    if raw.isdigit() and MIN_YEAR <= int(raw) <= this_year:
        return int(raw)
    return this_year


def funnel_stages(board: Dashboard) -> list[tuple[str, int]]:
    return [(stage_label(stage), count) for stage, count in board.funnel.total.items()]


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


def programme_dashboard(request: HttpRequest) -> HttpResponse:
    mechanism = get_object_or_404(Mechanism, is_primary=True)
    board = dashboard(mechanism, _year(request), timezone.localdate())
    context = {
        "board": board,
        "charts": charts_for(board),
        "funnel_svg": funnel_chart(_("Transfer funnel"), funnel_stages(board)),
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
        "can_report": _is_secretariat(request.user),
    }
    return render(request, "web/programme.html", context)


def _area_initiatives(area: CooperationArea) -> list[Initiative]:
    return list(
        Initiative.objects.filter(item__area=area, item__is_published=True, is_published=True)
        .select_related("item__area")
        .prefetch_related(
            Prefetch(
                "milestones",
                Milestone.objects.select_related("initiative__item__area").order_by("due_on"),
            )
        )
        .order_by("item__reference", "pk")
    )


def _area_rows(board: Dashboard, area: CooperationArea) -> list[IndicatorRow]:
    return [row for row in board.indicators if row.indicator.area_id == area.pk]


def programme_area(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(CooperationArea, mechanism__is_primary=True, code=code)
    initiatives = _area_initiatives(area)
    board = dashboard(area.mechanism, _year(request), timezone.localdate())
    rows = _area_rows(board, area)
    context = {
        "area": area,
        "initiatives": initiatives,
        "today": timezone.localdate(),
        "rows": rows,
        "charts": charts_for(board),
        "board": board,
    }
    return render(request, "web/programme_area.html", context)


def _csv(header: list[str], rows: list[list[Any]], filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def programme_table(request: HttpRequest, table: str) -> HttpResponse:
    """Every dashboard table as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese),
    headers and coded values in the page's language."""
    if table not in TABLES:
        raise Http404
    mechanism = get_object_or_404(Mechanism, is_primary=True)
    board = dashboard(mechanism, _year(request), timezone.localdate())
    header, rows = dashboard_table(board, table)
    return _csv(header, rows, f"programme-{table}-{board.year}.csv")


def programme_area_table(request: HttpRequest, code: str, table: str) -> HttpResponse:
    """The area page's tables as CSV: its indicators and its initiatives' milestones."""
    if table not in AREA_TABLES:
        raise Http404
    area = get_object_or_404(CooperationArea, mechanism__is_primary=True, code=code)
    board = dashboard(area.mechanism, _year(request), timezone.localdate())
    if table == "indicators":
        header, rows = indicators_table(_area_rows(board, area))
    else:
        milestones = [m for i in _area_initiatives(area) for m in i.milestones.all()]
        header, rows = milestones_table(milestones, board)
    return _csv(header, rows, f"programme-{area.code}-{table}-{board.year}.csv")


def _is_secretariat(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_staff or user.groups.filter(name=SECRETARIAT_GROUP).exists())
    )


def programme_report(request: HttpRequest) -> HttpResponse:
    """The annual report in the page's language: HTML, PDF or XLSX (secretariat only: it
    lists the achieved transfers with their parties)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not _is_secretariat(request.user):
        raise PermissionDenied
    fmt = request.GET.get("format", "html")
    if fmt not in REPORT_FORMATS:
        raise Http404
    mechanism = get_object_or_404(Mechanism, is_primary=True)
    year = _year(request)
    body, content_type, filename = report_file(mechanism, year, get_language() or "en", fmt)
    response = HttpResponse(body, content_type=content_type)
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
