"""E-mails about listings, each written in its recipient's preferred language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import User
from techbridge.catalogue.models import Listing


def listing_owner_contacts(listing: Listing) -> list[User]:
    """The creator and the owner organisation's administrators, active ones only."""
    people = {
        user.pk: user
        for user in User.objects.filter(
            is_active=True,
            memberships__organisation=listing.owner,
            memberships__role=MembershipRole.ADMIN,
        )
    }
    if listing.created_by is not None and listing.created_by.is_active:
        people[listing.created_by.pk] = listing.created_by
    return sorted(people.values(), key=lambda user: user.email)


def send_expiry_notice(listing: Listing) -> list[str]:
    """Send the two-week expiry notice; returns the addresses written to.

    Sent inside the caller's transaction: if the mail server refuses, the notice is not marked
    as sent and the next run tries again.
    """
    recipients = listing_owner_contacts(listing)
    assert listing.expires_at is not None
    for user in recipients:
        with translation.override(user.preferred_language):
            subject = _("Your listing %(reference)s expires on %(date)s") % {
                "reference": listing.reference,
                "date": timezone.localtime(listing.expires_at).date().isoformat(),
            }
            body = _(
                "Your listing “%(title)s” (%(reference)s) will expire on %(date)s. "
                "Renew it on techbridge to keep it visible for another year; a listing can "
                "stay published for at most two years."
            ) % {
                "title": listing.title,
                "reference": listing.reference,
                "date": timezone.localtime(listing.expires_at).date().isoformat(),
            }
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return [user.email for user in recipients]
