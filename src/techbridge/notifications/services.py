"""Writes of notifications: creating them (called by other apps' services inside their
transaction), reading them, and each person's choices."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.core.errors import ServiceValidationError
from techbridge.notifications.choices import Delivery
from techbridge.notifications.kinds import KINDS
from techbridge.notifications.models import Notification, NotificationPreference
from techbridge.notifications.selectors import deliveries_for
from techbridge.notifications.tokens import unsubscribe_read


def notify(
    recipients: Iterable[Any],
    kind: str,
    *,
    params: dict[str, Any],
    link: str = "",
    deal: Any = None,
    send_now: bool = False,
) -> list[Notification]:
    """Record one notification per recipient, and have those who want it immediately
    e-mailed.

    By default the e-mail is sent by the task worker once the caller's transaction commits
    (a rolled-back step mails nobody). ``send_now`` is for callers that already run in the
    worker and want a refused send to roll their transaction back (so their next run tries
    again): the e-mail is sent here and an SMTP error propagates.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    # Only people who can sign in read notifications: an account without a usable password
    # (the demo catalogue's people, an erased account) is told nothing and mailed nothing.
    people = {
        user.pk: user for user in recipients if user.is_active and user.has_usable_password()
    }  # in the given order
    deliveries = deliveries_for(list(people), kind)
    created = [
        Notification.objects.create(
            recipient=people[pk],
            kind=kind,
            params=params,
            link=link,
            deal=deal,
            delivery=deliveries[pk],
        )
        for pk in people
    ]
    immediate = [n for n in created if n.delivery == Delivery.IMMEDIATE]
    if send_now:
        from techbridge.notifications.emails import notification_email_send

        for notification in immediate:
            notification_email_send(notification)
    else:
        from techbridge.notifications.tasks import notification_email_task

        for notification in immediate:
            notification_email_task.enqueue(notification.pk)
    return created


def notification_mark_read(*, user: Any, pk: int) -> Notification:
    """Mark one of the user's notifications read; another user's raises DoesNotExist."""
    notification = Notification.objects.get(pk=pk, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_set(*, user: Any, choices: dict[str, str]) -> None:
    """Record the user's choice per kind, all or nothing."""
    unknown = [kind for kind in choices if kind not in KINDS]
    invalid = [kind for kind, value in choices.items() if value not in Delivery.values]
    if unknown or invalid:
        raise ServiceValidationError(_("Choose how you want each kind of notification."))
    with transaction.atomic():
        for kind, delivery in choices.items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )


def unsubscribe_apply(token: str) -> list[str] | None:
    """Turn off (never e-mail) the kinds the token names for its user; None if the token is
    not valid. Applying it twice changes nothing more."""
    from techbridge.accounts.models import User

    read = unsubscribe_read(token)
    if read is None:
        return None
    user_id, kinds = read
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    known = [kind for kind in kinds if kind in KINDS]
    preferences_set(user=user, choices=dict.fromkeys(known, Delivery.NEVER.value))
    return known
