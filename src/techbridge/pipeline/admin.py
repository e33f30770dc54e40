"""Deals in the administration site: read-only. Deals move only through their services (so
that every change is in the hash-chained history); the platform team looks, it does not act."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from techbridge.pipeline.models import NDA, Agreement, Deal, DealEvent, NDATemplate


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DealEventInline(admin.TabularInline):
    model = DealEvent
    fields = ["seq", "occurred_at", "actor", "organisation", "verb", "hash"]
    readonly_fields = ("seq", "occurred_at", "actor", "organisation", "verb", "hash")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Deal)
class DealAdmin(ReadOnlyAdmin):
    list_display = ["pk", "listing", "owner", "counterparty", "stage", "outcome", "created_at"]
    list_filter = ["stage", "outcome", "provider_region", "recipient_region"]
    search_fields = ["listing__reference", "owner__name_en", "counterparty__name_en"]
    inlines = [DealEventInline]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["deal", "deal_type", "signed_on", "value", "currency", "registration_required"]
    list_filter = ["deal_type", "registration_required"]


@admin.register(NDA)
class NDAAdmin(ReadOnlyAdmin):
    list_display = ["deal", "kind", "template", "in_force_at"]


@admin.register(NDATemplate)
class NDATemplateAdmin(ReadOnlyAdmin):
    list_display = ["version", "published_at"]
