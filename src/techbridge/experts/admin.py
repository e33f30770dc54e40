"""Expert profiles and their history in the administration site (read-only: profiles are
written by their institutions' members through the services, which record each change)."""

from __future__ import annotations

from django.contrib import admin

from techbridge.experts.models import ExpertEvent, ExpertProfile
from techbridge.pipeline.admin import ReadOnlyAdmin


@admin.register(ExpertProfile)
class ExpertProfileAdmin(ReadOnlyAdmin):
    list_display = [
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "institution",
        "orcid",
        "is_published",
    ]
    list_filter = ["is_published", "institution__region"]
    search_fields = ["name_en", "name_zh_hant", "name_zh_hans", "orcid"]


@admin.register(ExpertEvent)
class ExpertEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "verb", "actor"]
