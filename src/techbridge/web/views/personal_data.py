"""The person's own data: read it on a page, download it as JSON, or delete the account."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, cast

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.accounts.choices import MembershipRole, Region
from techbridge.accounts.erasure import (
    account_delete,
    organisations_left_without_administrator,
    personal_data_download,
)
from techbridge.accounts.models import (
    JoinRequest,
    Organisation,
    PersonalDataRequest,
    PrivacyConsent,
    User,
)
from techbridge.accounts.personal_data import FIELD_LABELS, all_sections, personal_data_of
from techbridge.core.errors import ServiceValidationError
from techbridge.core.languages import LANGUAGE_LABELS
from techbridge.facilities.models import BookingStatus, Instrument
from techbridge.notifications.choices import Delivery
from techbridge.notifications.kinds import KINDS
from techbridge.web.base_forms import TextSafeForm, add_service_errors


class AccountDeleteForm(TextSafeForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account cannot be restored."), required=True
    )


# Codes read as words on the page; the download keeps the codes.
NOTIFICATION_KINDS = {key: kind.label for key, kind in KINDS.items()}
CHOICES: dict[str, Any] = {
    "preferred_language": LANGUAGE_LABELS,
    "language": LANGUAGE_LABELS,
    "notifications.kind": NOTIFICATION_KINDS,
    "notification_preferences.kind": NOTIFICATION_KINDS,
    "delivery": dict(Delivery.choices),
    "residence_region": dict(Region.choices),
    "from_region": dict(Region.choices),
    "to_region": dict(Region.choices),
    "role": dict(MembershipRole.choices),
    "digest_frequency": dict(User._meta.get_field("digest_frequency").choices or []),
    "privacy_consents.kind": dict(PrivacyConsent.Kind.choices),
    "personal_data_requests.kind": dict(PersonalDataRequest.Kind.choices),
    "bookings.status": dict(BookingStatus.choices),
    "join_requests.status": dict(JoinRequest.Status.choices),
}


def readable(
    section: str, key: str, value: Any, names: dict[str, dict[Any, str]] | None = None
) -> Any:
    """A value as a person reads it in the active language; ``names`` gives the names of
    records the data refers to by id or short name (instruments, organisations)."""
    named = (names or {}).get(key)
    if named is not None and value in named:
        return named[value]
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = CHOICES.get(f"{section}.{key}") or CHOICES.get(key)
    if choices and value in choices:
        return choices[value]
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return _page(request, AccountDeleteForm())


def _page(request: HttpRequest, form: AccountDeleteForm, status: int = 200) -> HttpResponse:
    user = cast(User, request.user)
    data = personal_data_of(user)
    names = _names_referred_to(data)
    sections = [
        {
            "key": section.key,
            "title": section.title,
            "rows": [
                [
                    (FIELD_LABELS.get(key, key), readable(section.key, key, value, names))
                    for key, value in row.items()
                ]
                for row in data[section.key]
            ],
        }
        for section in all_sections()
    ]
    context: dict[str, Any] = {
        "sections": [section for section in sections if section["rows"]],
        "empty_sections": [section["title"] for section in sections if not section["rows"]],
        "form": form,
        "stranded": organisations_left_without_administrator(user),
    }
    return render(request, "web/my_data.html", context, status=status)


def _names_referred_to(data: dict[str, list[dict[str, Any]]]) -> dict[str, dict[Any, str]]:
    """Names, in the active language, of the instruments and organisations the person's data
    refers to: the page shows "600 MHz NMR spectrometer", the download keeps the id."""
    instrument_ids: set[Any] = set()
    slugs: set[Any] = set()
    for rows in data.values():
        for row in rows:
            if row.get("instrument_id") is not None:
                instrument_ids.add(row["instrument_id"])
            if row.get("organisation__slug"):
                slugs.add(row["organisation__slug"])
    return {
        "instrument_id": {i.pk: i.name for i in Instrument.objects.filter(pk__in=instrument_ids)},
        "organisation__slug": {o.slug: o.name for o in Organisation.objects.filter(slug__in=slugs)},
    }


@login_required
@require_POST
def my_data_download(request: HttpRequest) -> HttpResponse:
    exported = personal_data_download(actor=request.user)
    body = json.dumps(exported, ensure_ascii=False, indent=2, sort_keys=True, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="techbridge-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def my_account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST)
    if form.is_valid():
        try:
            account_delete(actor=request.user, password=form.cleaned_data["password"])
        except ServiceValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            return redirect("web:account_deleted")
    return _page(request, form, status=400)


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "web/account_deleted.html")
