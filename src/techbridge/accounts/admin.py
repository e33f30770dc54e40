"""Administration of users, organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from techbridge.accounts.models import Membership, Organisation, User
from techbridge.accounts.services import organisation_set_verified
from techbridge.matching.upkeep import organisation_search_changed


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "preferred_language", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "preferred_language", "password1", "password2"),
            },
        ),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "slug",
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "org_type",
        "region",
        "is_verified",
        "is_reference",
        "is_demo",
    ]
    list_filter = ["org_type", "region", "size_band", "is_verified", "is_reference", "is_demo"]
    search_fields = ["slug", "name_en", "name_zh_hant", "name_zh_hans"]
    readonly_fields = ["is_verified", "verified_at", "verified_by", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [MembershipInline]
    actions = ["verify", "withdraw_verification"]

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Names, region and type show in search results and filter them: every node's
        # index takes the change from the log (the admin saves in one transaction).
        if change and form.changed_data:
            organisation_search_changed(obj)

    @admin.action(description=_("Verify selected organisations"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        self._set_verified(request, queryset, verified=True)

    @admin.action(description=_("Withdraw verification of selected organisations"))
    def withdraw_verification(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        self._set_verified(request, queryset, verified=False)

    def _set_verified(
        self, request: HttpRequest, queryset: QuerySet[Organisation], *, verified: bool
    ) -> None:
        changed = sum(
            organisation_set_verified(actor=request.user, organisation=org, verified=verified)
            for org in queryset
        )
        self.message_user(
            request,
            ngettext("%(count)d organisation changed.", "%(count)d organisations changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation__region"]
    search_fields = [
        "user__email",
        "organisation__name_en",
        "organisation__name_zh_hant",
        "organisation__name_zh_hans",
    ]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
