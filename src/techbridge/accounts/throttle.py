"""Limits on failed log-ins and password-reset requests, per account.

After ``limit`` attempts inside ``window``, the next one is refused for ``lock`` from the
last of them (the right password too); the caller reports the wait as ``Retry-After``. The
log-in limit is the platform's settings (``TECHBRIDGE_LOGIN_*``), read on each use, and is
shared by the platform's log-in page and both administration sites' (one count per account).

An attempt is checked and recorded in one step (:func:`attempt`), before the password is
checked or the mail sent, with concurrent attempts for one account waiting for each other:
checked first and recorded later, a burst of parallel guesses would all pass the check.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext

from techbridge.accounts.models import AccessAttempt
from techbridge.core import ratelimit


@dataclass(frozen=True)
class Limit:
    kind: str
    limit: int
    window: timedelta
    # How long the account stays refused after the attempt that reached the limit; by
    # default until that attempt leaves the window.
    lock: timedelta | None = None

    @property
    def lock_time(self) -> timedelta:
        return self.window if self.lock is None else self.lock


PASSWORD_RESET = Limit(AccessAttempt.Kind.PASSWORD_RESET, 3, timedelta(hours=1))


def login_limit() -> Limit:
    """Failed log-ins as the settings say now (so that an operator's change, or a test's,
    applies without a restart of anything that imported this module)."""
    return Limit(
        AccessAttempt.Kind.LOGIN_FAILURE,
        settings.TECHBRIDGE_LOGIN_MAX_FAILURES,
        timedelta(minutes=settings.TECHBRIDGE_LOGIN_WINDOW_MINUTES),
        timedelta(minutes=settings.TECHBRIDGE_LOGIN_LOCK_MINUTES),
    )


def __getattr__(name: str) -> Limit:
    # ``throttle.LOGIN`` stays the name callers use, computed from the settings on each use.
    if name == "LOGIN":
        return login_limit()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def refusal_message(wait: int) -> str:
    """What a refused visitor is told (the same words on every log-in and reset page)."""
    minutes = max(1, (wait + 59) // 60)
    return ngettext(
        "Too many attempts. Please try again in %(minutes)d minute.",
        "Too many attempts. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def retry_after(limit: Limit, email: str, now: datetime | None = None) -> int | None:
    """Seconds to wait before another attempt is accepted, or None if one is allowed now."""
    now = now or timezone.now()
    lock = limit.lock_time
    # The last ``limit`` attempts that can still matter: those that could lock the account
    # now (the lock may outlast the window).
    recent = list(
        AccessAttempt.objects.filter(
            kind=limit.kind, key=account_key(email), at__gt=now - max(limit.window, lock)
        )
        .order_by("-at")
        .values_list("at", flat=True)[: limit.limit]
    )
    if len(recent) < limit.limit:
        return None
    newest, oldest = recent[0], recent[-1]
    if newest - oldest >= limit.window:
        return None  # the limit was never reached within one window
    ends = newest + lock if limit.lock is not None else oldest + limit.window
    if ends <= now:
        return None
    return max(1, int((ends - now).total_seconds()) + 1)


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
