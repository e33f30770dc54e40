"""A flat, JSON-safe picture of a listing, so that a change event can say exactly what
changed: ``{"text.en.title": ["old", "new"], "areas": [["trade"], ["trade", "finance"]]}``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from techbridge.catalogue.models import Listing, ListingText

TEXT_FIELDS = ("title", "summary", "description", "advantages", "requirements", "origin")
PLAIN_FIELDS = (
    "kind",
    "owner_id",
    "original_language",
    "keywords",
    "ip_status",
    "price_terms",
    "currency",
    "is_anonymous",
    "teaser_tier",
    "detail_tier",
    "external_ref",
    "trl_id",
)


def listing_snapshot(
    listing: Listing,
    *,
    codes: dict[str, list[str]] | None = None,
    texts: Iterable[ListingText] | None = None,
) -> dict[str, Any]:
    """The picture, read from the database; a caller that has just written the relations'
    ``codes`` and the ``texts`` may pass them to save the queries (a new listing's import)."""
    picture: dict[str, Any] = {name: getattr(listing, name) for name in PLAIN_FIELDS}
    picture["keywords"] = list(listing.keywords)
    picture["price_amount"] = None if listing.price_amount is None else str(listing.price_amount)
    if codes is None:
        codes = {
            "areas": list(listing.areas.values_list("code", flat=True)),
            "sectors": list(listing.sectors.values_list("code", flat=True)),
            "partnership_types": list(listing.partnership_types.values_list("code", flat=True)),
        }
    for name in ("areas", "sectors", "partnership_types"):
        picture[name] = sorted(codes[name])
    for text in listing.texts.all() if texts is None else texts:
        for name in TEXT_FIELDS:
            picture[f"text.{text.language}.{name}"] = getattr(text, name)
    picture["ip_rights"] = sorted(
        [
            right.right_type,
            right.territory,
            right.number,
            right.status,
            _iso(right.filed_on),
            _iso(right.granted_on),
            sorted([owner.name, str(owner.share_percent)] for owner in right.owners.all()),
        ]
        for right in listing.ip_rights.prefetch_related("owners")
    )
    return picture


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{key: [before, after]}`` for every key whose value differs (missing counts as None)."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
