"""Consent to the current privacy notice: asked at the log-in after a new notice version (or
of accounts that never gave it), before anything else on the site's pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import urlencode

from techbridge.accounts.privacy import privacy_consent_is_current

SESSION_FLAG = "privacy_consent_needed"
# Pages a person must still reach while asked: the question itself, the notice it refers to,
# logging out, the second factor (asked first) and switching the language.
EXEMPT = frozenset(
    {
        "web:privacy_consent",
        "web:privacy",
        "web:logout",
        "web:two_factor",
        "set_language",
        # Withdrawing consent needs none: one's data can be read, downloaded and deleted.
        "web:my_data",
        "web:my_data_download",
        "web:my_account_delete",
        "web:account_deleted",
    }
)


@receiver(user_logged_in)
def ask_for_consent_when_outdated(
    sender: Any, request: HttpRequest | None, user: Any, **_: Any
) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if privacy_consent_is_current(user):
        request.session.pop(SESSION_FLAG, None)
    else:
        request.session[SESSION_FLAG] = True


class PrivacyConsentMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        session = getattr(request, "session", None)
        if match is None or session is None or not session.get(SESSION_FLAG):
            return None
        if match.view_name in EXEMPT or match.namespace in ("api", "admin"):
            return None
        response = redirect("web:privacy_consent")
        # Encoded whole, so that a page's own query (?week=…&starts_at=…) survives the detour.
        response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response
