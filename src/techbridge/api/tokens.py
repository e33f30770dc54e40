"""Issuing, revoking and checking personal API tokens.

A token expires ``TECHBRIDGE_API_TOKEN_DAYS`` after it is created, may be read-only, and
records whether its creator had confirmed a second factor: the requests it authenticates
answer ``is_verified()`` accordingly, as a session's do under django-otp, so that staff powers
that need the second factor (confidential detail across the catalogue, approvals) are not
reached through a token created without it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from techbridge.accounts.two_factor import second_factor_confirmed
from techbridge.api.models import ApiToken
from techbridge.core import ratelimit
from techbridge.core.errors import ServiceValidationError

TOKEN_PREFIX = "tb_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(
    *, user: Any, name: str, read_only: bool = False, now: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token and its secret, which is not stored and cannot be shown again.

    The token remembers whether ``user`` had confirmed a second factor (the session's OTP
    verification when created from a page)."""
    name = name.strip()
    if not name:
        raise ServiceValidationError({"name": [_("Give the token a name.")]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
            raise ServiceValidationError({"name": [_("You already have a token of this name.")]})
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[:10],
            digest=_digest(secret),
            expires_at=(now or timezone.now()) + timedelta(days=settings.TECHBRIDGE_API_TOKEN_DAYS),
            read_only=read_only,
            second_factor=second_factor_confirmed(user),
        )
    return token, secret


def api_token_revoke(*, user: Any, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise exceptions.PermissionDenied()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer tb_…`` with a personal token of an active user, unexpired;
    a read-only token for safe methods only.

    The read-only rule is kept here rather than in each view's permissions, so that no view
    can forget it: every request that names a token passes through this check.
    """

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
        if token.has_expired(now):
            raise exceptions.AuthenticationFailed(
                _("This API token expired on %(date)s. Create a new one on your API tokens page.")
                % {"date": formats.date_format(timezone.localtime(token.expires_at))}
            )
        if token.read_only and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(
                _("This API token is read-only: it may only read (GET, HEAD, OPTIONS).")
            )
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            try:
                with ratelimit.brief_lock_wait(200):
                    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            except OperationalError:
                pass  # SQLite's write lock is held (a long import): noted on a later request
        user: Any = token.user
        # As django-otp's middleware does for a session (see second_factor_confirmed).
        verified = token.second_factor
        user.is_verified = lambda: verified
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
