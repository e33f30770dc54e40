"""Review, publication, hold, renewal, archive, expiry and the expiry notice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.services import (
    listing_archive,
    listing_expire_due,
    listing_notify_expiring,
    listing_publish,
    listing_put_on_hold,
    listing_renew,
    listing_resume,
    listing_return_to_draft,
    listing_submit_for_review,
)
from techbridge.catalogue.tests.factories import create_offer

pytestmark = pytest.mark.django_db


def _published(officer: User, reviewer: User, owner: Organisation, days_ago: int = 0) -> Listing:
    listing = create_offer(officer, owner)
    listing_submit_for_review(actor=officer, listing=listing)
    return listing_publish(
        actor=reviewer, listing=listing, now=timezone.now() - timedelta(days=days_ago)
    )


def _verbs(listing: Listing) -> list[str]:
    return list(listing.events.order_by("pk").values_list("verb", flat=True))


def test_submit_then_publish_sets_one_year_validity(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = _published(officer, reviewer, hk_university)

    assert listing.status == "published"
    assert listing.first_published_at == listing.published_at
    assert listing.published_at is not None
    assert listing.expires_at == listing.published_at + timedelta(days=365)
    assert _verbs(listing) == ["created", "submitted", "published"]
    published = listing.events.get(verb="published")
    assert published.actor == reviewer
    assert published.changes["status"] == ["review", "published"]


def test_owner_cannot_publish_own_listing(officer: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    with pytest.raises(PermissionDenied):
        listing_publish(actor=officer, listing=listing)
    listing.refresh_from_db()
    assert listing.status == "review"
    assert _verbs(listing) == ["created", "submitted"]


def test_draft_cannot_be_published_directly(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)
    with pytest.raises(ValidationError):
        listing_publish(actor=reviewer, listing=listing)
    listing.refresh_from_db()
    assert (listing.status, listing.published_at) == ("draft", None)
    assert _verbs(listing) == ["created"]


def test_return_to_draft_needs_a_reason(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    with pytest.raises(ValidationError):
        listing_return_to_draft(actor=reviewer, listing=listing, reason="  ")
    listing_return_to_draft(actor=reviewer, listing=listing, reason="Add the IP status.")
    listing.refresh_from_db()
    assert listing.status == "draft"
    assert listing.events.get(verb="returned").changes["note"] == "Add the IP status."


def test_hold_and_resume(officer: User, reviewer: User, hk_university: Organisation) -> None:
    listing = _published(officer, reviewer, hk_university)
    listing_put_on_hold(actor=officer, listing=listing)
    listing.refresh_from_db()
    assert listing.status == "on_hold"
    listing_resume(actor=officer, listing=listing)
    listing.refresh_from_db()
    assert listing.status == "published"


def test_outsider_cannot_hold(
    officer: User, outsider: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = _published(officer, reviewer, hk_university)
    with pytest.raises(PermissionDenied):
        listing_put_on_hold(actor=outsider, listing=listing)
    listing.refresh_from_db()
    assert listing.status == "published"
    assert _verbs(listing) == ["created", "submitted", "published"]


def test_renew_extends_one_year_then_stops_at_two(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = _published(officer, reviewer, hk_university, days_ago=300)
    first = listing.first_published_at
    assert first is not None
    now = timezone.now()

    listing_renew(actor=officer, listing=listing, now=now)
    listing.refresh_from_db()
    assert listing.expires_at == now + timedelta(days=365)

    later = now + timedelta(days=400)
    listing_renew(actor=officer, listing=listing, now=later)
    listing.refresh_from_db()
    assert listing.expires_at == first + timedelta(days=730)

    with pytest.raises(ValidationError):
        listing_renew(actor=officer, listing=listing, now=later + timedelta(days=1))
    listing.refresh_from_db()
    assert listing.expires_at == first + timedelta(days=730)
    assert _verbs(listing).count("renewed") == 2


def test_expiry_task_expires_only_overdue_listings(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    overdue = _published(officer, reviewer, hk_university, days_ago=366)
    current = _published(officer, reviewer, hk_university, days_ago=10)

    assert listing_expire_due() == [overdue.reference]
    overdue.refresh_from_db()
    current.refresh_from_db()
    assert (overdue.status, current.status) == ("expired", "published")
    event = overdue.events.get(verb="expired")
    assert event.actor is None
    assert listing_expire_due() == []


def test_expired_listing_can_be_renewed_back_to_published(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = _published(officer, reviewer, hk_university, days_ago=366)
    listing_expire_due()
    listing_renew(actor=officer, listing=listing)
    listing.refresh_from_db()
    assert listing.status == "published"


def test_owner_told_once_two_weeks_before_expiry_in_their_language(
    reviewer: User, hk_university: Organisation
) -> None:
    from techbridge.accounts.tests.factories import member_of

    chinese_officer = member_of(
        hk_university, "admin", preferred_language="zh-hant", email="kto@hk.example.org"
    )
    soon = _published(chinese_officer, reviewer, hk_university, days_ago=355)
    _published(chinese_officer, reviewer, hk_university, days_ago=100)

    assert listing_notify_expiring() == [soon.reference]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kto@hk.example.org"]
    assert soon.reference in message.subject
    assert "到期" in message.subject
    assert soon.events.get(verb="expiry_notice").changes == {"recipients": ["kto@hk.example.org"]}

    assert listing_notify_expiring() == []
    assert len(mail.outbox) == 1


def test_archive_is_final(officer: User, reviewer: User, hk_university: Organisation) -> None:
    listing = _published(officer, reviewer, hk_university)
    listing_archive(actor=officer, listing=listing)
    with pytest.raises(ValidationError):
        listing_archive(actor=officer, listing=listing)
    with pytest.raises(ValidationError):
        listing_resume(actor=officer, listing=listing)
    listing.refresh_from_db()
    assert listing.status == "archived"
    assert ListingEvent.objects.filter(listing=listing, verb="archived").count() == 1
