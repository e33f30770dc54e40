"""The Conference's dashboards (public, published records only), their tables as CSV, and
the annual report for the secretariat."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techbridge.accounts.two_factor import SECRETARIAT_GROUP
from techbridge.programme.charts import bars_against_target, funnel_chart
from techbridge.programme.dashboard import Dashboard, dashboard
from techbridge.programme.models import CooperationArea, Initiative, Mechanism
from techbridge.programme.report import REPORT_FORMATS, report_file

MIN_YEAR = 2000


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    if raw.isdigit() and MIN_YEAR <= int(raw) <= this_year:
        return int(raw)
    return this_year


def funnel_stages(board: Dashboard) -> list[tuple[str, int]]:
    labels = (
        _("Listings published"),
        _("Suggestions"),
        _("Expressions of interest"),
        _("NDAs in force"),
        _("Agreements signed"),
        _("Achieved transfers"),
    )
    return list(zip(labels, board.funnel.total.values(), strict=True))


def charts_for(board: Dashboard) -> dict[int, Any]:
    return {
        row.indicator.pk: bars_against_target(
            row.indicator.name,
            [(period.label, value) for period, value in row.trend],
            row.indicator.target if row.indicator.target_year >= board.year else None,
            _("target"),
        )
        for row in board.indicators
    }


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


def programme_area(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(CooperationArea, mechanism__is_primary=True, code=code)
    initiatives = (
        Initiative.objects.filter(item__area=area, item__is_published=True, is_published=True)
        .select_related("item")
        .prefetch_related("milestones")
        .order_by("item__reference", "pk")
    )
    board = dashboard(area.mechanism, _year(request), timezone.localdate())
    rows = [row for row in board.indicators if row.indicator.area_id == area.pk]
    context = {
        "area": area,
        "initiatives": initiatives,
        "today": timezone.localdate(),
        "rows": rows,
        "charts": charts_for(board),
        "board": board,
    }
    return render(request, "web/programme_area.html", context)


def programme_table(request: HttpRequest, table: str) -> HttpResponse:
    """Every dashboard table as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese)."""
    mechanism = get_object_or_404(Mechanism, is_primary=True)
    board = dashboard(mechanism, _year(request), timezone.localdate())
    rows: list[list[Any]]
    if table == "indicators":
        header = [
            "code",
            "name",
            "area",
            "item",
            "unit",
            "value",
            "target",
            "target_year",
            "share_%",
            "hk_cq",
            "cq_hk",
            "other",
        ]
        rows = [
            [
                r.indicator.code,
                r.indicator.name,
                r.indicator.area.code if r.indicator.area else "",
                r.indicator.item.reference if r.indicator.item else "",
                r.indicator.unit,
                "" if r.value is None else r.value,
                r.indicator.target,
                r.indicator.target_year,
                "" if r.share_of_target is None else r.share_of_target,
                *(r.split.get(d, "") for d in ("hk_cq", "cq_hk", "other")),
            ]
            for r in board.indicators
        ]
    elif table == "areas":
        header = ["area", "items", "initiatives", "listings", "transfers", "overdue", "due_soon"]
        rows = [
            [c.area.name, c.items, c.initiatives, c.listings, c.transfers, c.overdue, c.due_soon]
            for c in board.cards
        ]
    elif table == "milestones":
        header = ["area", "item", "initiative", "milestone", "due_on", "status", "rag"]
        rows = [
            [
                m.initiative.item.area.name,
                m.initiative.item.reference,
                m.initiative.title,
                m.title,
                m.due_on.isoformat(),
                m.status,
                m.rag(board.today),
            ]
            for m in [*board.overdue, *board.due_soon]
        ]
    elif table == "rollups":
        header = ["code", "level", "label", "value", "target", "share_%"]
        rows = [
            [
                t.code,
                r.level,
                r.label,
                "" if r.value is None else r.value,
                "" if r.target is None else r.target,
                "" if r.share_of_target is None else r.share_of_target,
            ]
            for t in board.rollups
            for r in t.rows
        ]
    elif table == "meetings":
        header = [
            "held_on",
            "meeting",
            "kind",
            "record",
            "item",
            "text",
            "side",
            "due_on",
            "done_on",
        ]
        rows = [
            [
                m.held_on.isoformat(),
                m.title,
                m.kind,
                "decision",
                d.item.reference if d.item else "",
                d.text,
                "",
                "",
                "",
            ]
            for m in board.meetings
            for d in m.decisions.all()
        ] + [
            [
                m.held_on.isoformat(),
                m.title,
                m.kind,
                "action",
                a.item.reference if a.item else "",
                a.description,
                a.side,
                a.due_on.isoformat(),
                a.done_on.isoformat() if a.done_on else "",
            ]
            for m in board.meetings
            for a in m.action_items.all()
        ]
    elif table == "funnel":
        header = ["stage", "total", "hk_cq", "cq_hk", "other"]
        rows = [
            [
                stage,
                count,
                *(board.funnel.by_direction[d].get(stage, "") for d in ("hk_cq", "cq_hk", "other")),
            ]
            for stage, count in board.funnel.total.items()
        ]
    else:
        raise Http404
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="programme-{table}-{board.year}.csv"'
    return response


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
