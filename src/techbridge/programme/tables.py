"""The dashboards' tables as rows for CSV downloads: headers and coded values in the reader's
language (the active one), numbers and ISO dates as they are, so a spreadsheet can sum them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from techbridge.programme.dashboard import Dashboard, IndicatorRow
from techbridge.programme.labels import LEVEL_LABELS, RAG_LABELS, RECORD_LABELS, direction_label
from techbridge.programme.labels import stage_label as _stage
from techbridge.programme.models import Milestone

Table = tuple[list[str], list[list[Any]]]
DIRECTIONS = ("hk_cq", "cq_hk", "other")
TABLES = ("indicators", "areas", "milestones", "rollups", "meetings", "funnel")
AREA_TABLES = ("indicators", "milestones")


def pgettext_value() -> str:
    return pgettext("indicator value", "Value")


def _blank(value: Any) -> Any:
    return "" if value is None else value


def indicators_table(rows: Iterable[IndicatorRow]) -> Table:
    header = [
        _("Code"),
        _("Indicator"),
        _("Area"),
        _("Cooperation item"),
        _("Unit"),
        _("Baseline"),
        pgettext_value(),
        _("Target"),
        _("Target year"),
        _("Share of target (%)"),
        *(direction_label(d) for d in DIRECTIONS),
    ]
    body = [
        [
            r.indicator.code,
            r.indicator.name,
            r.indicator.area.name if r.indicator.area else "",
            r.indicator.item.reference if r.indicator.item else "",
            r.indicator.unit,
            r.indicator.baseline,
            _blank(r.value),
            r.indicator.target,
            r.indicator.target_year,
            _blank(r.share_of_target),
            *(r.split.get(d, "") for d in DIRECTIONS),
        ]
        for r in rows
    ]
    return header, body


def milestones_table(milestones: Iterable[Milestone], board: Dashboard) -> Table:
    header = [
        _("Area"),
        _("Cooperation item"),
        _("Initiative"),
        _("Milestone"),
        _("Due on"),
        _("Status"),
        _("Red / amber / green"),
    ]
    body = [
        [
            m.initiative.item.area.name,
            m.initiative.item.reference,
            m.initiative.title,
            m.title,
            m.due_on.isoformat(),
            m.get_status_display(),
            str(RAG_LABELS[m.rag(board.today)]),
        ]
        for m in milestones
    ]
    return header, body


def dashboard_table(board: Dashboard, table: str) -> Table:
    """One of ``TABLES`` for the whole mechanism."""
    if table == "indicators":
        return indicators_table(board.indicators)
    if table == "milestones":
        return milestones_table([*board.overdue, *board.due_soon], board)
    if table == "areas":
        header = [
            _("Area"),
            _("Cooperation items"),
            _("Initiatives"),
            _("Listings published"),
            _("Achieved transfers"),
            _("Overdue milestones"),
            _("Milestones due within 30 days"),
        ]
        return header, [
            [c.area.name, c.items, c.initiatives, c.listings, c.transfers, c.overdue, c.due_soon]
            for c in board.cards
        ]
    if table == "rollups":
        header = [
            _("Code"),
            _("Indicator"),
            _("Level"),
            _("Name"),
            pgettext_value(),
            _("Target"),
            _("Share of target (%)"),
        ]
        return header, [
            [
                t.code,
                t.name,
                str(LEVEL_LABELS[r.level]),
                r.label,
                _blank(r.value),
                _blank(r.target),
                _blank(r.share_of_target),
            ]
            for t in board.rollups
            for r in t.rows
        ]
    if table == "meetings":
        header = [
            _("Held on"),
            _("Meeting"),
            _("Kind"),
            _("Record"),
            _("Cooperation item"),
            _("Text"),
            _("Responsible side"),
            _("Due on"),
            _("Done on"),
        ]
        rows: list[list[Any]] = []
        for m in board.meetings:
            common = [m.held_on.isoformat(), m.title, m.get_kind_display()]
            rows += [
                [
                    *common,
                    str(RECORD_LABELS["decision"]),
                    d.item.reference if d.item else "",
                    d.text,
                    "",
                    "",
                    "",
                ]
                for d in m.decisions.all()
            ]
        for m in board.meetings:
            common = [m.held_on.isoformat(), m.title, m.get_kind_display()]
            rows += [
                [
                    *common,
                    str(RECORD_LABELS["action"]),
                    a.item.reference if a.item else "",
                    a.description,
                    a.get_side_display(),
                    a.due_on.isoformat(),
                    a.done_on.isoformat() if a.done_on else "",
                ]
                for a in m.action_items.all()
            ]
        return header, rows
    if table == "funnel":
        header = [_("Stage"), _("Total"), *(direction_label(d) for d in DIRECTIONS)]
        return header, [
            [
                _stage(stage),
                count,
                *(board.funnel.by_direction[d].get(stage, "") for d in DIRECTIONS),
            ]
            for stage, count in board.funnel.total.items()
        ]
    raise KeyError(table)
