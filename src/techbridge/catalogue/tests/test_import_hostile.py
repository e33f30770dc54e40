"""Hostile import files, each uploaded through the page by a member of the owner: each is
refused with a clear message (nothing written) or imported whole, and afterwards every public
page, export and API read still answers."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import member_of
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.tests.published import Catalogue

pytestmark = pytest.mark.django_db

COLUMNS = ["external_ref", "kind", "owner", "original_language", "title_en", "summary_en", "trl"]
COLUMNS += ["areas", "price_amount", "currency", "teaser_tier"]


def row(slug: str, ref: str, **changes: str) -> dict[str, str]:
    values = dict.fromkeys(COLUMNS, "")
    values.update(
        external_ref=ref,
        kind="offer",
        owner=slug,
        original_language="en",
        title_en=f"Sensor {ref}",
        summary_en="A washable strain sensor.",
        trl="5",
        areas="innovation_technology",
    )
    values.update(changes)
    return values


def as_csv(rows: list[dict[str, str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def as_xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb(slug: str) -> bytes:
    """A valid workbook with 80 MB of whitespace inside its sheet: about 80 kB on disk."""
    plain = as_xlsx([COLUMNS, list(row(slug, "BOMB").values())])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as source, zipfile.ZipFile(out, "w", 8) as bomb:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(b"<sheetData>", b"<sheetData>" + b" " * 80_000_000)
            bomb.writestr(item.filename, content)
    return out.getvalue()


# name → (file name, content for the owner's slug, what must happen, words of the message)
Case = tuple[str, Callable[[str], bytes], str, str]
CASES: dict[str, Case] = {
    "zip bomb": ("bomb.xlsx", zip_bomb, "refused", "unpacks to more than"),
    "huge csv": (
        "huge.csv",
        lambda s: as_csv([row(s, f"H{n}", summary_en="x" * 900) for n in range(6000)]),
        "refused",
        "larger than 5 MB",
    ),
    "too many rows": (
        "many.csv",
        lambda s: as_csv([row(s, f"M{n}") for n in range(5001)]),
        "refused",
        "at most 5000 listings",
    ),
    "nul and controls": (
        "nul.csv",
        lambda s: as_csv(
            [row(s, "N1", title_en="bad\x00title"), row(s, "N2", summary_en="\x1b[31m")]
        ),
        "refused",
        "control characters",
    ),
    "formula cells": (
        "formula.csv",
        lambda s: as_csv(
            [
                row(s, "F1", title_en='=HYPERLINK("http://evil.example","x")'),
                row(s, "F2", title_en="@SUM(1+1)", summary_en="+cmd|' /C calc'!A0"),
                row(s, "F3", title_en="'-2+3", summary_en="\tTabbed"),
            ]
        ),
        "imported",
        "",
    ),
    "huge price": (
        "price.csv",
        lambda s: as_csv([row(s, "P1", price_amount="1e30", currency="HKD")]),
        "refused",
        "price",
    ),
    "unparsable numbers": (
        "numbers.json",
        lambda s: json.dumps(
            [
                row(s, "U1", teaser_tier="²"),
                row(s, "U2", trl="²"),
                row(s, "U3", price_amount="NaN", currency="HKD"),
                row(s, "U4", price_amount="Infinity", currency="HKD"),
                row(s, "U5", price_amount="1e999999", currency="HKD"),
            ]
        ).encode(),
        "refused",
        "must be a number",
    ),
    "nested json": ("deep.json", lambda s: b"[" * 50_000 + b"]" * 50_000, "refused", "nested"),
    "gbk": (
        "gbk.csv",
        lambda s: as_csv([row(s, "G1", title_en="传感器", original_language="zh-hans")], "gbk"),
        "refused",
        "UTF-8",
    ),
    "bom": ("bom.csv", lambda s: b"\xef\xbb\xbf" + as_csv([row(s, "B1")]), "imported", ""),
    "missing owner column": (
        "noowner.csv",
        lambda s: b"external_ref,kind,title_en\nX1,offer,Sensor\n",
        "refused",
        "no “owner” column",
    ),
    "duplicate refs": (
        "dup.csv",
        lambda s: as_csv([row(s, "D1"), row(s, "D1", title_en="Other")]),
        "refused",
        "Rows 2, 3 have the same external_ref",
    ),
    "10,000-char cells": (
        "long.xlsx",
        lambda s: as_xlsx(
            [COLUMNS, list(row(s, "L1", title_en="T" * 10_000, summary_en="S" * 10_000).values())]
        ),
        "refused",
        "The title is longer than 300 characters.",
    ),
    "long external ref": (
        "longref.csv",
        lambda s: as_csv([row(s, "R" * 10_000)]),
        "refused",
        "",
    ),
    "not a spreadsheet": ("fake.xlsx", lambda s: b"PK\x03\x04garbage", "refused", "XLSX"),
    "json scalars": ("scalar.json", lambda s: b'"just text"', "refused", "list of objects"),
}


def public_pages_answer(client: Client, catalogue: Catalogue, member: User) -> None:
    urls = [
        "/en/",
        "/en/search/",
        "/en/search/?q=sensor",
        "/en/search/?q=%27%22%3Cscript%3E%3D1%2B1",
        *(f"/en/listings/{listing.reference}/" for listing in (catalogue.offer, catalogue.need)),
        *(f"/en/listings/export/{fmt}/" for fmt in ("csv", "json", "xlsx")),
        "/api/v1/listings",
        "/api/v1/search?q=sensor",
    ]
    anonymous = Client()
    for url in urls:
        assert anonymous.get(url).status_code == 200, url
    client.force_login(member)
    for fmt in ("csv", "json", "xlsx"):  # the member's drafts, hostile imports included
        assert client.get(f"/en/listings/export/{fmt}/?mine=1").status_code == 200, fmt


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused_whole_or_imported_whole_and_pages_still_answer(
    name: str, client: Client, catalogue: Catalogue, hk_university: Organisation
) -> None:
    filename, content, outcome, words = CASES[name]
    member = member_of(hk_university, MembershipRole.MEMBER, email="member@hk.example.org")
    client.force_login(member)
    before = (Listing.objects.count(), ListingEvent.objects.count())
    upload = SimpleUploadedFile(filename, content(hk_university.slug))
    response = client.post("/en/my/listings/import/", {"file": upload})
    page = response.content.decode()
    if outcome == "refused":
        assert response.status_code == 400, page[:500]
        assert words in page
        assert (Listing.objects.count(), ListingEvent.objects.count()) == before
    else:
        assert response.status_code == 200, page[:500]
        report = response.context["report"]
        assert report.applied and report.error_count == 0
        assert Listing.objects.count() == before[0] + len(report.rows)
    public_pages_answer(client, catalogue, member)


def test_formula_cells_survive_an_export_and_import_round_trip(
    client: Client, hk_university: Organisation
) -> None:
    member = member_of(hk_university, MembershipRole.MEMBER, email="member@hk.example.org")
    client.force_login(member)
    titles = ["=1+2", "+44 20", "-minus", "@at", "'quoted", "plain"]
    rows = [row(hk_university.slug, f"RT{n}", title_en=t) for n, t in enumerate(titles)]
    first = client.post(
        "/en/my/listings/import/", {"file": SimpleUploadedFile("a.csv", as_csv(rows))}
    )
    assert first.context["report"].applied
    for fmt in ("csv", "json", "xlsx"):
        exported = client.get(f"/en/listings/export/{fmt}/?mine=1").content
        again = client.post(
            "/en/my/listings/import/", {"file": SimpleUploadedFile(f"mine.{fmt}", exported)}
        )
        report = again.context["report"]
        assert {r.action for r in report.rows} == {"unchanged"}, (fmt, report.rows)
    stored = Listing.objects.filter(owner=hk_university).order_by("external_ref")
    assert [listing.title for listing in stored] == titles
