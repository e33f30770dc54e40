"""Reading rows from CSV, XLSX or JSON into dictionaries keyed by our column names.

Every reader is bounded, because an upload is untrusted: the file's size, an XLSX's
decompressed size and compression ratio (checked from the zip directory before openpyxl opens
it, and again by counting the text read), the number of rows (counted while streaming, so a
huge file stops at the first row too many), the length of a cell, the nesting of JSON and the
time spent parsing. Every refusal is one translated sentence; nothing is written by reading.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from techbridge.catalogue.bulk.columns import LIST_SEPARATOR, REQUIRED_COLUMNS, canonical
from techbridge.core.errors import ServiceValidationError

FORMATS = ("csv", "xlsx", "json")
MAX_ROWS = 5000
# Blank lines are skipped, but a sheet whose rows are numbered far beyond MAX_ROWS makes
# openpyxl yield every missing row: the row numbers are bounded too.
MAX_LINES = 2 * MAX_ROWS + 1
MAX_COLUMNS = 200
MAX_CELL_CHARS = 20_000
# Our own format needs three levels (list → record → list of codes); a few more are harmless.
MAX_JSON_DEPTH = 8
# A zip member expanding more than this many times its compressed size is refused: real
# spreadsheets compress about 5-20 times; a zip bomb compresses thousands of times.
MAX_XLSX_RATIO = 100


def max_upload_bytes() -> int:
    """TECHBRIDGE_IMPORT_MAX_BYTES: the largest file accepted (5 MB by default)."""
    return int(getattr(settings, "TECHBRIDGE_IMPORT_MAX_BYTES", 5 * 1024 * 1024))


def max_unpacked_bytes() -> int:
    """TECHBRIDGE_IMPORT_MAX_UNPACKED_BYTES: an XLSX's largest decompressed size (50 MB)."""
    return int(getattr(settings, "TECHBRIDGE_IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024))


def max_parse_seconds() -> float:
    """TECHBRIDGE_IMPORT_PARSE_SECONDS: the time budget for reading one file (30 s)."""
    return float(getattr(settings, "TECHBRIDGE_IMPORT_PARSE_SECONDS", 30))


Row = tuple[int, dict[str, str]]


class _Unreadable(Exception):
    """A reader's own problem, already a translated sentence."""


def format_of(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise ServiceValidationError(_("Upload a .csv, .xlsx or .json file."))
    return suffix


def read_upload(data: IO[bytes]) -> bytes:
    """The whole upload, refused beyond the size cap (read one byte past it, no more)."""
    content = data.read(max_upload_bytes() + 1)
    if len(content) > max_upload_bytes():
        raise _too_large()
    return content


def _too_large() -> ServiceValidationError:
    return ServiceValidationError(
        _("The file is larger than %(size)s MB; split it into smaller files.")
        % {"size": _megabytes(max_upload_bytes())}
    )


def read_rows(data: IO[bytes] | bytes, fmt: str) -> list[Row]:
    """(line or record number, row) pairs; a malformed or oversized file raises a translated
    error."""
    content = data if isinstance(data, bytes) else read_upload(data)
    if len(content) > max_upload_bytes():
        raise _too_large()
    deadline = time.monotonic() + max_parse_seconds()
    rows: list[Row] = []
    try:
        for row in _READERS[fmt](content):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise ServiceValidationError(
                    _("A file may hold at most %(count)d listings.") % {"count": MAX_ROWS}
                )
            if len(rows) % 100 == 0 and time.monotonic() > deadline:
                raise _Unreadable(_("reading it took too long; split it into smaller files"))
    except _Unreadable as error:
        raise _cannot_read(fmt, str(error)) from error
    except UnicodeDecodeError as error:
        raise ServiceValidationError(
            _(
                "The file is not UTF-8 text. Save it as UTF-8 (in Excel: “CSV UTF-8”) "
                "and upload it again."
            )
        ) from error
    except csv.Error as error:
        raise _cannot_read(fmt, _("a line is not valid CSV")) from error
    except RecursionError as error:
        raise _cannot_read(fmt, _("it is nested too deeply")) from error
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        KeyError,
        OSError,
        EOFError,
        SyntaxError,  # the XML parsers' errors (ElementTree's ParseError, lxml's) derive from it
    ) as error:
        raise _cannot_read(fmt, _("it is not a valid spreadsheet")) from error
    except (ValueError, TypeError, IndexError, AttributeError) as error:
        # openpyxl raises these for malformed sheets; their text is not for readers.
        raise _cannot_read(fmt, _("its content is malformed")) from error
    _check_columns(rows)
    return rows


def _cannot_read(fmt: str, problem: str) -> ServiceValidationError:
    return ServiceValidationError(
        _("The file cannot be read as %(format)s: %(problem)s")
        % {"format": fmt.upper(), "problem": problem}
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _check_columns(rows: list[Row]) -> None:
    if not rows:
        raise ServiceValidationError(_("The file holds no listings."))
    present = set().union(*(row.keys() for _line, row in rows))
    for column in REQUIRED_COLUMNS:
        if column not in present:
            raise ServiceValidationError(
                _("The file has no “%(column)s” column.") % {"column": column}
            )


def _clean(row: Iterable[tuple[Any, Any]]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for key, value in row:
        heading = "" if key is None else str(key).strip()
        if not heading:
            continue
        text = "" if value is None else str(value).strip()
        if len(text) > MAX_CELL_CHARS or len(heading) > MAX_CELL_CHARS:
            raise _Unreadable(
                _("a cell holds more than %(count)d characters") % {"count": MAX_CELL_CHARS}
            )
        cleaned[canonical(heading)] = _unquoted(text)
    if len(cleaned) > MAX_COLUMNS:
        raise _Unreadable(_("it has more than %(count)d columns") % {"count": MAX_COLUMNS})
    return cleaned


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _unquoted(text: str) -> str:
    """Our exports put ``'`` before a cell that a spreadsheet would run as a formula; the
    import takes it off again, so an export imports back unchanged."""
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_START:
        return text[1:]
    return text


def _csv(content: bytes) -> Iterator[Row]:
    text = content.decode("utf-8-sig")  # strict: a GBK file fails here, before any row
    reader = csv.reader(io.StringIO(text, newline=""))
    headings = next(reader, [])
    if len(headings) > MAX_COLUMNS:
        raise _Unreadable(_("it has more than %(count)d columns") % {"count": MAX_COLUMNS})
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(headings):
            raise _Unreadable(
                _("line %(line)d has more cells than the heading row") % {"line": reader.line_num}
            )
        values += [""] * (len(headings) - len(values))
        yield reader.line_num, _clean(zip(headings, values, strict=True))


def _xlsx(content: bytes) -> Iterator[Row]:
    _check_zip(content)
    from openpyxl import load_workbook  # only needed for spreadsheets

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        if not book.worksheets:
            raise _Unreadable(_("it has no sheet"))
        sheet = book.worksheets[0]
        # A forged dimension (A1:XFD1048576) would pad every row to 16,384 cells.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        headings = [str(h or "") for h in next(rows, ())]
        if len(headings) > MAX_COLUMNS:
            raise _Unreadable(_("it has more than %(count)d columns") % {"count": MAX_COLUMNS})
        budget = max_unpacked_bytes()  # characters read, counted as they stream
        for number, values in enumerate(rows, start=2):
            if number > MAX_LINES:
                raise ServiceValidationError(
                    _("A file may hold at most %(count)d listings.") % {"count": MAX_ROWS}
                )
            if len(values) > MAX_COLUMNS:
                raise _Unreadable(_("it has more than %(count)d columns") % {"count": MAX_COLUMNS})
            if not any(v not in (None, "") for v in values):
                continue
            budget -= sum(len(str(v)) for v in values if v is not None)
            if budget < 0:
                raise _Unreadable(_("it holds too much text"))
            yield number, _clean(zip(headings, values, strict=False))
    finally:
        book.close()


def _check_zip(content: bytes) -> None:
    """Refuse a zip bomb from the zip's directory, before anything is decompressed.

    zipfile never yields more than a member's declared size (and then fails its CRC check),
    so the declared sizes bound what openpyxl can unpack.
    """
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        if total > max_unpacked_bytes():
            raise _Unreadable(
                _("it unpacks to more than %(size)s MB")
                % {"size": _megabytes(max_unpacked_bytes())}
            )
        for member in members:
            if member.file_size > 1024 * 1024 and (
                member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1)
            ):
                raise _Unreadable(_("it is compressed suspiciously well (a “zip bomb”)"))


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def _json_depth_check(content: bytes) -> None:
    """Refuse deep nesting before json parses it (its parser recurses per level)."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b"", content)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        if depth > MAX_JSON_DEPTH:
            raise _Unreadable(_("it is nested too deeply"))


def _json(content: bytes) -> Iterator[Row]:
    _json_depth_check(content)
    try:
        # Numbers stay as written ("1e999999", "NaN" included): the row parser judges them.
        records = json.loads(
            content.decode("utf-8-sig"), parse_float=str, parse_int=str, parse_constant=str
        )
    except json.JSONDecodeError as error:
        raise _Unreadable(
            _("it is not valid JSON (line %(line)d, column %(column)d)")
            % {"line": error.lineno, "column": error.colno}
        ) from error
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise _Unreadable(_("expected a list of objects"))
    for number, record in enumerate(records, start=1):
        yield number, _clean((k, _json_value(v)) for k, v in record.items())


def _json_value(value: Any) -> Any:
    """JSON lists become the same ``;``-separated text a CSV cell holds."""
    if isinstance(value, list):
        if any(isinstance(v, list | dict) for v in value):
            raise _Unreadable(_("a list may hold only text and numbers"))
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        raise _Unreadable(_("a value may be text, a number or a list, not an object"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


_READERS = {"csv": _csv, "xlsx": _xlsx, "json": _json}
