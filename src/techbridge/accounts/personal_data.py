"""Everything the platform holds about one person, as they may download it (PDPO data access
request, PIPL art. 45): a read, assembled section by section.

Each section lists the person's own records only. Deal content appears as what the person
wrote or gave (their messages, documents, consents), never what the other party wrote, and
names no organisation the person could not already see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import (
    JoinRequest,
    Membership,
    PersonalDataRequest,
    PrivacyConsent,
    User,
)


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    rows: Callable[[User], Iterable[dict[str, Any]]]
    # The person's records to delete when they erase their account (a queryset), if the
    # section's records are not kept pseudonymous or removed by the domain itself.
    erasable: Callable[[User], Any] | None = None


def _rows(queryset: Any, fields: Iterable[str]) -> list[dict[str, Any]]:
    return list(queryset.values(*fields))


def _profile(user: User) -> list[dict[str, Any]]:
    fields = ("email", "full_name", "preferred_language", "residence_region", "digest_frequency")
    row = {field: getattr(user, field) for field in fields}
    row.update(date_joined=user.date_joined, last_login=user.last_login)
    return [row]


def _consents(user: User) -> list[dict[str, Any]]:
    return _rows(
        PrivacyConsent.objects.filter(user=user).order_by("given_at"),
        ("kind", "version", "language", "given_at"),
    )


def _memberships(user: User) -> list[dict[str, Any]]:
    return _rows(
        Membership.objects.filter(user=user).order_by("created_at"),
        ("organisation__slug", "role", "created_at"),
    )


def _join_requests(user: User) -> list[dict[str, Any]]:
    return _rows(
        JoinRequest.objects.filter(user=user).order_by("created_at"),
        ("organisation__slug", "status", "created_at", "decided_at"),
    )


def _second_factor(user: User) -> list[dict[str, Any]]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return _rows(TOTPDevice.objects.filter(user=user).order_by("pk"), ("name", "confirmed"))


def _notifications(user: User) -> list[dict[str, Any]]:
    from techbridge.notifications.models import Notification

    return _rows(
        Notification.objects.filter(recipient=user).order_by("created_at"),
        ("kind", "link", "created_at", "read_at", "emailed_at"),
    )


def _notification_preferences(user: User) -> list[dict[str, Any]]:
    from techbridge.notifications.models import NotificationPreference

    return _rows(
        NotificationPreference.objects.filter(user=user).order_by("kind"), ("kind", "delivery")
    )


def _saved_searches(user: User) -> list[dict[str, Any]]:
    from techbridge.matching.models import SavedSearch

    return _rows(
        SavedSearch.objects.filter(user=user).order_by("created_at"),
        ("query", "filters", "created_at"),
    )


def _suggestion_feedback(user: User) -> list[dict[str, Any]]:
    from techbridge.matching.models import SuggestionFeedback

    return _rows(
        SuggestionFeedback.objects.filter(user=user).order_by("given_at"),
        ("suggestion_id", "useful", "given_at"),
    )


def _bookings(user: User) -> list[dict[str, Any]]:
    from techbridge.facilities.models import Booking

    return _rows(
        Booking.objects.filter(requester=user).order_by("starts_at"),
        ("instrument_id", "starts_at", "ends_at", "purpose", "status", "actual_hours"),
    )


def _trainings(user: User) -> list[dict[str, Any]]:
    from techbridge.facilities.models import InstrumentTraining

    return _rows(
        InstrumentTraining.objects.filter(user=user).order_by("trained_on"),
        ("instrument_id", "trained_on"),
    )


def _deal_messages(user: User) -> list[dict[str, Any]]:
    from techbridge.pipeline.models import DealMessage

    return _rows(
        DealMessage.objects.filter(author=user).order_by("created_at"),
        ("deal_id", "deal__listing__reference", "body", "created_at"),
    )


def _deal_documents(user: User) -> list[dict[str, Any]]:
    from techbridge.pipeline.models import DealDocument

    return _rows(
        DealDocument.objects.filter(uploaded_by=user).order_by("uploaded_at"),
        ("deal_id", "name", "content_type", "size", "sha256", "uploaded_at"),
    )


def _contact_consents(user: User) -> list[dict[str, Any]]:
    from techbridge.pipeline.models import ContactConsent

    return _rows(
        ContactConsent.objects.filter(user=user).order_by("given_at"), ("deal_id", "given_at")
    )


def _transfers(user: User) -> list[dict[str, Any]]:
    from techbridge.pipeline.models import CrossBorderTransfer
    from techbridge.pipeline.selectors import owner_hidden_from
    from techbridge.pipeline.transitions import Role

    transfers = CrossBorderTransfer.objects.filter(subject=user).select_related(
        "deal__listing", "recipient"
    )
    return [
        {
            "deal_id": transfer.deal_id,
            # The owner of an anonymous listing, until it accepts the interest: unnamed.
            "recipient__slug": None
            if transfer.recipient_id == transfer.deal.owner_id
            and owner_hidden_from(transfer.deal, Role.COUNTERPARTY)
            else transfer.recipient.slug,
            "from_region": transfer.from_region,
            "to_region": transfer.to_region,
            "fields": transfer.fields,
            "at": transfer.at,
        }
        for transfer in transfers.order_by("at")
    ]


def _confidential_views(user: User) -> list[dict[str, Any]]:
    from techbridge.catalogue.models import ConfidentialView

    return _rows(
        ConfidentialView.objects.filter(viewer=user).order_by("viewed_at"),
        ("listing__reference", "fields", "tier", "channel", "viewed_at"),
    )


def _requests(user: User) -> list[dict[str, Any]]:
    return _rows(
        PersonalDataRequest.objects.filter(user_id_number=user.pk).order_by("at"), ("kind", "at")
    )


SECTIONS: tuple[Section, ...] = (
    Section("profile", _("Your account"), _profile),
    Section("privacy_consents", _("Consents you gave"), _consents),
    Section("memberships", _("Organisations you belong to"), _memberships),
    Section("join_requests", _("Requests to join organisations"), _join_requests),
    Section("second_factor", _("Second-factor devices"), _second_factor),
    Section("notifications", _("Notifications to you"), _notifications),
    Section("notification_preferences", _("Notification settings"), _notification_preferences),
    Section("saved_searches", _("Saved searches"), _saved_searches),
    Section("suggestion_feedback", _("Your feedback on suggestions"), _suggestion_feedback),
    Section("bookings", _("Instrument bookings you requested"), _bookings),
    Section("trainings", _("Instrument trainings"), _trainings),
    Section("deal_messages", _("Messages you wrote in deals"), _deal_messages),
    Section("deal_documents", _("Documents you added to deals"), _deal_documents),
    Section(
        "contact_consents", _("Deals in which you showed your contact details"), _contact_consents
    ),
    Section("cross_border_transfers", _("Your details provided across the boundary"), _transfers),
    Section("confidential_views", _("Confidential details you opened"), _confidential_views),
    Section("personal_data_requests", _("Your earlier downloads of this data"), _requests),
)


# How each field reads on the page (the JSON download keeps the keys).
FIELD_LABELS: dict[str, Promise] = {
    "email": _("E-mail address"),
    "full_name": _("Name"),
    "preferred_language": _("Language"),
    "residence_region": _("Region of residence"),
    "digest_frequency": _("E-mail digest"),
    "date_joined": _("Joined"),
    "last_login": _("Last signed in"),
    "kind": _("Kind"),
    "version": _("Version"),
    "language": _("Language"),
    "given_at": _("Given"),
    "organisation__slug": _("Organisation"),
    "role": _("Role"),
    "created_at": _("Created"),
    "status": _("Status"),
    "decided_at": _("Decided"),
    "name": _("Name"),
    "confirmed": _("Confirmed"),
    "prefix": _("Token prefix"),
    "last_used_at": _("Last used"),
    "expires_at": _("Expires"),
    "revoked_at": _("Revoked"),
    "link": _("Link"),
    "read_at": _("Read"),
    "emailed_at": _("E-mailed"),
    "delivery": _("Delivery"),
    "query": _("Query"),
    "filters": _("Filters"),
    "suggestion_id": _("Suggestion"),
    "useful": _("Useful"),
    "instrument_id": _("Instrument"),
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "purpose": _("Purpose"),
    "actual_hours": _("Hours used"),
    "trained_on": _("Trained on"),
    "deal_id": _("Deal"),
    "deal__listing__reference": _("Listing"),
    "body": _("Text"),
    "content_type": _("Type"),
    "size": _("Size (bytes)"),
    "sha256": _("SHA-256"),
    "uploaded_at": _("Added"),
    "recipient__slug": _("Provided to"),
    "from_region": _("From"),
    "to_region": _("To"),
    "fields": _("Fields"),
    "at": _("When"),
    "listing__reference": _("Listing"),
    "tier": _("Tier"),
    "channel": _("Channel"),
}


# Layers above the domain (the REST API's tokens) hold personal data too. They add their
# section here when the application starts (AppConfig.ready), so this module never imports
# them.
_ADDED_SECTIONS: list[Section] = []


def section_add(section: Section) -> None:
    if all(added.key != section.key for added in _ADDED_SECTIONS):
        _ADDED_SECTIONS.append(section)


def all_sections() -> tuple[Section, ...]:
    return SECTIONS + tuple(_ADDED_SECTIONS)


def personal_data_of(user: User) -> dict[str, list[dict[str, Any]]]:
    """Every section, keyed as in the JSON download."""
    return {section.key: list(section.rows(user)) for section in all_sections()}
