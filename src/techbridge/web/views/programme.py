"""The Conference's dashboards (public, published records only), their tables as CSV, and
the annual report for the secretariat."""

from __future__ import annotations

import csv
import io
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from techbridge.accounts.two_factor import SECRETARIAT_GROUP
from techbridge.core.errors import ServiceValidationError
from techbridge.programme.board_charts import charts_for, funnel_steps, funnel_svg
from techbridge.programme.dashboard import Dashboard, IndicatorRow, dashboard
from techbridge.programme.models import (
    CooperationArea,
    Initiative,
    Mechanism,
    Milestone,
    ReportJob,
)
from techbridge.programme.report import REPORT_FORMATS, report_file, require_report_font
from techbridge.programme.report_jobs import (
    report_job_create,
    report_job_file_name,
    report_job_open,
)
from techbridge.programme.tables import (
    AREA_TABLES,
    TABLES,
    dashboard_table,
    indicators_table,
    milestones_table,
)

MIN_YEAR = 2000


def _year(request: HttpRequest) -> int:
    return _year_of(request.GET.get("year", ""))


def programme_dashboard(request: HttpRequest) -> HttpResponse:
    mechanism = get_object_or_404(Mechanism, is_primary=True)
    board = dashboard(mechanism, _year(request), timezone.localdate())
    context = {
        "board": board,
        "charts": charts_for(board),
        "funnel_svg": funnel_svg(board),
        "funnel_steps": funnel_steps(board),
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


def programme_report(request: HttpRequest) -> HttpResponseBase:
    """The annual report in the page's language: HTML, PDF or XLSX (secretariat only: it
    lists the achieved transfers with their parties). HTML and XLSX are made here; the PDF
    takes long enough to print that the worker makes it: asking for it offers the button
    that queues it, ``?job=<id>`` shows its progress, then the download."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not _is_secretariat(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return _report_job_start(request)
    if request.GET.get("job"):
        return _report_job_page(request)
    fmt = request.GET.get("format", "html")
    if fmt not in REPORT_FORMATS:
        raise Http404
    mechanism = get_object_or_404(Mechanism, is_primary=True)
    year = _year(request)
    language = get_language() or "en"
    try:
        if fmt == "pdf":
            with translation.override(language):
                require_report_font()
            return render(request, "web/programme_report_pdf.html", {"year": year})
        body, content_type, filename = report_file(mechanism, year, language, fmt)
    except ServiceValidationError as error:
        return _report_refused(request, year, fmt, error)
    response = HttpResponse(body, content_type=content_type)
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report_refused(
    request: HttpRequest, year: int, fmt: str, error: ServiceValidationError
) -> HttpResponse:
    """The server cannot make this format (no Chinese font, no Pango): say so in the
    reader's language and offer the other formats; nothing is sent as a file."""
    context = {"year": year, "messages_": error.messages, "format": fmt}
    return render(request, "web/programme_report_refused.html", context, status=503)


def _report_job_start(request: HttpRequest) -> HttpResponse:
    mechanism = get_object_or_404(Mechanism, is_primary=True)
    year = _year_of(request.POST.get("year", ""))
    try:
        job = report_job_create(
            actor=request.user, mechanism=mechanism, year=year, language=get_language() or "en"
        )
    except ServiceValidationError as error:
        return _report_refused(request, year, "pdf", error)
    return redirect(f"{reverse('web:programme_report')}?job={job.pk}")


def _report_job_page(request: HttpRequest) -> HttpResponseBase:
    """The asker's own job only (anyone else's is not found): its progress, polled by htmx
    for the fragment alone, or its PDF with ``&download=1`` once made."""
    raw = request.GET.get("job", "")
    if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
        raise Http404
    job = (
        ReportJob.objects.select_related("mechanism")
        .filter(pk=int(raw), requested_by=cast(Any, request.user))
        .first()
    )
    if job is None:
        raise Http404
    if request.GET.get("download"):
        if job.status != ReportJob.Status.DONE:
            raise Http404
        return FileResponse(
            report_job_open(job),
            as_attachment=True,
            filename=report_job_file_name(job),
            content_type=REPORT_FORMATS["pdf"],
        )
    context = {"job": job, "year": job.year}
    template = "web/_report_progress.html" if getattr(request, "htmx", False) else None
    response = render(request, template or "web/programme_report_job.html", context)
    patch_vary_headers(response, ("HX-Request",))
    patch_cache_control(response, no_store=True)  # progress is never read from a cache
    return response


def _year_of(raw: str) -> int:
    this_year = timezone.localdate().year
    if raw.isascii() and raw.isdigit() and len(raw) <= 4 and MIN_YEAR <= int(raw) <= this_year:
        return int(raw)
    return this_year
