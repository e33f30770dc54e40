"""Background tasks: e-mailing a notification (with retries) and the daily digest."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from techbridge.notifications.choices import Delivery
from techbridge.notifications.digest import digest_send
from techbridge.notifications.emails import notification_email_send
from techbridge.notifications.models import Notification
from techbridge.notifications.selectors import deliveries_for

logger = logging.getLogger(__name__)

# A refused or unreachable mail server is tried again after 1, 5, 30 and 120 minutes; after
# the fifth attempt the e-mail is given up (the notification stays in the site).
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


@task()
def notification_email_task(notification_pk: int, attempt: int = 1) -> str:
    """E-mail one notification; returns what happened ("sent", "skipped", "retrying",
    "gave up")."""
    notification = (
        Notification.objects.select_related(
            "recipient", "deal__listing", "deal__owner", "deal__counterparty"
        )
        .filter(pk=notification_pk, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.is_active:
        return "skipped"
    # The person may have changed their mind since it was created.
    current = deliveries_for([notification.recipient_id], notification.kind)
    if current[notification.recipient_id] != Delivery.IMMEDIATE:
        return "skipped"
    try:
        notification_email_send(notification)
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Giving up e-mailing notification %s after %s attempts: %s",
                notification_pk,
                attempt,
                error,
            )
            return "gave up"
        delay = RETRY_DELAYS[attempt - 1]
        logger.warning(
            "Mail server refused notification %s (attempt %s): %s; retrying in %s.",
            notification_pk,
            attempt,
            error,
            delay,
        )
        notification_email_task.using(run_after=timezone.now() + delay).enqueue(
            notification_pk, attempt + 1
        )
        return "retrying"
    return "sent"


@task()
def notifications_digest_task() -> int:
    return digest_send()
