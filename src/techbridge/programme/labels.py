"""Labels in the reader's language for the codes the dashboards, CSV tables and the report
show: directions, funnel stages, roll-up levels and meeting records."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DIRECTION_LABELS: dict[str, Promise] = {
    "hk_cq": _("Hong Kong → Chongqing"),
    "cq_hk": _("Chongqing → Hong Kong"),
    "other": _("Other directions"),
}

STAGE_LABELS: dict[str, Promise] = {
    "listings": _("Listings published"),
    "suggestions": _("Suggestions"),
    "interests": _("Expressions of interest"),
    "ndas": _("NDAs in force"),
    "agreements": _("Agreements signed"),
    "transfers": _("Achieved transfers"),
}

LEVEL_LABELS: dict[str, Promise] = {
    "mechanism": _("Whole mechanism"),
    "area": _("Area"),
    "item": _("Cooperation item"),
}

RECORD_LABELS: dict[str, Promise] = {
    "decision": _("Decision"),
    "action": _("Action item"),
}

RAG_LABELS: dict[str, Promise | str] = {
    "red": _("Red"),
    "amber": _("Amber"),
    "green": _("Green"),
    "": "—",
}


def direction_label(code: str) -> str:
    return str(DIRECTION_LABELS.get(code, code))


def stage_label(code: str) -> str:
    return str(STAGE_LABELS.get(code, code))
