"""The deal's append-only, hash-chained history.

Each event's hash covers its own content and the previous event's hash (a hash chain, as in
Crosby & Wallach's tamper-evident logging), so editing or deleting any event — or dropping the
newest ones, which the deal's stored count and head hash reveal — breaks verification
(``manage.py verify_audit``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.core.models import AuditEvent


class DealEvent(AuditEvent):
    """One thing that happened in a deal: a transition, message, document, disclosure or view."""

    deal = models.ForeignKey(
        "pipeline.Deal", verbose_name=_("deal"), on_delete=models.PROTECT, related_name="events"
    )
    seq = models.PositiveIntegerField(_("sequence number"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("actor's organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta(AuditEvent.Meta):
        verbose_name = _("deal event")
        verbose_name_plural = _("deal events")
        ordering = ["deal_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "seq"], name="pipeline_dealevent_seq_unique")
        ]

    def __str__(self) -> str:
        return f"D{self.deal_id}#{self.seq} {self.verb}"

    def payload(self) -> dict[str, Any]:
        return {
            "deal": self.deal_id,
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "actor": self.actor_id,
            "organisation": self.organisation_id,
            "verb": self.verb,
            "changes": self.changes,
            "request_id": self.request_id,
            "prev": self.prev_hash,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.payload(), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
        )
        return hashlib.sha256(canonical.encode()).hexdigest()
