"""Administration of instruments and their fees."""

from __future__ import annotations

from django.contrib import admin

from techbridge.facilities.models import Instrument, InstrumentFee


class InstrumentFeeInline(admin.TabularInline):
    model = InstrumentFee
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = [
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "organisation",
        "category",
        "requires_approval",
        "is_active",
    ]
    list_filter = [
        "category",
        "requires_training",
        "requires_approval",
        "is_active",
        "organisation__region",
    ]
    search_fields = [
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "manufacturer",
        "model_name",
        "organisation__name_en",
    ]
    autocomplete_fields = ["organisation", "listing"]
    list_select_related = ["organisation"]
    inlines = [InstrumentFeeInline]


@admin.register(InstrumentFee)
class InstrumentFeeAdmin(admin.ModelAdmin):
    list_display = ["instrument", "user_category", "hourly_rate", "currency"]
    list_filter = ["user_category", "currency"]
    search_fields = ["instrument__name_en", "instrument__name_zh_hant", "instrument__name_zh_hans"]
    list_select_related = ["instrument"]
