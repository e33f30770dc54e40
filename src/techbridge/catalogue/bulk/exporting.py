"""Exporting listings as the reader may see them: confidential columns only at their tier
(and each such export recorded as a confidential view), the owner hidden when anonymous.

Spreadsheet exports cannot hurt the person who opens them: a cell whose text begins with
``=``, ``+``, ``-``, ``@``, tab or carriage return would be read by Excel or LibreOffice as a
formula (CSV injection, OWASP), so it gets a leading single quote, and XLSX cells are written
as strings explicitly so that openpyxl never writes a formula. A stored character XML cannot
hold (from before the input bounds) is replaced with U+FFFD rather than failing the export.
JSON is not a spreadsheet: it stays exact, and its consumers get the stored text unchanged.

Importing our own export must give back the same text: ``restore_spreadsheet_text`` undoes
``neutralise_spreadsheet_text`` exactly (a value that itself starts with quotes before a
trigger gets one more quote, so the one removed on import is always ours).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from techbridge.catalogue.bulk.columns import COLUMNS, DETAIL_COLUMNS, LIST_SEPARATOR, TEXT_FIELDS
from techbridge.catalogue.choices import TextOrigin
from techbridge.catalogue.ip_text import format_ip_rights
from techbridge.catalogue.models import Listing
from techbridge.catalogue.selectors import listing_reading
from techbridge.core.bounds import xml_safe

# What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
NEUTRALISING_PREFIX = "'"


def _starts_like_formula(value: str) -> bool:
    return value.lstrip(NEUTRALISING_PREFIX)[:1] in FORMULA_TRIGGERS


def neutralise_spreadsheet_text(value: str) -> str:
    """``value`` as a spreadsheet cell that is never read as a formula."""
    return NEUTRALISING_PREFIX + value if _starts_like_formula(value) else value


def restore_spreadsheet_text(value: str) -> str:
    """The original of a neutralised cell: the importer calls this on CSV and XLSX cells."""
    if value.startswith(NEUTRALISING_PREFIX) and _starts_like_formula(value):
        return value[len(NEUTRALISING_PREFIX) :]
    return value


def _spreadsheet_cell(value: str) -> str:
    return neutralise_spreadsheet_text(xml_safe(value))


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
            price_amount=_price_text(listing),
            currency=listing.currency,
            is_anonymous="true" if listing.is_anonymous else "false",
            teaser_tier=str(listing.teaser_tier),
            detail_tier=str(listing.detail_tier),
        )
        if reading.detail_visible:
            # Owners of an anonymous listing's rights would name it: left out with the owner.
            rights = listing.ip_rights.all()
            row["ip_rights"] = format_ip_rights(rights, with_owners=reading.owner_visible)
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


def _price_text(listing: Listing) -> str:
    # The database bounds the price (catalogue_listing_price_within_digits); the text of a
    # finite price is plain digits, never scientific notation, so spreadsheets read it back.
    amount = listing.price_amount
    return "" if amount is None else f"{amount:f}"


def as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _spreadsheet_cell(row[column]) for column in COLUMNS})
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def as_json(rows: list[dict[str, str]]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


def as_xlsx(rows: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("listings")

    def text_cell(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet)
        # XML reads any carriage return back as a line feed: write what will be read.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        # The type is set after the value: assigning a value makes openpyxl guess its type,
        # and a text beginning with "=" would be guessed a formula.
        cell.value = _spreadsheet_cell(value)
        cell.data_type = "s"
        return cell

    sheet.append([text_cell(column) for column in COLUMNS])
    for row in rows:
        sheet.append([text_cell(row[column]) for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WRITERS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "json": (as_json, "application/json"),
    "xlsx": (as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
