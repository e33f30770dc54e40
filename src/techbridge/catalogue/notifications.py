"""Notices about listings to their owners, each e-mailed in its recipient's preferred language."""

from __future__ import annotations

from django.utils import timezone, translation

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import User
from techbridge.catalogue.models import Listing
from techbridge.notifications.links import LANGUAGE_CODES, unprefixed
from techbridge.notifications.services import notify


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


def _title_in(listing: Listing, language: str) -> str:
    with translation.override(language):
        return str(listing.title)


def send_expiry_notice(listing: Listing) -> list[str]:
    """Send the two-week expiry notice (a notification of kind ``listing_expiring``, e-mailed
    as each person chose); returns the addresses of the people notified.

    E-mailed inside the caller's transaction: if the mail server refuses, the notice is not
    marked as sent and the next run tries again.
    """
    recipients = listing_owner_contacts(listing)
    assert listing.expires_at is not None
    notify(
        recipients,
        "listing_expiring",
        params={
            # The title in each language, so each reader reads their own.
            "titles": {code: _title_in(listing, code) for code in LANGUAGE_CODES},
            "reference": listing.reference,
            "date": timezone.localtime(listing.expires_at).date().isoformat(),
        },
        link=unprefixed("web:listing", listing.reference),
        send_now=True,
    )
    return [user.email for user in recipients]
