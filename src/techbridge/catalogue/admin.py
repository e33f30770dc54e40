"""Administration of the catalogue.

Listings change only through the services (so every change leaves an event): the admin shows
them read-only and offers the review workflow as actions. Reference vocabularies are edited
directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from techbridge.catalogue import services
from techbridge.catalogue.models import (
    IPRight,
    IPRightOwner,
    Listing,
    ListingEvent,
    ListingText,
    PartnershipTypeRef,
    Sector,
    TRLLevel,
)
from techbridge.core.bounds import TextSafetyValidator

NAME_SEARCH = ["code", "name_en", "name_zh_hant", "name_zh_hans"]


class TextSafeAdminMixin:
    """Every text field the admin edits refuses control characters, as the pages and the API
    do (``core.bounds``): a text area keeps tabs and line breaks, a one-line field does not."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if isinstance(formfield, forms.CharField) and not any(
            isinstance(validator, TextSafetyValidator) for validator in formfield.validators
        ):
            multiline = isinstance(formfield.widget, forms.Textarea)
            formfield.validators.append(TextSafetyValidator(multiline=multiline))
        return formfield


class ReadOnlyMixin:
    """Rows here are written by services only."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ListingTextInline(ReadOnlyMixin, admin.StackedInline):
    model = ListingText
    extra = 0
    fields = [
        "language",
        "origin",
        "source_language",
        "title",
        "summary",
        "description",
        "advantages",
        "requirements",
        "reviewed_at",
    ]


class IPRightInline(ReadOnlyMixin, admin.TabularInline):
    model = IPRight
    extra = 0
    fields = ["right_type", "number", "territory", "status", "filed_on", "granted_on"]


class ListingEventInline(ReadOnlyMixin, admin.TabularInline):
    model = ListingEvent
    extra = 0
    fields = ["occurred_at", "actor", "verb", "changes"]


def _workflow_action(
    service: Callable[..., Any], description: Any, **service_kwargs: Any
) -> Callable[..., None]:
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        done, refused = 0, []
        for listing in queryset:
            try:
                service(actor=request.user, listing=listing, **service_kwargs)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"{listing.reference}: {'; '.join(_messages_of(error))}")
        if done:
            modeladmin.message_user(
                request,
                ngettext("%(count)d listing changed.", "%(count)d listings changed.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        for line in refused:
            modeladmin.message_user(request, line, messages.ERROR)

    action.__name__ = f"action_{service.__name__}"
    return admin.action(description=description)(action)


def _messages_of(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return [str(message) for message in error.messages]
    return [str(error)]


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "kind",
        "status",
        "owner",
        "original_language",
        "trl",
        "expires_at",
        "is_demo",
    ]
    list_filter = [
        "status",
        "kind",
        "original_language",
        "owner__region",
        "areas",
        "ip_status",
        "partnership_types",
        "teaser_tier",
        "detail_tier",
        "is_anonymous",
        "is_demo",
    ]
    search_fields = [
        "reference",
        "external_ref",
        "texts__title",
        "owner__name_en",
        "owner__name_zh_hant",
        "owner__name_zh_hans",
    ]
    list_select_related = ["owner", "trl"]
    date_hierarchy = "created_at"
    inlines = [ListingTextInline, IPRightInline, ListingEventInline]
    actions = [
        _workflow_action(services.listing_publish, _("Publish selected listings")),
        _workflow_action(services.listing_put_on_hold, _("Put selected listings on hold")),
        _workflow_action(services.listing_resume, _("Resume selected listings")),
        _workflow_action(services.listing_renew, _("Renew selected listings for a year")),
        _workflow_action(services.listing_archive, _("Archive selected listings")),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Listing]:
        return super().get_queryset(request).prefetch_related("texts").distinct()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in Listing._meta.get_fields() if field.concrete]

    @admin.display(description=_("title"))
    def title(self, obj: Listing) -> str:
        return obj.title


@admin.register(ListingEvent)
class ListingEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["occurred_at", "listing", "verb", "actor"]
    list_filter = ["verb"]
    search_fields = ["listing__reference", "actor__email"]
    list_select_related = ["listing", "actor"]
    date_hierarchy = "occurred_at"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)


class IPRightOwnerInline(ReadOnlyMixin, admin.TabularInline):
    model = IPRightOwner
    extra = 0


@admin.register(IPRight)
class IPRightAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["number", "right_type", "territory", "status", "listing"]
    list_filter = ["right_type", "territory", "status"]
    search_fields = ["number", "listing__reference", "owners__name"]
    list_select_related = ["listing"]
    inlines = [IPRightOwnerInline]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)


@admin.register(Sector)
class SectorAdmin(TextSafeAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh_hant", "name_zh_hans"]
    search_fields = NAME_SEARCH


@admin.register(PartnershipTypeRef)
class PartnershipTypeAdmin(TextSafeAdminMixin, admin.ModelAdmin):
    list_display = ["code", "position"]
    search_fields = ["code"]


@admin.register(TRLLevel)
class TRLLevelAdmin(TextSafeAdminMixin, admin.ModelAdmin):
    list_display = [
        "level",
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "een_stage",
        "maturity_stage",
    ]
    list_filter = ["een_stage", "maturity_stage"]
    search_fields = ["name_en", "name_zh_hant", "name_zh_hans"]
