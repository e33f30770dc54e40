"""Reading rows from CSV, XLSX or JSON into dictionaries keyed by our column names."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from techbridge.catalogue.bulk.columns import LIST_SEPARATOR, canonical
from techbridge.core.errors import ServiceValidationError

FORMATS = ("csv", "xlsx", "json")
MAX_ROWS = 5000


def format_of(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise ServiceValidationError(_("Upload a .csv, .xlsx or .json file."))
    return suffix


def read_rows(data: IO[bytes], fmt: str) -> list[tuple[int, dict[str, str]]]:
    """(line or record number, row) pairs; a malformed file raises a translated error."""
    try:
        rows = list(_READERS[fmt](data))
    except (UnicodeDecodeError, csv.Error, json.JSONDecodeError, ValueError, KeyError) as error:
        raise ServiceValidationError(
            _("The file cannot be read as %(format)s: %(problem)s")
            % {"format": fmt.upper(), "problem": error}
        ) from error
    if len(rows) > MAX_ROWS:
        raise ServiceValidationError(
            _("A file may hold at most %(count)d listings.") % {"count": MAX_ROWS}
        )
    return rows


def _clean(row: dict[Any, Any]) -> dict[str, str]:
    return {
        canonical(str(key)): "" if value is None else str(value).strip()
        for key, value in row.items()
        if key is not None and str(key).strip()
    }


def _csv(data: IO[bytes]) -> Iterator[tuple[int, dict[str, str]]]:
    text = io.TextIOWrapper(data, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    for row in reader:
        yield reader.line_num, _clean(row)


def _xlsx(data: IO[bytes]) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook  # only needed for spreadsheets

    sheet = load_workbook(data, read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    headings = [str(h or "") for h in next(rows, ())]
    for number, values in enumerate(rows, start=2):
        if any(v not in (None, "") for v in values):
            yield number, _clean(dict(zip(headings, values, strict=False)))


def _json(data: IO[bytes]) -> Iterator[tuple[int, dict[str, str]]]:
    records = json.load(data)
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError(_("expected a list of objects"))
    for number, record in enumerate(records, start=1):
        yield (
            number,
            _clean({k: _joined(v) if isinstance(v, list) else v for k, v in record.items()}),
        )


def _joined(values: list[Any]) -> str:
    """JSON lists become the same ``;``-separated text a CSV cell holds."""
    return LIST_SEPARATOR.join(str(v) for v in values)


_READERS = {"csv": _csv, "xlsx": _xlsx, "json": _json}
