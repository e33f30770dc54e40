"""The ip_rights column: an export imports back unchanged in CSV, XLSX and JSON (escaped
separators and dates included); a bad right is a row error that saves nothing; a file without
the column keeps a listing's rights."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.bulk.exporting import WRITERS, export_rows
from techbridge.catalogue.bulk.importing import listings_import
from techbridge.catalogue.bulk.reading import read_rows
from techbridge.catalogue.ip_text import format_ip_rights, parse_ip_rights
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.services.inputs import IPRightInput
from techbridge.catalogue.tests.factories import create_offer

pytestmark = pytest.mark.django_db

RIGHTS = (
    IPRightInput(
        right_type="invention_patent",
        number="ZL202310001234.5",
        territory="CN",
        status="granted",
        owners=(("HKU", Decimal("60")), ("Chongqing; Lab | 3", Decimal("40"))),
        filed_on=date(2023, 1, 5),
        granted_on=date(2024, 6, 1),
    ),
    IPRightInput(
        right_type="software_copyright",
        number="2024SR\\0001",
        territory="PCT",
        status="filed",
        owners=(("香港大學", Decimal("33.5")), ("重庆企业", Decimal("66.5"))),
    ),
)


def _stored(listing: Listing) -> list[tuple[Any, ...]]:
    return sorted(
        (
            right.right_type,
            right.territory,
            right.number,
            right.status,
            right.filed_on,
            right.granted_on,
            sorted((owner.name, owner.share_percent) for owner in right.owners.all()),
        )
        for right in listing.ip_rights.all()
    )


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_the_text_form_reads_back_what_it_writes(
    officer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university, ip_rights=RIGHTS, external_ref="hku-1")
    text = format_ip_rights(listing.ip_rights.all())
    assert text.splitlines()[0] == (
        "invention_patent|CN|ZL202310001234.5|granted|2023-01-05|2024-06-01|"
        "HKU 60; Chongqing\\; Lab \\| 3 40"
    )
    parsed = parse_ip_rights(text)
    assert [right.number for right in parsed] == ["ZL202310001234.5", "2024SR\\0001"]
    assert parsed[0].owners == (("HKU", Decimal("60")), ("Chongqing; Lab | 3", Decimal("40")))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_imports_back_unchanged(
    officer: User, hk_university: Organisation, fmt: str
) -> None:
    listing = create_offer(officer, hk_university, ip_rights=RIGHTS, external_ref="hku-1")
    before, events = _stored(listing), ListingEvent.objects.count()
    write, _content_type = WRITERS[fmt]
    exported = write(export_rows(officer, Listing.objects.all()))
    report = listings_import(actor=officer, rows=read_rows(exported, fmt), dry_run=False)
    assert [(row.action, row.errors) for row in report.rows] == [("unchanged", [])]
    assert _stored(listing) == before
    assert ListingEvent.objects.count() == events


def test_an_imported_row_creates_and_then_changes_the_rights(
    officer: User, hk_university: Organisation
) -> None:
    row = {
        "external_ref": "hku-7",
        "kind": "offer",
        "owner": hk_university.slug,
        "original_language": "en",
        "title_en": "Laser welding of thin steel",
        "summary_en": "Fast and clean.",
        "trl": "5",
        "ip_rights": "invention_patent|cn|ZL1|granted|2023-01-05|2024-06-01|HKU 60%; CQU 40",
    }
    report = listings_import(actor=officer, rows=read_rows(_csv([row]), "csv"), dry_run=False)
    assert [row.action for row in report.rows] == ["created"]
    listing = Listing.objects.get(external_ref="hku-7")
    assert _stored(listing) == [
        (
            "invention_patent",
            "CN",
            "ZL1",
            "granted",
            date(2023, 1, 5),
            date(2024, 6, 1),
            [("CQU", Decimal("40.00")), ("HKU", Decimal("60.00"))],
        )
    ]
    row["ip_rights"] = "utility_model|HK|HK2|filed|||HKU 100"
    report = listings_import(actor=officer, rows=read_rows(_csv([row]), "csv"), dry_run=False)
    assert [row.action for row in report.rows] == ["updated"]
    assert _stored(listing) == [
        ("utility_model", "HK", "HK2", "filed", None, None, [("HKU", Decimal("100.00"))])
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "invention_patent|CN|ZL1|granted|2023-01-05|2024-06-01|HKU 60; CQU 30",
            "ip_rights_1_owners: The owners' shares must add up to 100%.",
        ),
        (
            "invention_patent|CN|ZL1|granted|2023-01-05",
            "ip_rights: IP right 1: write seven fields separated by “|”: type, territory, "
            "number, status, filing date, grant date, owners.",
        ),
        (
            "invention_patent|CN|ZL1|granted|5/1/2023||HKU 100",
            "ip_rights: IP right 1: the filing date must be a date written as 2024-06-01.",
        ),
        (
            "invention_patent|CN|ZL1|granted|||HKU\ninvention_patent|CN|ZL2|granted|||HKU 100",
            "ip_rights: IP right 1: write each owner as a name followed by a share in percent, "
            "such as “HKU 60”.",
        ),
        (
            "invention_patent|CN|ZL1|granted|||HKU 100\nutility_model|CN|ZL1|filed|||HKU 100",
            "ip_rights_2_number: This number is already listed for this territory.",
        ),
    ],
    ids=["shares", "fields", "date", "owner", "number twice"],
)
def test_a_bad_right_is_a_row_error_and_the_file_saves_nothing(
    officer: User, hk_university: Organisation, cell: str, message: str
) -> None:
    listing = create_offer(officer, hk_university, ip_rights=RIGHTS, external_ref="hku-1")
    before, events = _stored(listing), ListingEvent.objects.count()
    good = {
        "external_ref": "hku-2",
        "kind": "offer",
        "owner": hk_university.slug,
        "title_en": "Laser welding of thin steel",
        "summary_en": "Fast and clean.",
        "trl": "5",
        "ip_rights": "",
    }
    bad = {**good, "external_ref": "hku-1", "title_en": "Changed", "ip_rights": cell}
    report = listings_import(actor=officer, rows=read_rows(_csv([good, bad]), "csv"), dry_run=False)
    assert not report.applied
    assert report.rows[1].errors == [message]
    assert Listing.objects.count() == 1
    assert _stored(listing) == before
    assert ListingEvent.objects.count() == events


def test_a_file_without_the_column_keeps_the_rights(
    officer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university, ip_rights=RIGHTS, external_ref="hku-1")
    before = _stored(listing)
    row = {
        "external_ref": "hku-1",
        "kind": "offer",
        "owner": hk_university.slug,
        "title_en": "Portable ultrasound tumour mapping",
        "summary_en": "Handheld ultrasound probe.",
        "trl": "6",
    }
    report = listings_import(actor=officer, rows=read_rows(_csv([row]), "csv"), dry_run=False)
    assert [(row.action, row.errors) for row in report.rows] == [("updated", [])]
    assert _stored(listing) == before
