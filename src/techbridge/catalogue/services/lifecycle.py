"""Moving a listing through its lifecycle: review, publication, hold, renewal, archive and the
scheduled expiry with a notice to the owner two weeks before."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.lifecycle import ListingAction, next_status, validity_end
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.notifications import send_expiry_notice
from techbridge.catalogue.permissions import can_edit_for, is_platform_admin
from techbridge.catalogue.search import SEARCHABLE_STATUSES
from techbridge.catalogue.services.events import record_listing_event
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.matching.upkeep import listing_search_changed


def _locked(listing: Listing) -> Listing:
    return Listing.objects.select_for_update().get(pk=listing.pk)


def _move(
    listing: Listing,
    actor: Any,
    action: ListingAction,
    verb: str,
    *,
    extra: dict[str, Any] | None = None,
    note: str = "",
) -> Listing:
    """Apply ``action`` if the table allows it from the current (locked) status."""
    new_status = next_status(listing.status, action)
    if new_status is None:
        raise ServiceValidationError(
            _("This listing is %(status)s; that action is not possible now.")
            % {"status": listing.get_status_display()}
        )
    changes: dict[str, Any] = {"status": [listing.status, new_status]}
    for name, value in (extra or {}).items():
        before = getattr(listing, name)
        changes[name] = [_jsonable(before), _jsonable(value)]
        setattr(listing, name, value)
    if note:
        changes["note"] = note
    was_searchable = listing.status in SEARCHABLE_STATUSES
    listing.status = new_status
    listing.save()
    record_listing_event(listing, actor, verb, changes)
    if was_searchable or new_status in SEARCHABLE_STATUSES:
        listing_search_changed(listing)
    return listing


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _require_editor(actor: Any, listing: Listing) -> None:
    if not can_edit_for(actor, listing.owner):
        raise PermissionDenied(_("You cannot change this listing."))


def _require_admin(actor: Any) -> None:
    if not is_platform_admin(actor):
        raise PermissionDenied(_("Only platform administrators review listings."))


def listing_submit_for_review(*, actor: Any, listing: Listing) -> Listing:
    _require_editor(actor, listing)
    with transaction.atomic():
        locked = _locked(listing)
        return _move(
            locked,
            actor,
            ListingAction.SUBMIT,
            ListingEvent.Verb.SUBMITTED,
            extra={"submitted_at": timezone.now()},
        )


def listing_return_to_draft(*, actor: Any, listing: Listing, reason: str) -> Listing:
    _require_admin(actor)
    if not reason.strip():
        raise ServiceValidationError({"reason": [_("Tell the owner what needs to change.")]})
    with transaction.atomic():
        return _move(
            _locked(listing),
            actor,
            ListingAction.RETURN,
            ListingEvent.Verb.RETURNED,
            note=reason.strip(),
        )


def listing_publish(*, actor: Any, listing: Listing, now: datetime | None = None) -> Listing:
    """Publish a reviewed listing for one year (never beyond two years of first publication)."""
    _require_admin(actor)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(listing)
        first = locked.first_published_at or now
        expires = validity_end(
            now, first, settings.LISTING_VALIDITY_DAYS, settings.LISTING_MAX_AGE_DAYS
        )
        if expires <= now:
            raise ServiceValidationError(
                _("This listing has reached the two-year maximum; create a new listing.")
            )
        return _move(
            locked,
            actor,
            ListingAction.PUBLISH,
            ListingEvent.Verb.PUBLISHED,
            extra={
                "first_published_at": first,
                "published_at": now,
                "expires_at": expires,
                "expiry_notice_sent_at": None,
            },
        )


def listing_put_on_hold(*, actor: Any, listing: Listing) -> Listing:
    _require_editor(actor, listing)
    with transaction.atomic():
        return _move(_locked(listing), actor, ListingAction.HOLD, ListingEvent.Verb.PUT_ON_HOLD)


def listing_resume(*, actor: Any, listing: Listing, now: datetime | None = None) -> Listing:
    _require_editor(actor, listing)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(listing)
        if locked.expires_at is not None and locked.expires_at <= now:
            raise ServiceValidationError(_("This listing's validity has ended; renew it."))
        return _move(locked, actor, ListingAction.RESUME, ListingEvent.Verb.RESUMED)


def listing_renew(*, actor: Any, listing: Listing, now: datetime | None = None) -> Listing:
    """Extend validity by one year from now, capped at two years from first publication."""
    _require_editor(actor, listing)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(listing)
        if locked.first_published_at is None:
            raise ServiceValidationError(_("Only a published listing can be renewed."))
        expires = validity_end(
            now,
            locked.first_published_at,
            settings.LISTING_VALIDITY_DAYS,
            settings.LISTING_MAX_AGE_DAYS,
        )
        if (locked.expires_at is not None and expires <= locked.expires_at) or expires <= now:
            raise ServiceValidationError(
                _("This listing has reached the two-year maximum; create a new listing.")
            )
        extra: dict[str, Any] = {"expires_at": expires, "expiry_notice_sent_at": None}
        if locked.status == ListingStatus.EXPIRED:
            extra["published_at"] = now
        return _move(locked, actor, ListingAction.RENEW, ListingEvent.Verb.RENEWED, extra=extra)


def listing_archive(*, actor: Any, listing: Listing) -> Listing:
    _require_editor(actor, listing)
    with transaction.atomic():
        return _move(_locked(listing), actor, ListingAction.ARCHIVE, ListingEvent.Verb.ARCHIVED)


def listing_expire_due(*, now: datetime | None = None) -> list[str]:
    """Expire every published or held listing whose validity has ended; return references."""
    now = now or timezone.now()
    expired: list[str] = []
    due = Listing.objects.filter(
        status__in=[ListingStatus.PUBLISHED, ListingStatus.ON_HOLD], expires_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked = Listing.objects.select_for_update().get(pk=pk)
            if next_status(locked.status, ListingAction.EXPIRE) is None:
                continue  # changed since we looked
            if locked.expires_at is None or locked.expires_at > now:
                continue  # renewed meanwhile
            _move(locked, None, ListingAction.EXPIRE, ListingEvent.Verb.EXPIRED)
            expired.append(locked.reference)
    return expired


def listing_notify_expiring(*, now: datetime | None = None) -> list[str]:
    """Tell owners, once per validity period, that a listing expires within two weeks."""
    now = now or timezone.now()
    horizon = now + timedelta(days=settings.LISTING_EXPIRY_NOTICE_DAYS)
    notified: list[str] = []
    due = Listing.objects.filter(
        status=ListingStatus.PUBLISHED,
        expires_at__gt=now,
        expires_at__lte=horizon,
        expiry_notice_sent_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked = Listing.objects.select_for_update().get(pk=pk)
            if locked.expiry_notice_sent_at is not None:
                continue
            recipients = send_expiry_notice(locked)
            locked.expiry_notice_sent_at = now
            locked.save(update_fields=["expiry_notice_sent_at", "updated_at"])
            record_listing_event(
                locked, None, ListingEvent.Verb.EXPIRY_NOTICE, {"recipients": recipients}
            )
            notified.append(locked.reference)
    return notified
