"""The pipeline in the administration site: NDA templates only, read-only.

A deal, its agreement and its NDA are seen by its two parties alone (and by the secretariat as
aggregate figures, never one deal's metadata), so they are not registered here at all."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from techbridge.pipeline.models import NDATemplate


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NDATemplate)
class NDATemplateAdmin(ReadOnlyAdmin):
    list_display = ["version", "published_at"]
