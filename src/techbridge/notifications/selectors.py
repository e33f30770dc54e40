"""Reads of notifications and preferences."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from techbridge.notifications.choices import Delivery
from techbridge.notifications.kinds import KINDS
from techbridge.notifications.models import Notification, NotificationPreference


def unread_count(user: Any) -> int:
    """The bell's number: one indexed count."""
    if not (user and user.is_authenticated):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The user's notifications, newest first, with what their texts need."""
    return Notification.objects.filter(recipient=user).select_related(
        "deal__listing", "deal__owner", "deal__counterparty"
    )


def preferences_of(user: Any) -> dict[str, Delivery]:
    """Every kind → the user's choice, the kind's default where they made none."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {key: Delivery(chosen.get(key, kind.default)) for key, kind in KINDS.items()}


def deliveries_for(user_ids: list[int], kind: str) -> dict[int, Delivery]:
    """Each user's choice for one kind (one query for all of them)."""
    default = KINDS[kind].default
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: Delivery(chosen.get(pk, default)) for pk in user_ids}
