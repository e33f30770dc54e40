"""The append-only change history of a listing."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.core.models import AuditEvent


class ListingEvent(AuditEvent):
    """One change to a listing (created, edited, submitted, published, …) and its diff."""

    class Verb(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to draft")
        PUBLISHED = "published", _("Published")
        PUT_ON_HOLD = "put_on_hold", _("Put on hold")
        RESUMED = "resumed", _("Resumed")
        RENEWED = "renewed", _("Renewed")
        ARCHIVED = "archived", _("Archived")
        EXPIRED = "expired", _("Expired")
        EXPIRY_NOTICE = "expiry_notice", _("Owner told of coming expiry")

    listing = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.PROTECT,
        related_name="events",
    )

    class Meta(AuditEvent.Meta):
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    verb__in=[
                        "created",
                        "updated",
                        "submitted",
                        "returned",
                        "published",
                        "put_on_hold",
                        "resumed",
                        "renewed",
                        "archived",
                        "expired",
                        "expiry_notice",
                    ]
                ),
                name="catalogue_listingevent_verb_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.listing_id} {self.verb} {self.occurred_at:%Y-%m-%d %H:%M}"


class ConfidentialView(models.Model):
    """One showing of a listing's confidential detail to one reader (who, what, when).

    Written by the selector that decides to show the detail, in the same request; never
    updated or deleted.
    """

    listing = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.PROTECT,
        related_name="confidential_views",
    )
    viewer = models.ForeignKey(
        "accounts.User",
        verbose_name=_("viewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("viewer's organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fields = models.JSONField(_("fields shown"), default=list)
    tier = models.PositiveSmallIntegerField(_("tier"))
    channel = models.CharField(_("channel"), max_length=20, default="web")
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("confidential view")
        verbose_name_plural = _("confidential views")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.viewer_id} viewed {self.listing_id} at {self.viewed_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("confidential views are append-only")
        super().save(*args, **kwargs)
