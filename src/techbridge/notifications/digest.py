"""The daily digest: one e-mail per person with their digest notifications not yet e-mailed."""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict

from django.utils import timezone

from techbridge.notifications.choices import Delivery
from techbridge.notifications.emails import digest_email
from techbridge.notifications.models import Notification
from techbridge.notifications.selectors import preferences_of

logger = logging.getLogger(__name__)


def digest_send() -> int:
    """Send every digest that has something in it; returns how many were sent.

    A notification whose kind the person has since turned off is left out (and stays
    unsent); a refused e-mail leaves that person's notifications for the next run.
    """
    pending = (
        Notification.objects.filter(
            delivery=Delivery.DIGEST, emailed_at__isnull=True, recipient__is_active=True
        )
        .select_related("recipient", "deal__listing", "deal__owner", "deal__counterparty")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        by_user[notification.recipient_id].append(notification)
    sent = 0
    for notifications in by_user.values():
        user = notifications[0].recipient
        choices = preferences_of(user)
        wanted = [n for n in notifications if choices[n.kind] != Delivery.NEVER]
        if not wanted:
            continue
        try:
            digest_email(user, wanted).send()
        except (smtplib.SMTPException, OSError):
            logger.warning(
                "Digest for user %s refused by the mail server; next run retries.", user.pk
            )
            continue
        Notification.objects.filter(pk__in=[n.pk for n in wanted]).update(emailed_at=timezone.now())
        sent += 1
    return sent
