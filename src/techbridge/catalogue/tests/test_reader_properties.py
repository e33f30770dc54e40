"""Properties of the import readers and of the whole import: any input ends in rows, a clear
refusal or row errors — never another exception, never half a file written."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.bulk.importing import listings_import
from techbridge.catalogue.bulk.reading import read_rows
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.core.errors import ServiceValidationError

pytestmark = pytest.mark.django_db

FEW = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEADINGS = ["external_ref", "kind", "owner", "title_en", "summary_en", "trl", "price_amount"]
# Cells people and attackers type: numbers in other scripts, controls, formulas, quotes.
NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["²", "٣", "NaN", "-Infinity", "1e999999", "=1+1", "'=x", "\x00", "\r\n"]),
    st.from_regex(r"[0-9]{1,40}(\.[0-9]{0,5})?", fullmatch=True),
)


def reads_or_refuses(data: bytes, fmt: str) -> list[tuple[int, dict[str, str]]] | None:
    """The rows, or None after a translated refusal; any other exception fails the test."""
    try:
        rows = read_rows(data, fmt)
    except ServiceValidationError as error:
        assert error.messages and all(isinstance(m, str) and m for m in error.messages)
        return None
    for line, row in rows:
        assert isinstance(line, int)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in row.items())
    return rows


@FEW
@given(st.binary(max_size=2000))
def test_csv_reader_on_any_bytes(data: bytes) -> None:
    reads_or_refuses(data, "csv")


@FEW
@given(st.lists(st.lists(NASTY, min_size=1, max_size=9), min_size=1, max_size=8))
def test_csv_reader_on_any_grid(grid: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([HEADINGS, *grid])
    rows = reads_or_refuses(out.getvalue().encode(), "csv")
    if rows is not None:
        assert len(rows) <= len(grid)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@FEW
@given(JSON_VALUES)
def test_json_reader_on_any_json(value: Any) -> None:
    reads_or_refuses(json.dumps(value).encode(), "json")


@FEW
@given(st.binary(max_size=500))
def test_json_and_xlsx_readers_on_any_bytes(data: bytes) -> None:
    reads_or_refuses(data, "json")
    reads_or_refuses(data, "xlsx")
    reads_or_refuses(b"PK\x03\x04" + data, "xlsx")


def _cell(value: str) -> str:
    # openpyxl itself refuses to write control characters, so they cannot reach a real sheet.
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(NASTY, min_size=1, max_size=9), min_size=1, max_size=5))
def test_xlsx_reader_on_any_sheet(grid: list[list[str]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for values in [HEADINGS, *grid]:
        sheet.append([_cell(v) for v in values])
    out = io.BytesIO()
    book.save(out)
    reads_or_refuses(out.getvalue(), "xlsx")


ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "external_ref": st.sampled_from(["A", "B", "C", ""]),
            "kind": st.sampled_from(["offer", "request", "Technology offer", "bogus"]),
            "owner": st.sampled_from(["test-hk-uni", "", "nobody"]),
            "original_language": st.sampled_from(["en", "", "xx"]),
            "title_en": NASTY,
            "summary_en": NASTY,
            "trl": NASTY,
            "areas": st.sampled_from(["innovation_technology", "", "nope"]),
            "price_amount": NASTY,
            "currency": st.sampled_from(["HKD", "", "ZZZ"]),
            "teaser_tier": NASTY,
            "detail_tier": st.sampled_from(["", "1", "2", "²"]),
        }
    ),
    min_size=1,
    max_size=4,
)


@FEW
@given(rows=ROWS, dry_run=st.booleans())
def test_whole_import_is_all_or_nothing(
    officer: User, hk_university: Organisation, rows: list[dict[str, str]], dry_run: bool
) -> None:
    before = (Listing.objects.count(), ListingEvent.objects.count())
    numbered = list(enumerate(rows, start=2))
    report = listings_import(actor=officer, rows=numbered, dry_run=dry_run)
    after = (Listing.objects.count(), ListingEvent.objects.count())
    assert [r.line for r in report.rows] == [line for line, _row in numbered]
    if report.applied:
        assert not dry_run and report.error_count == 0
        assert after[0] == before[0] + report.count("created")
    else:
        assert after == before
        assert dry_run or report.error_count > 0
    for result in report.rows:
        assert (result.action == "error") == bool(result.errors)
        assert all(isinstance(m, str) and m for m in result.errors)
