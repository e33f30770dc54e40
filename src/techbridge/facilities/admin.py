"""Administration of instruments and their fees."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from techbridge.facilities.models import Booking, Instrument, InstrumentFee


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


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only: bookings change through the booking services, which the database backs."""

    list_display = ("instrument", "starts_at", "ends_at", "requester", "status")
    list_filter = ("status", "instrument__organisation")
    search_fields = ("instrument__name_en", "instrument__name_zh_hans", "requester__email")
    date_hierarchy = "starts_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
