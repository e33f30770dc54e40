"""The listing status machine as a pure table, after the EEN profile lifecycle.

draft → review → published → on hold / expired / archived; published listings are valid one
year, renewable, never beyond two years from first publication. No database access here, so
the table can be tested exhaustively on its own.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from techbridge.catalogue.choices import ListingStatus as S


class ListingAction(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    PUBLISH = "publish"
    HOLD = "hold"
    RESUME = "resume"
    RENEW = "renew"
    EXPIRE = "expire"
    ARCHIVE = "archive"


TRANSITIONS: dict[tuple[str, ListingAction], str] = {
    (S.DRAFT, ListingAction.SUBMIT): S.REVIEW,
    (S.REVIEW, ListingAction.RETURN): S.DRAFT,
    (S.REVIEW, ListingAction.PUBLISH): S.PUBLISHED,
    (S.PUBLISHED, ListingAction.HOLD): S.ON_HOLD,
    (S.ON_HOLD, ListingAction.RESUME): S.PUBLISHED,
    (S.PUBLISHED, ListingAction.RENEW): S.PUBLISHED,
    (S.ON_HOLD, ListingAction.RENEW): S.ON_HOLD,
    (S.EXPIRED, ListingAction.RENEW): S.PUBLISHED,
    (S.PUBLISHED, ListingAction.EXPIRE): S.EXPIRED,
    (S.ON_HOLD, ListingAction.EXPIRE): S.EXPIRED,
    **{(status, ListingAction.ARCHIVE): S.ARCHIVED for status in S.values if status != S.ARCHIVED},
}

# Text and facts may be edited while a listing is being prepared or is live; an expired or
# archived listing is a record and must be renewed (or copied) first.
EDITABLE_STATUSES = frozenset({S.DRAFT, S.REVIEW, S.PUBLISHED, S.ON_HOLD})


def next_status(status: str, action: ListingAction) -> str | None:
    """The status after ``action``, or None when the action is not allowed from ``status``."""
    return TRANSITIONS.get((status, action))


def validity_end(
    now: datetime, first_published_at: datetime, validity_days: int, max_age_days: int
) -> datetime:
    """End of validity for a publication or renewal at ``now``: one period, capped."""
    return min(
        now + timedelta(days=validity_days), first_published_at + timedelta(days=max_age_days)
    )
