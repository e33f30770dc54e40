"""Staff, secretariat and facility managers reach nothing but the second-factor page until
their session is verified with a TOTP code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from techbridge.accounts.two_factor import requires_two_factor

EXEMPT = frozenset({"web:two_factor", "web:logout", "set_language"})


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT or not requires_two_factor(user):
            return None
        if user is not None and user.is_verified():
            return None
        if match.namespace == "api":
            return JsonResponse(
                {
                    "type": "about:blank",
                    "title": _("Confirm your second factor in the browser first."),
                    "status": 403,
                },
                status=403,
                content_type="application/problem+json",
            )
        response = redirect("web:two_factor")
        response["Location"] += f"?next={request.get_full_path()}"
        return response
