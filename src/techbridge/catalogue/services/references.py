"""Listing reference codes, after EEN profile references: kind, region, date, sequence.

Example: ``TOHK20261122003`` — the third technology offer from Hong Kong created that day.
The sequence has at least three digits and grows as needed (``…999`` is followed by
``…1000``), so it is compared as a number, never as text.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models.functions import Length
from django.utils import timezone

from techbridge.catalogue.choices import ListingKind
from techbridge.catalogue.models import Listing

KIND_PREFIX = {
    ListingKind.OFFER: "TO",
    ListingKind.REQUEST: "TR",
    ListingKind.RD_REQUEST: "RD",
    ListingKind.EXPERTISE: "EX",
    ListingKind.FACILITY: "FA",
}
REGION_CODE = {"hk": "HK", "cq": "CQ", "mainland": "CN", "intl": "IN"}


def next_listing_reference(kind: str, region: str, when: datetime | None = None) -> str:
    """The next free reference for the day. Called inside the creating transaction; the
    unique constraint on ``reference`` turns a rare race into a refusal, never a duplicate."""
    day = timezone.localtime(when or timezone.now()).strftime("%Y%m%d")
    prefix = f"{KIND_PREFIX[ListingKind(kind)]}{REGION_CODE[region]}{day}"
    return f"{prefix}{last_sequence(prefix) + 1:03d}"


def last_sequence(prefix: str) -> int:
    """The largest sequence number used after ``prefix`` (0 if none).

    Sequences are written without leading zeros beyond three digits, so the numerically
    largest is the longest, then the greatest text of that length: one query on the index
    of ``reference``. A suffix that is not a number (written by other means) is skipped by a
    slower scan rather than trusted.
    """
    # The range lets SQLite use the index (its LIKE ignores case, so it cannot); the prefix
    # test keeps the answer exact whatever the database's collation.
    after_prefix = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    same_day = Listing.objects.filter(
        reference__gte=prefix, reference__lt=after_prefix, reference__startswith=prefix
    )
    last = (
        same_day.annotate(width=Length("reference"))
        .order_by("-width", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    if last is None:
        return 0
    suffix = last[len(prefix) :]
    if _is_number(suffix):
        return int(suffix)
    suffixes = (ref[len(prefix) :] for ref in same_day.values_list("reference", flat=True))
    return max((int(s) for s in suffixes if _is_number(s)), default=0)


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()
