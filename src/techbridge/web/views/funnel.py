"""The transfer funnel: an organisation's own (listings and deals of the reader's
organisations) and the secretariat's aggregate over the whole platform."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from techbridge.accounts.models import Membership
from techbridge.accounts.two_factor import SECRETARIAT_GROUP
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.pipeline.funnel import DEAL_STAGES, DIRECTIONS, STAGES, funnel
from techbridge.pipeline.roles import deals_of
from techbridge.programme.models import CooperationArea


def _render(request: HttpRequest, result: Any, scope: str) -> HttpResponse:
    areas = {
        area.code: area
        for area in CooperationArea.objects.filter(mechanism__is_primary=True).order_by("position")
    }
    area_rows = [
        (areas[code], [result.by_area.get(code, {}).get(stage, 0) for stage in STAGES])
        for code in areas
        if code in result.by_area
    ]
    direction_rows = [
        (direction, [result.by_direction[direction].get(stage, "") for stage in STAGES])
        for direction in DIRECTIONS
    ]

    # Median days per stage: over all deals, per direction, per area ("" where no deal of
    # the row spent time in the stage).
    def days(medians: dict[str, float]) -> list[float | str]:
        return [medians.get(stage, "") for stage in DEAL_STAGES]

    context = {
        "scope": scope,
        "total": [result.total[stage] for stage in STAGES],
        "area_rows": area_rows,
        "direction_rows": direction_rows,
        "has_durations": bool(result.median_days_in_stage),
        "duration_total": days(result.median_days_in_stage),
        "duration_direction_rows": [
            (direction, days(result.median_days_by_direction[direction]))
            for direction in DIRECTIONS
        ],
        "duration_area_rows": [
            (areas[code], days(result.median_days_by_area[code]))
            for code in areas
            if code in result.median_days_by_area
        ],
    }
    return render(request, "web/funnel.html", context)


@login_required
def my_funnel(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    organisations = Membership.objects.filter(user=user, role__in=EDITOR_ROLES).values(
        "organisation_id"
    )
    result = funnel(
        listings=Listing.objects.filter(owner_id__in=organisations), deals=deals_of(request.user)
    )
    return _render(request, result, "mine")


@login_required
def secretariat_funnel(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not (user.is_staff or user.groups.filter(name=SECRETARIAT_GROUP).exists()):
        raise PermissionDenied
    return _render(request, funnel(), "all")
