"""Bounded reading of import files, row parsing of hostile values, duplicate external refs,
references past 999, and a 5,000-row import."""

from __future__ import annotations

import io
import json
import time
import zipfile
from datetime import datetime
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.bulk import reading
from techbridge.catalogue.bulk.importing import listings_import, row_to_input
from techbridge.catalogue.bulk.reading import MAX_ROWS, read_rows
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.services.references import next_listing_reference
from techbridge.catalogue.tests.factories import create_offer
from techbridge.core.errors import ServiceValidationError

pytestmark = pytest.mark.django_db

HEADER = "external_ref,kind,owner,original_language,title_en,summary_en,trl,areas,price_amount"


def good_row(slug: str, ref: str, **changes: str) -> dict[str, str]:
    row = {
        "external_ref": ref,
        "kind": "offer",
        "owner": slug,
        "original_language": "en",
        "title_en": f"Welding {ref}",
        "summary_en": "Fast welding of thin steel.",
        "trl": "5",
        "areas": "innovation_technology",
    }
    row.update(changes)
    return row


def csv_of(rows: list[dict[str, str]]) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def refusal(data: bytes, fmt: str) -> str:
    with pytest.raises(ServiceValidationError) as caught:
        read_rows(data, fmt)
    return " ".join(caught.value.messages)


# --- Reading ---------------------------------------------------------------------------------


def test_upload_over_the_size_cap_is_refused_before_parsing(settings: Any) -> None:
    settings.TECHBRIDGE_IMPORT_MAX_BYTES = 1000
    data = (HEADER + "\n" + "x," * 600).encode()
    assert refusal(data, "csv") == (
        "The file is larger than 0.000953674 MB; split it into smaller files."
    )
    assert refusal(io.BytesIO(data), "csv").startswith("The file is larger than")  # type: ignore[arg-type]


def test_rows_are_counted_while_streaming() -> None:
    line = "R{n},offer,o,en,t,s,5,a,\n"
    data = (HEADER + "\n" + "".join(line.format(n=n) for n in range(MAX_ROWS + 1))).encode()
    assert refusal(data, "csv") == "A file may hold at most 5000 listings."


def test_gbk_csv_is_asked_to_be_saved_as_utf8() -> None:
    data = (HEADER + "\nA,offer,o,zh-hans,激光焊接,快速,5,a,\n").encode("gbk")
    assert refusal(data, "csv") == (
        "The file is not UTF-8 text. Save it as UTF-8 (in Excel: “CSV UTF-8”) and upload it again."
    )


def test_missing_owner_column_is_named() -> None:
    data = b"external_ref,kind,title_en\nA,offer,Welding\n"
    assert refusal(data, "csv") == "The file has no “owner” column."
    assert refusal(json.dumps([{"external_ref": "A", "kind": "offer"}]).encode(), "json") == (
        "The file has no “owner” column."
    )


def test_bom_is_ignored_and_long_cells_refused() -> None:
    rows = read_rows(b"\xef\xbb\xbf" + csv_of([good_row("o", "A")]), "csv")
    assert rows == [(2, good_row("o", "A"))]
    data = csv_of([good_row("o", "A", summary_en="x" * 20_001)])
    assert refusal(data, "csv") == (
        "The file cannot be read as CSV: a cell holds more than 20000 characters"
    )


def test_deep_json_is_refused_without_recursion() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    assert refusal(deep, "json") == "The file cannot be read as JSON: it is nested too deeply"
    bracket_in_text = json.dumps([{"external_ref": "[[[[[[[[[[[[", "kind": "o", "owner": "o"}])
    assert read_rows(bracket_in_text.encode(), "json")[0][1]["external_ref"] == "[[[[[[[[[[[["
    assert refusal(b'[{"owner": {"a": 1}}]', "json") == (
        "The file cannot be read as JSON: a value may be text, a number or a list, not an object"
    )
    assert refusal(b"{not json", "json") == (
        "The file cannot be read as JSON: it is not valid JSON (line 1, column 2)"
    )


def test_json_numbers_reach_the_row_parser_as_written() -> None:
    data = b'[{"external_ref": "A", "kind": "offer", "owner": "o", "price_amount": 1e999999,'
    data += b' "trl": 5, "teaser_tier": NaN, "is_anonymous": true}]'
    row = read_rows(data, "json")[0][1]
    assert (row["price_amount"], row["trl"], row["teaser_tier"], row["is_anonymous"]) == (
        "1e999999",
        "5",
        "NaN",
        "true",
    )


def zip_bomb_xlsx(size: int) -> bytes:
    """A real workbook whose sheet XML is padded with ``size`` bytes of whitespace."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["external_ref", "kind", "owner"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<sheetData>", b"<sheetData>" + b" " * size)
            bomb.writestr(item.filename, content)
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused_from_the_zip_directory(settings: Any) -> None:
    bomb = zip_bomb_xlsx(60 * 1024 * 1024)
    assert len(bomb) < 200_000
    started = time.monotonic()
    assert refusal(bomb, "xlsx") == "The file cannot be read as XLSX: it unpacks to more than 50 MB"
    settings.TECHBRIDGE_IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
    assert refusal(bomb, "xlsx") == (
        "The file cannot be read as XLSX: it is compressed suspiciously well (a “zip bomb”)"
    )
    assert time.monotonic() - started < 5


def test_xlsx_rows_are_counted_while_streaming_and_forged_dimensions_ignored() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["external_ref", "kind", "owner"])
    sheet.cell(row=1_000_000, column=1, value="far away")
    out = io.BytesIO()
    book.save(out)
    started = time.monotonic()
    assert refusal(out.getvalue(), "xlsx") == "A file may hold at most 5000 listings."
    assert time.monotonic() - started < 10
    assert refusal(b"PK not a zip", "xlsx") == (
        "The file cannot be read as XLSX: it is not a valid spreadsheet"
    )


# --- Rows --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("teaser_tier", "²", "teaser_tier: Choose a valid disclosure tier."),
        ("detail_tier", "1" * 5000, "detail_tier: Choose a valid disclosure tier."),
        (
            "trl",
            "²",
            "trl: Give the TRL as a number from 1 to 9 or an EEN stage of development.",
        ),
        *(
            (
                "price_amount",
                bad,
                "price_amount: The price must be a number, such as 1500 or 1500.50.",
            )
            for bad in ("NaN", "Infinity", "-inf", "1e999999", "²", "12..5", "1" * 40)
        ),
        (
            "summary_en",
            "null\x00byte",
            "summary_en: This cell holds control characters (such as NUL); remove them.",
        ),
        ("owner", "", "owner: Give the owner: the organisation's short name (slug)."),
    ],
)
def test_hostile_values_are_clear_row_errors(
    officer: User, hk_university: Organisation, column: str, value: str, message: str
) -> None:
    row = good_row(hk_university.slug, "A", **{column: value})
    report = listings_import(actor=officer, rows=[(2, row)], dry_run=False)
    assert [(r.action, r.errors) for r in report.rows] == [("error", [message])]
    assert not report.applied
    assert not Listing.objects.exists()


def test_plain_prices_are_parsed_exactly(hk_university: Organisation) -> None:
    for text, value in (("1,500.50", "1500.50"), ("0.1", "0.1"), ("2e3", "2E+3")):
        data = row_to_input(good_row(hk_university.slug, "A", price_amount=text, currency="HKD"))
        assert str(data.price_amount) == value


def test_repeated_external_ref_refuses_both_rows_naming_both(
    officer: User, hk_university: Organisation
) -> None:
    slug = hk_university.slug
    rows = [(2, good_row(slug, "A")), (3, good_row(slug, "B")), (4, good_row(slug, "A"))]
    report = listings_import(actor=officer, rows=rows, dry_run=False)
    message = "Rows 2, 4 have the same external_ref “A”; give each row its own."
    assert [(r.line, r.action, r.errors) for r in report.rows] == [
        (2, "error", [message]),
        (3, "created", []),
        (4, "error", [message]),
    ]
    assert not Listing.objects.exists()


def test_export_quote_before_formula_characters_is_removed_on_import() -> None:
    row = good_row("o", "A", title_en="'=SUM(A1)", summary_en="'plain quote")
    parsed = read_rows(csv_of([row]), "csv")[0][1]
    assert (parsed["title_en"], parsed["summary_en"]) == ("=SUM(A1)", "'plain quote")


# --- References ------------------------------------------------------------------------------


def test_references_continue_numerically_past_999(
    officer: User, hk_university: Organisation
) -> None:
    when = datetime(2026, 11, 22, 12, tzinfo=timezone.get_current_timezone())
    prefix = "TOHK20261122"
    listing = create_offer(officer, hk_university)
    for sequence in ("998", "999"):
        Listing.objects.filter(pk=listing.pk).update(reference=f"{prefix}{sequence}")
        listing = create_offer(officer, hk_university)
    assert next_listing_reference("offer", "hk", when) == f"{prefix}1000"
    Listing.objects.filter(pk=listing.pk).update(reference=f"{prefix}1000")
    other = create_offer(officer, hk_university)
    Listing.objects.filter(pk=other.pk).update(reference=f"{prefix}10000")
    assert next_listing_reference("offer", "hk", when) == f"{prefix}10001"
    assert next_listing_reference("request", "hk", when) == "TRHK20261122001"


# --- 5,000 rows ------------------------------------------------------------------------------


def test_five_thousand_new_listings_import_in_one_go(
    officer: User, hk_university: Organisation
) -> None:
    slug = hk_university.slug
    data = csv_of([good_row(slug, f"BULK-{n}") for n in range(MAX_ROWS)])
    started = time.monotonic()
    rows = read_rows(data, "csv")
    done: list[tuple[int, int]] = []
    report = listings_import(
        actor=officer, rows=rows, dry_run=False, progress=lambda d, t: done.append((d, t))
    )
    elapsed = time.monotonic() - started
    assert report.applied and report.count("created") == MAX_ROWS, report.rows[:3]
    assert Listing.objects.count() == MAX_ROWS
    assert ListingEvent.objects.count() == MAX_ROWS
    references = list(Listing.objects.values_list("reference", flat=True))
    assert len(set(references)) == MAX_ROWS
    assert done[-1] == (MAX_ROWS, MAX_ROWS) and len(done) == MAX_ROWS // 100
    print(f"5,000-row import: {elapsed:.1f} s")


def test_reader_module_limits_are_as_documented() -> None:
    assert (reading.MAX_ROWS, reading.MAX_CELL_CHARS, reading.MAX_JSON_DEPTH) == (5000, 20000, 8)
    assert reading.max_upload_bytes() == 5 * 1024 * 1024


def test_parsing_stops_when_its_time_budget_is_spent(settings: Any) -> None:
    settings.TECHBRIDGE_IMPORT_PARSE_SECONDS = 0
    data = csv_of([good_row("o", f"T{n}") for n in range(200)])
    assert refusal(data, "csv") == (
        "The file cannot be read as CSV: reading it took too long; split it into smaller files"
    )


def test_the_command_reports_a_refused_file_in_words(
    officer: User, hk_university: Organisation, tmp_path: Any
) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("external_ref,kind,owner\nA,offer,机构\n".encode("gbk"))
    with pytest.raises(CommandError) as caught:
        call_command("import_listings", str(path), "--as", officer.email)
    assert str(caught.value) == (
        f"{path}: The file is not UTF-8 text. Save it as UTF-8 (in Excel: “CSV UTF-8”) "
        "and upload it again."
    )
    assert not Listing.objects.exists()


def _workbook_with(sheet_xml: bytes) -> bytes:
    book = Workbook()
    out = io.BytesIO()
    book.save(out)
    changed = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item.filename, sheet_xml if "worksheets/" in item.filename else content)
    return changed.getvalue()


@pytest.mark.parametrize(
    "sheet_xml",
    [
        b"<worksheet><sheetData><row><c",  # cut short
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;'
        b'&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><x>&c;&c;&c;</x>',
    ],
)
def test_broken_or_entity_laden_sheet_xml_is_refused_in_words(sheet_xml: bytes) -> None:
    message = refusal(_workbook_with(sheet_xml), "xlsx")
    # Cut short: unreadable. The entities expand to a few hundred characters and no rows.
    assert message in (
        "The file cannot be read as XLSX: it is not a valid spreadsheet",
        "The file holds no listings.",
    ), message
