"""Personal API tokens: create (the secret is shown once; read-only or not), list with their
expiry, revoke."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.api.models import ApiToken
from techbridge.api.tokens import api_token_create, api_token_revoke
from techbridge.core.errors import ServiceValidationError
from techbridge.web.confirming import Confirmation, ask, is_confirmed


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    secret = None
    errors: list[str] = []
    if request.method == "POST":
        try:
            # request.user answers is_verified() for its session (django-otp): the token
            # remembers whether a second factor was confirmed before it was made.
            _token, secret = api_token_create(
                user=request.user,
                name=request.POST.get("name", ""),
                read_only=request.POST.get("read_only") == "on",
            )
        except ServiceValidationError as error:
            errors = list(error.messages)
    tokens = ApiToken.objects.filter(user=cast(Any, request.user), revoked_at__isnull=True)
    context = {
        "tokens": tokens,
        "secret": secret,
        "errors": errors,
        "now": timezone.now(),
        "lifetime_days": settings.TECHBRIDGE_API_TOKEN_DAYS,
    }
    return render(
        request,
        "web/api_tokens.html",
        context,
        status=400 if errors else 200,
    )


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=cast(Any, request.user))
    if not is_confirmed(request):
        return ask(
            request,
            Confirmation(
                title=_("Revoke the token “%(name)s”") % {"name": token.name},
                consequence=_(
                    "Every program that uses this token loses access at once. A revoked token "
                    "cannot be restored: a program needs a new token to use the API again."
                ),
                subject=_("The token starts with %(prefix)s….") % {"prefix": token.prefix},
                action=request.path,
                confirm_label=_("Yes, revoke the token"),
                cancel_url=reverse("web:api_tokens"),
                cancel_label=_("No, keep the token"),
            ),
        )
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("web:api_tokens")
