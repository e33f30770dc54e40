"""Match suggestions and saved searches in the administration site (read-only)."""

from __future__ import annotations

from django.contrib import admin

from techbridge.matching.models import SavedSearch, Suggestion
from techbridge.pipeline.admin import ReadOnlyAdmin


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ["source", "candidate", "label", "score", "refreshed_at"]
    list_filter = ["label"]


@admin.register(SavedSearch)
class SavedSearchAdmin(ReadOnlyAdmin):
    list_display = ["user", "query", "created_at", "checked_at"]
