"""A flat, JSON-safe picture of a listing, so that a change event can say exactly what
changed: ``{"text.en.title": ["old", "new"], "areas": [["trade"], ["trade", "finance"]]}``."""

from __future__ import annotations

from typing import Any

from techbridge.catalogue.models import Listing

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


def listing_snapshot(listing: Listing) -> dict[str, Any]:
    picture: dict[str, Any] = {name: getattr(listing, name) for name in PLAIN_FIELDS}
    picture["keywords"] = list(listing.keywords)
    picture["price_amount"] = None if listing.price_amount is None else str(listing.price_amount)
    picture["areas"] = sorted(listing.areas.values_list("code", flat=True))
    picture["sectors"] = sorted(listing.sectors.values_list("code", flat=True))
    picture["partnership_types"] = sorted(listing.partnership_types.values_list("code", flat=True))
    for text in listing.texts.all():
        for name in TEXT_FIELDS:
            picture[f"text.{text.language}.{name}"] = getattr(text, name)
    picture["ip_rights"] = sorted(
        [
            right.right_type,
            right.territory,
            right.number,
            right.status,
            sorted([owner.name, str(owner.share_percent)] for owner in right.owners.all()),
        ]
        for right in listing.ip_rights.prefetch_related("owners")
    )
    return picture


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{key: [before, after]}`` for every key whose value differs (missing counts as None)."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
