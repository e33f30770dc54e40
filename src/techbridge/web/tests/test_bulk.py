"""Bulk import and export: dry run, row-by-row errors in the reader's language, all or
nothing, idempotent by external reference, EEN headings, and exports by tier."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.bulk import importing
from techbridge.catalogue.models import ConfidentialView, Listing
from techbridge.catalogue.tests.published import CANARY, Catalogue

pytestmark = pytest.mark.django_db

HEADER = "external_ref,kind,owner,original_language,title_en,summary_en,description_en,trl,areas"


def _csv(owner: Organisation, *lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).replace("{owner}", owner.slug).encode()


def _upload(client: Client, name: str, data: bytes, dry_run: bool = False, lang: str = "en") -> Any:
    form: dict[str, Any] = {"file": SimpleUploadedFile(name, data)}
    if dry_run:
        form["dry_run"] = "1"
    return client.post(f"/{lang}/my/listings/import/", form)


GOOD = (
    "HKU-001,offer,{owner},en,Laser welding,Fast welding of thin steel.,Secret optics.,5,"
    "innovation_technology",
    "HKU-002,request,{owner},en,Seeking battery recycling,Looking for partners.,,,logistics",
)


def test_dry_run_reports_and_writes_nothing_then_import_then_idempotent(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    client.force_login(officer)
    data = _csv(hk_university, *GOOD)
    dry = _upload(client, "batch.csv", data, dry_run=True)
    assert dry.status_code == 200
    assert [row.action for row in dry.context["report"].rows] == ["created", "created"]
    assert not Listing.objects.exists()

    done = _upload(client, "batch.csv", data)
    assert done.context["report"].applied
    assert sorted(Listing.objects.values_list("external_ref", "status")) == [
        ("HKU-001", "draft"),
        ("HKU-002", "draft"),
    ]
    again = _upload(client, "batch.csv", data)
    assert [row.action for row in again.context["report"].rows] == ["unchanged", "unchanged"]
    assert Listing.objects.count() == 2

    changed = data.replace(b"Fast welding of thin steel.", b"Faster welding of thin steel.")
    report = _upload(client, "batch.csv", changed).context["report"]
    assert [row.action for row in report.rows] == ["updated", "unchanged"]


def test_one_bad_row_imports_nothing_and_is_reported_in_the_readers_language(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    client.force_login(officer)
    bad = "HKU-003,offer,{owner},en,,No title here.,,,innovation_technology"
    response = _upload(client, "batch.csv", _csv(hk_university, *GOOD, bad), lang="zh-hant")
    assert response.status_code == 400
    rows = response.context["report"].rows
    assert [(row.line, row.action) for row in rows] == [
        (2, "created"),
        (3, "created"),
        (4, "error"),
    ]
    assert any("必須填寫標題" in error for error in rows[2].errors)
    assert "沒有匯入任何項目" in response.content.decode()
    assert not Listing.objects.exists()


def test_crash_mid_file_leaves_nothing(
    client: Client, officer: User, hk_university: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importing.listing_create
    calls = []

    def failing_on_second(**kwargs: Any) -> Listing:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the process died")
        return real(**kwargs)

    monkeypatch.setattr(importing, "listing_create", failing_on_second)
    rows = [
        (n, row)
        for n, row in enumerate(
            csv.DictReader(io.StringIO(_csv(hk_university, *GOOD).decode())), start=2
        )
    ]
    with pytest.raises(RuntimeError):
        importing.listings_import(actor=officer, rows=rows, dry_run=False)
    assert not Listing.objects.exists()


def test_someone_elses_organisation_is_refused(
    client: Client, outsider: User, hk_university: Organisation
) -> None:
    client.force_login(outsider)
    report = _upload(client, "batch.csv", _csv(hk_university, *GOOD)).context["report"]
    assert [row.action for row in report.rows] == ["error", "error"]
    assert not Listing.objects.exists()


def test_xlsx_with_een_headings_and_json(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "Profile reference",
            "Profile type",
            "owner",
            "Title",
            "Summary",
            "Stage of development",
            "IPR status",
            "Type of partnership considered",
        ]
    )
    sheet.append(
        [
            "EEN-22",
            "Technology offer",
            hk_university.slug,
            "Smart textile sensor",
            "A washable strain sensor.",
            "Prototype available for demonstration",
            "Patents granted",
            "License agreement; Research cooperation agreement",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    client.force_login(officer)
    assert _upload(client, "een.xlsx", out.getvalue()).context["report"].applied
    listing = Listing.objects.get(external_ref="EEN-22")
    assert (listing.kind, listing.trl_id, listing.ip_status) == ("offer", 5, "patent_granted")
    assert sorted(p.code for p in listing.partnership_types.all()) == ["joint_rd", "licence"]

    records = [
        {
            "external_ref": "J-1",
            "kind": "request",
            "owner": hk_university.slug,
            "title_zh-hans": "寻求传感器",
            "summary_zh-hans": "寻求柔性传感器。",
            "areas": ["innovation_technology", "trade"],
        }
    ]
    response = _upload(client, "batch.json", json.dumps(records).encode())
    assert response.context["report"].applied
    need = Listing.objects.get(external_ref="J-1")
    assert need.original_language == "zh-hans"
    assert sorted(a.code for a in need.areas.all()) == ["innovation_technology", "trade"]


def test_unreadable_file_is_explained(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = _upload(client, "batch.json", b"{not json", lang="zh-hans")
    assert response.status_code == 400
    assert "无法以 JSON 格式读取该文件" in response.content.decode()
    response = _upload(client, "batch.txt", b"x")
    assert "Upload a .csv, .xlsx or .json file." in response.content.decode()


def test_export_respects_tiers_and_records_confidential_exports(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    public = client.get("/en/listings/export/csv/")
    assert public.status_code == 200
    rows = list(csv.DictReader(io.StringIO(public.content.decode("utf-8-sig"))))
    assert sorted(row["reference"] for row in rows) == sorted(
        [catalogue.offer.reference, catalogue.need.reference]
    )
    assert CANARY not in public.content.decode("utf-8-sig")
    assert not ConfidentialView.objects.exists()

    client.force_login(outsider)
    registered = client.get("/en/listings/export/json/")
    assert CANARY in registered.content.decode()
    assert set(ConfidentialView.objects.values_list("channel", flat=True)) == {"export"}


def test_export_then_import_changes_nothing(
    client: Client, officer: User, catalogue: Catalogue
) -> None:
    client.force_login(officer)
    exported = client.get("/en/listings/export/csv/?mine=1").content
    report = _upload(client, "mine.csv", exported).context["report"]
    # The catalogue's listings carry no external reference, so they are reported, not merged.
    assert {row.action for row in report.rows} == {"error"}
    assert not report.applied
