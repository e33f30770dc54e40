"""Issuing, revoking and checking personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from techbridge.api.models import ApiToken
from techbridge.core.errors import ServiceValidationError

TOKEN_PREFIX = "tb_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret, which is not stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ServiceValidationError({"name": [_("Give the token a name.")]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
            raise ServiceValidationError({"name": [_("You already have a token of this name.")]})
        token = ApiToken.objects.create(
            user=user, name=name, prefix=secret[:10], digest=_digest(secret)
        )
    return token, secret


def api_token_revoke(*, user: Any, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise exceptions.PermissionDenied()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer tb_…`` with a personal token of an active user."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give exactly one token after “Bearer”."))
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=_digest(header[1]), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This API token is not valid."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
