"""Sliding-window limits on failed log-ins and password-reset requests, per account.

After ``limit`` attempts inside ``window``, the next one is refused until the oldest attempt
leaves the window; the caller reports the wait as ``Retry-After``.

An attempt is checked and recorded in one step (:func:`attempt`), before the password is
checked or the mail sent, with concurrent attempts for one account waiting for each other:
checked first and recorded later, a burst of parallel guesses would all pass the check.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from techbridge.accounts.models import AccessAttempt
from techbridge.core import ratelimit


@dataclass(frozen=True)
class Limit:
    kind: str
    limit: int
    window: timedelta


LOGIN = Limit(AccessAttempt.Kind.LOGIN_FAILURE, 5, timedelta(minutes=30))
PASSWORD_RESET = Limit(AccessAttempt.Kind.PASSWORD_RESET, 3, timedelta(hours=1))


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def retry_after(limit: Limit, email: str, now: datetime | None = None) -> int | None:
    """Seconds to wait before another attempt is accepted, or None if one is allowed now."""
    now = now or timezone.now()
    recent = list(
        AccessAttempt.objects.filter(
            kind=limit.kind, key=account_key(email), at__gt=now - limit.window
        )
        .order_by("-at")
        .values_list("at", flat=True)[: limit.limit]
    )
    if len(recent) < limit.limit:
        return None
    oldest_counted = recent[-1]
    return max(1, int((oldest_counted + limit.window - now).total_seconds()) + 1)


def attempt(
    limit: Limit, email: str, ip_address: str | None, now: datetime | None = None
) -> int | None:
    """Record an attempt unless the limit is reached: None when recorded (go ahead), else the
    seconds to wait (refused, and not recorded)."""
    key = account_key(email)
    with ratelimit.exclusive(f"{limit.kind}:{key}"):
        wait = retry_after(limit, email, now)
        if wait is None:
            AccessAttempt.objects.create(
                kind=limit.kind, key=key, ip_address=ip_address, at=now or timezone.now()
            )
        return wait


def clear(limit: Limit, email: str) -> None:
    """A successful log-in forgives earlier failures."""
    AccessAttempt.objects.filter(kind=limit.kind, key=account_key(email)).delete()
