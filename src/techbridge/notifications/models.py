"""A notification is stored with the parameters of its text, never the text itself: it is
written at display time in the reader's language (see :mod:`techbridge.notifications.kinds`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.notifications.choices import Delivery


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The page it is about, without the language prefix ("/deals/12/"): each reader gets it
    # under their own language.
    link = models.CharField(_("link"), max_length=300, blank=True)
    deal = models.ForeignKey(
        "pipeline.Deal", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The recipient's choice when it was created; the e-mail tasks check it again when they send.
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The bell's count: one index-only lookup per page.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["delivery", "emailed_at"],
                condition=Q(emailed_at__isnull=True),
                name="notification_unsent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class NotificationPreference(models.Model):
    """A person's choice for one kind; without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values),
                name="notification_preference_delivery_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"
