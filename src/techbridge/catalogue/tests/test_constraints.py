"""Database constraints hold even when code bypasses the services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import IPRightOwner, ListingEvent, ListingText
from techbridge.catalogue.tests.factories import create_offer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [
        {"detail_tier": 0, "teaser_tier": 2},
        {"currency": ""},
        {"price_amount": Decimal("-1")},
        {"status": "published", "published_at": None},
        {"kind": "gadget"},
    ],
)
def test_listing_check_constraints(
    officer: User, hk_university: Organisation, changes: dict[str, object]
) -> None:
    listing = create_offer(officer, hk_university)
    for name, value in changes.items():
        setattr(listing, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        listing.save()


def test_one_text_per_language(officer: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    with pytest.raises(IntegrityError), transaction.atomic():
        ListingText.objects.create(listing=listing, language="en", title="x", summary="y")


def test_machine_text_must_name_its_source(officer: User, hk_university: Organisation) -> None:
    listing = create_offer(officer, hk_university)
    with pytest.raises(IntegrityError), transaction.atomic():
        ListingText.objects.create(
            listing=listing, language="zh-hans", title="x", summary="y", origin="machine"
        )


def test_ip_share_range(officer: User, hk_university: Organisation) -> None:
    right = create_offer(officer, hk_university).ip_rights.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        IPRightOwner.objects.create(ip_right=right, name="C", share_percent=Decimal("120"))


def test_events_are_append_only(officer: User, hk_university: Organisation) -> None:
    event = ListingEvent.objects.get(listing=create_offer(officer, hk_university))
    event.verb = "published"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        ListingEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        ListingEvent.objects.update(verb="archived")
    assert ListingEvent.objects.get(pk=event.pk).verb == "created"
