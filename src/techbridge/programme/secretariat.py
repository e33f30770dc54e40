"""The secretariat's editing site: the programme's mechanisms and their areas, items,
initiatives, milestones, meetings, indicators and measurements, for members of the
``secretariat`` group (and platform staff).

A separate admin site rather than staff status: secretariat officers edit the programme but
are not platform administrators (who see every confidential listing). Like every secretariat
page it needs a session confirmed with the second factor (``TwoFactorRequiredMiddleware``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.two_factor import SECRETARIAT_GROUP
from techbridge.programme.models import (
    ActionItem,
    CooperationArea,
    CooperationItem,
    Decision,
    Indicator,
    Initiative,
    Measurement,
    Mechanism,
    Meeting,
    Milestone,
)


def is_secretariat(user: Any) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_staff or user.groups.filter(name=SECRETARIAT_GROUP).exists())
    )


class SecretariatSite(admin.AdminSite):
    site_header = _("Conference secretariat")
    site_title = _("Conference secretariat")
    index_title = _("Cooperation programme")

    def has_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)


secretariat_site = SecretariatSite(name="secretariat")


class SecretariatAdmin(admin.ModelAdmin):
    """Everything in this site is the secretariat's to edit; the site checks who that is."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


class SecretariatInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


class MilestoneInline(SecretariatInline):
    model = Milestone
    fields = ["title_en", "title_zh_hant", "title_zh_hans", "due_on", "status", "done_on"]


class DecisionInline(SecretariatInline):
    model = Decision
    fields = ["item", "text_en", "text_zh_hant", "text_zh_hans"]


class ActionItemInline(SecretariatInline):
    model = ActionItem
    fields = [
        "item",
        "description_en",
        "description_zh_hant",
        "description_zh_hans",
        "side",
        "due_on",
        "done_on",
    ]


class MeasurementInline(SecretariatInline):
    model = Measurement
    fields = ["period_start", "period_end", "value", "evidence"]


class AreaInline(SecretariatInline):
    model = CooperationArea
    fields = ["position", "code", "name_en", "name_zh_hant", "name_zh_hans"]


@admin.register(Mechanism, site=secretariat_site)
class MechanismAdmin(SecretariatAdmin):
    list_display = ["code", "name_en", "name_zh_hant", "name_zh_hans", "established_year"]
    fields = [
        "code",
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "partner_city_en",
        "established_year",
    ]
    inlines = [AreaInline]


@admin.register(CooperationArea, site=secretariat_site)
class AreaAdmin(SecretariatAdmin):
    list_display = ["code", "name_en", "name_zh_hant", "name_zh_hans", "mechanism", "position"]
    list_filter = ["mechanism"]
    search_fields = ["code", "name_en", "name_zh_hant", "name_zh_hans"]


@admin.register(CooperationItem, site=secretariat_site)
class ItemAdmin(SecretariatAdmin):
    list_display = ["reference", "title_en", "title_zh_hant", "area", "status", "is_published"]
    list_filter = ["status", "is_published", "area"]


@admin.register(Initiative, site=secretariat_site)
class InitiativeAdmin(SecretariatAdmin):
    list_display = ["title_en", "title_zh_hant", "item", "hk_unit_en", "cq_unit_en", "is_published"]
    list_filter = ["is_published", "item__area"]
    inlines = [MilestoneInline]


@admin.register(Meeting, site=secretariat_site)
class MeetingAdmin(SecretariatAdmin):
    list_display = ["title_en", "kind", "held_on", "mechanism", "is_published"]
    list_filter = ["kind", "is_published"]
    inlines = [DecisionInline, ActionItemInline]


@admin.register(Indicator, site=secretariat_site)
class IndicatorAdmin(SecretariatAdmin):
    list_display = ["code", "name_en", "area", "item", "source", "target", "target_year"]
    list_filter = ["source", "is_published", "area"]
    inlines = [MeasurementInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Who entered each measurement is recorded, not typed.
        for measurement in formset.save(commit=False):
            if measurement.entered_by_id is None:
                measurement.entered_by = request.user
            measurement.save()
        for removed in formset.deleted_objects:
            removed.delete()
