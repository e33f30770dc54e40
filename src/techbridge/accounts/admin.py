"""Administration of users, organisations and memberships."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from techbridge.accounts import throttle
from techbridge.accounts.models import Membership, Organisation, PersonalDataRequest, User
from techbridge.accounts.services import organisation_set_verified
from techbridge.matching.upkeep import organisation_search_changed


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "residence_region",
        "preferred_language",
        "is_staff",
        "is_active",
    ]
    # Personal data by region of residence: which law protects it first (PDPO, PIPL).
    list_filter = [
        "residence_region",
        "is_staff",
        "is_superuser",
        "is_active",
        "preferred_language",
        ("erased_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "full_name"]
    readonly_fields = ["erased_at"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Personal info"),
            {"fields": ("full_name", "preferred_language", "residence_region", "erased_at")},
        ),
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


def throttled_login(site: admin.AdminSite) -> Callable[[HttpRequest], HttpResponse]:
    """``site``'s log-in page under the platform's lockout: the same count of failures per
    account as the platform's own log-in page, so that neither is a password oracle once the
    other is locked. A failure is counted before the password is checked (in one atomic step
    with the limit check, as on the platform's page); a success forgives earlier failures."""

    @never_cache
    @sensitive_post_parameters()
    def login(request: HttpRequest) -> HttpResponse:
        email = request.POST.get("username", "") if request.method == "POST" else ""
        if email:
            address = request.META.get("REMOTE_ADDR") or None
            wait = throttle.attempt(throttle.LOGIN, email, address)
            if wait is not None:
                return _login_refused(site, request, email, wait)
        response = site.login(request)
        user: Any = request.user
        if (
            email
            and response.status_code == 302
            and user.is_authenticated
            and throttle.account_key(user.email) == throttle.account_key(email)
        ):
            throttle.clear(throttle.LOGIN, user.email)
        return response

    return login


def _login_refused(site: admin.AdminSite, request: HttpRequest, email: str, wait: int) -> Any:
    """The site's log-in form again, with the platform's refusal and ``Retry-After``."""
    form_class = site.login_form or AdminAuthenticationForm
    # Unbound (the refused password is not checked, nor shown as wrong): the refusal is its
    # only error; add_error needs the cleaned data an unbound form never gets.
    form = form_class(request, initial={"username": email})
    form.cleaned_data = {}
    form.add_error(None, throttle.refusal_message(wait))
    context = {
        **site.each_context(request),
        "title": gettext("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "form": form,
        REDIRECT_FIELD_NAME: request.POST.get(REDIRECT_FIELD_NAME, ""),
    }
    request.current_app = site.name
    response = TemplateResponse(
        request, site.login_template or "admin/login.html", context, status=429
    )
    response["Retry-After"] = str(wait)
    return response


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(admin.ModelAdmin):
    """The record of downloads and erasures carried out: read only."""

    list_display = ["at", "kind", "user_id_number"]
    list_filter = ["kind"]
    search_fields = ["user_id_number"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
