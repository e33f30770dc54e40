"""Personal API tokens: create (the secret is shown once), list, revoke."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.api.models import ApiToken
from techbridge.api.tokens import api_token_create, api_token_revoke
from techbridge.core.errors import ServiceValidationError


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    secret = None
    errors: list[str] = []
    if request.method == "POST":
        try:
            _token, secret = api_token_create(user=request.user, name=request.POST.get("name", ""))
        except ServiceValidationError as error:
            errors = list(error.messages)
    tokens = ApiToken.objects.filter(user=cast(Any, request.user), revoked_at__isnull=True)
    return render(
        request,
        "web/api_tokens.html",
        {"tokens": tokens, "secret": secret, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=cast(Any, request.user))
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("web:api_tokens")
