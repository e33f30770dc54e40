"""The listing status table, checked exhaustively without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.lifecycle import ListingAction, next_status, validity_end

EXPECTED = {
    ("draft", "submit"): "review",
    ("review", "return"): "draft",
    ("review", "publish"): "published",
    ("published", "hold"): "on_hold",
    ("on_hold", "resume"): "published",
    ("published", "renew"): "published",
    ("on_hold", "renew"): "on_hold",
    ("expired", "renew"): "published",
    ("published", "expire"): "expired",
    ("on_hold", "expire"): "expired",
    ("draft", "archive"): "archived",
    ("review", "archive"): "archived",
    ("published", "archive"): "archived",
    ("on_hold", "archive"): "archived",
    ("expired", "archive"): "archived",
}


@pytest.mark.parametrize("status", ListingStatus.values)
@pytest.mark.parametrize("action", list(ListingAction))
def test_every_status_and_action(status: str, action: ListingAction) -> None:
    assert next_status(status, action) == EXPECTED.get((status, action.value))


def test_validity_is_one_year_capped_at_two_from_first_publication() -> None:
    first = datetime(2025, 1, 1, tzinfo=UTC)
    assert validity_end(first, first, 365, 730) == first + timedelta(days=365)
    later = first + timedelta(days=500)
    assert validity_end(later, first, 365, 730) == first + timedelta(days=730)
