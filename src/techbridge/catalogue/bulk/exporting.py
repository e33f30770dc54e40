"""Exporting listings as the reader may see them: confidential columns only at their tier
(and each such export recorded as a confidential view), the owner hidden when anonymous."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from techbridge.catalogue.bulk.columns import COLUMNS, DETAIL_COLUMNS, LIST_SEPARATOR, TEXT_FIELDS
from techbridge.catalogue.choices import TextOrigin
from techbridge.catalogue.models import Listing
from techbridge.catalogue.selectors import listing_reading


def export_rows(user: Any, listings: Iterable[Listing]) -> list[dict[str, str]]:
    """One row per listing the reader may see, in the canonical columns."""
    rows = []
    for listing in listings:
        reading = listing_reading(user, listing, listing.original_language, channel="export")
        if reading is None:
            continue
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            external_ref=listing.external_ref if reading.owner_visible else "",
            reference=listing.reference,
            kind=listing.kind,
            owner=listing.owner.slug if reading.owner_visible else "",
            original_language=listing.original_language,
            keywords=LIST_SEPARATOR.join(listing.keywords),
            areas=LIST_SEPARATOR.join(area.code for area in listing.areas.all()),
            partnership_types=LIST_SEPARATOR.join(p.code for p in listing.partnership_types.all()),
            trl=str(listing.trl_id or ""),
            ip_status=listing.ip_status,
            price_terms=listing.price_terms,
            price_amount=str(listing.price_amount or ""),
            currency=listing.currency,
            is_anonymous="true" if listing.is_anonymous else "false",
            teaser_tier=str(listing.teaser_tier),
            detail_tier=str(listing.detail_tier),
        )
        for text in listing.texts.all():
            if text.origin == TextOrigin.MACHINE:
                continue  # regenerated on import from the authored script
            for name in TEXT_FIELDS:
                column = f"{name}_{text.language}"
                if column in DETAIL_COLUMNS and not reading.detail_visible:
                    continue
                row[column] = getattr(text, name)
        rows.append(row)
    return rows


def as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def as_json(rows: list[dict[str, str]]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


def as_xlsx(rows: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("listings")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row[column] for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WRITERS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "json": (as_json, "application/json"),
    "xlsx": (as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
