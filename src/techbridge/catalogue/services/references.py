"""Listing reference codes, after EEN profile references: kind, region, date, sequence.

Example: ``TOHK20261122003`` — the third technology offer from Hong Kong created that day.
"""

from __future__ import annotations

from datetime import datetime

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
    unique constraint on ``reference`` turns a rare race into a retry, never a duplicate."""
    day = timezone.localtime(when or timezone.now()).strftime("%Y%m%d")
    prefix = f"{KIND_PREFIX[ListingKind(kind)]}{REGION_CODE[region]}{day}"
    last = (
        Listing.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:03d}"
