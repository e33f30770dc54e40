"""E-mails about deals, each in its recipient's preferred language; sent after the deal's
transaction commits, so a rolled-back step never mails anyone."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import User
from techbridge.pipeline.models import Deal


def interest_notify_owner(deal: Deal) -> None:
    """Tell the owner organisation's administrators that someone is interested."""
    recipients = list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=deal.owner_id,
            memberships__role=MembershipRole.ADMIN,
        ).order_by("email")
    )
    reference, counterparty = deal.listing.reference, deal.counterparty

    def send() -> None:
        for user in recipients:
            with translation.override(user.preferred_language):
                subject = _("New expression of interest in %(reference)s") % {
                    "reference": reference
                }
                body = _(
                    "%(organisation)s has expressed interest in your listing %(reference)s. "
                    "Open “My deals” on techbridge to screen it."
                ) % {"organisation": counterparty.name, "reference": reference}
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])

    transaction.on_commit(send)
