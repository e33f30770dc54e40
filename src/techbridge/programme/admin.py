"""Administration of mechanisms, areas and cooperation items."""

from __future__ import annotations

from django.contrib import admin

from techbridge.programme.models import CooperationArea, CooperationItem, Mechanism

NAME_SEARCH = ["code", "name_en", "name_zh_hant", "name_zh_hans"]


class CooperationAreaInline(admin.TabularInline):
    model = CooperationArea
    extra = 0
    fields = ["position", "code", "name_en", "name_zh_hant", "name_zh_hans"]


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "established_year",
        "is_primary",
    ]
    list_filter = ["is_primary"]
    search_fields = NAME_SEARCH
    inlines = [CooperationAreaInline]


@admin.register(CooperationArea)
class CooperationAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh_hant", "name_zh_hans", "mechanism", "position"]
    list_filter = ["mechanism"]
    search_fields = NAME_SEARCH
    list_select_related = ["mechanism"]


@admin.register(CooperationItem)
class CooperationItemAdmin(admin.ModelAdmin):
    list_display = ["reference", "title_en", "title_zh_hant", "area", "status", "is_published"]
    list_filter = ["status", "is_published", "area"]
    search_fields = ["reference", "title_en", "title_zh_hant", "title_zh_hans"]
    list_select_related = ["area"]
