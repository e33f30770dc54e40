"""The header's bell: the unread count, counted only when a page shows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from techbridge.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, Callable[[], int]]:
    user: Any = getattr(request, "user", None)
    # A callable: the template calls it (one query) only where the bell is drawn.
    return {"notifications_unread": lambda: unread_count(user)}
