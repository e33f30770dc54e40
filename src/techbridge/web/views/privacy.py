"""The privacy notice and the consent page asked at log-in after a new notice version."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from techbridge.accounts.models import User
from techbridge.accounts.privacy import current_notice_version, privacy_consent_record
from techbridge.core.errors import ServiceValidationError
from techbridge.web.account_forms import PrivacyConsentForm
from techbridge.web.base_forms import add_service_errors
from techbridge.web.next_page import local_next
from techbridge.web.privacy import SESSION_FLAG


def privacy_notice(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "version": current_notice_version(),
        "data_location": settings.TECHBRIDGE_DATA_LOCATION,
        "api_token_days": settings.TECHBRIDGE_API_TOKEN_DAYS,
        "task_result_days": settings.TECHBRIDGE_TASK_RESULT_DAYS,
        "unconfirmed_days": settings.TECHBRIDGE_RETENTION_UNCONFIRMED_DAYS,
        "attempt_days": settings.TECHBRIDGE_RETENTION_ACCESS_ATTEMPT_DAYS,
    }
    return render(request, "web/privacy.html", context)


@login_required
def privacy_consent(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    target = local_next(request, request.POST.get("next") or request.GET.get("next") or "")
    form = PrivacyConsentForm(
        request.POST or None, initial={"residence_region": user.residence_region}
    )
    if request.method == "POST" and form.is_valid():
        try:
            privacy_consent_record(
                user=user,
                residence_region=form.cleaned_data["residence_region"],
                language=get_language() or "en",
                notice=form.cleaned_data["accept_privacy"],
                cross_border=form.cleaned_data["accept_cross_border"],
            )
        except ServiceValidationError as error:
            add_service_errors(form, error)
        else:
            request.session.pop(SESSION_FLAG, None)
            return redirect(target or "web:home")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": target, "version": current_notice_version()}
    return render(request, "accounts/privacy_consent.html", context, status=status)
