"""Reminders of post-deal obligations, to both parties' administrators in their language."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import User
from techbridge.pipeline.models import Deal, Obligation
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.services.deals import locked

REMINDED_STAGES = ("signed", "obligations")


def _administrators(deal: Deal) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=[deal.owner_id, deal.counterparty_id],
            memberships__role=MembershipRole.ADMIN,
        )
        .distinct()
        .order_by("email")
    )


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
            for user in _administrators(deal):
                with translation.override(user.preferred_language):
                    subject = _("Obligation due on %(date)s: %(what)s") % {
                        "date": obligation.due_on.isoformat(),
                        "what": obligation.description,
                    }
                    body = _("In the deal on %(reference)s, “%(what)s” is due on %(date)s.") % {
                        "reference": deal.listing.reference,
                        "what": obligation.description,
                        "date": obligation.due_on.isoformat(),
                    }
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
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
