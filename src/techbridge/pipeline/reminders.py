"""Reminders of post-deal obligations, to both parties' administrators in their language."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole
from techbridge.pipeline.models import Obligation
from techbridge.pipeline.notifications import deal_notify
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.services.deals import locked

REMINDED_STAGES = ("signed", "obligations")


def obligations_remind(today: date | None = None) -> list[int]:
    """Send each due reminder once; returns the obligations reminded.

    Marked in the same transaction as the mail is sent, so a refused send is retried on the
    next run and a sent reminder is never repeated.
    """
    today = today or timezone.localdate()
    reminded = []
    due = Obligation.objects.filter(
        reminded_at__isnull=True,
        done_at__isnull=True,
        agreement__deal__stage__in=REMINDED_STAGES,
    ).select_related("agreement__deal__listing")
    for obligation in due:
        if obligation.due_on - timedelta(days=obligation.remind_days_before) > today:
            continue
        with transaction.atomic():
            deal = locked(obligation.agreement.deal)
            # Read again under the deal's lock, which marking done also takes: an obligation
            # marked done (or reminded, or a deal closed) since the list was read is skipped.
            if not (
                deal.stage in REMINDED_STAGES
                and Obligation.objects.filter(
                    pk=obligation.pk, reminded_at__isnull=True, done_at__isnull=True
                ).exists()
            ):
                continue
            # Sent here, not by the worker after the commit: a refused send rolls the
            # reminder back, and the next run tries again.
            deal_notify(
                deal,
                "obligation_due",
                actor=None,
                organisation_id=None,
                params={"what": obligation.description, "date": obligation.due_on.isoformat()},
                roles=(MembershipRole.ADMIN,),
                send_now=True,
            )
            Obligation.objects.filter(pk=obligation.pk).update(reminded_at=timezone.now())
            event_append(
                deal,
                actor=None,
                organisation_id=None,
                verb="obligation_reminded",
                after={"obligation": obligation.pk, "due_on": obligation.due_on.isoformat()},
            )
        reminded.append(obligation.pk)
    return reminded
