"""Deals in the browser's terms (Django test client): interest from a listing page, the deal
page's steps, documents checked by content, and NDA-gated detail on every surface."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import ConfidentialView, Listing
from techbridge.catalogue.tests.published import CANARY
from techbridge.files.tests.helpers import stored_names
from techbridge.pipeline.models import Deal, DealDocument, DealEvent
from techbridge.pipeline.services import deal_advance, deal_express_interest, nda_confirm

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def surfaces(client: Client, listing: Listing) -> dict[str, str]:
    """Everything a reader can fetch about a listing: page, API record, CSV export."""
    page = client.get(url("web:listing", listing.reference))
    api = client.get(f"/api/v1/listings/{listing.reference}")
    export = client.get(url("web:listings_export", "csv"))
    assert (page.status_code, api.status_code, export.status_code) == (200, 200, 200)
    return {
        "page": page.content.decode(),
        "api": api.content.decode(),
        "export": export.content.decode("utf-8-sig"),
    }


def test_confidential_detail_reaches_the_counterparty_only_once_the_nda_is_in_force(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    third_party: User,
    cq_enterprise: Organisation,
) -> None:
    client.force_login(outsider)
    assert not any(CANARY in body for body in surfaces(client, nda_offer).values())

    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    nda_confirm(actor=officer, deal=deal)
    assert not any(CANARY in body for body in surfaces(client, nda_offer).values())
    assert not ConfidentialView.objects.exists()

    nda_confirm(actor=outsider, deal=deal)
    seen = surfaces(client, nda_offer)
    assert {name: CANARY in body for name, body in seen.items()} == {
        "page": True,
        "api": True,
        "export": True,
    }
    assert sorted(ConfidentialView.objects.values_list("channel", flat=True)) == [
        "api",
        "export",
        "web",
    ]
    views = DealEvent.objects.filter(deal=deal, verb="confidential_viewed")
    assert sorted(e.changes["after"]["channel"] for e in views) == ["api", "export", "web"]

    # Another Chongqing organisation's member is not a party: nothing released.
    other = Client()
    other.force_login(third_party)
    assert not any(CANARY in body for body in surfaces(other, nda_offer).values())

    # A withdrawn deal releases nothing any more.
    deal_advance(actor=outsider, deal=deal, event="withdraw")
    assert not any(CANARY in body for body in surfaces(client, nda_offer).values())


def test_interest_from_the_listing_page_then_the_owner_screens_in_chinese(
    client: Client, nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    client.force_login(outsider)
    page = client.get(url("web:listing", nda_offer.reference, language="zh-hans"))
    assert "表达意向" in page.content.decode()
    response = client.post(
        url("web:listing_interest", nda_offer.reference, language="zh-hans"),
        {"organisation": cq_enterprise.pk, "message": "希望洽谈许可。", "idempotency_key": "abc"},
        follow=True,
    )
    deal = Deal.objects.get()
    assert response.redirect_chain[-1][0] == url("web:deal", deal.pk, language="zh-hans")
    body = response.content.decode()
    assert "希望洽谈许可。" in body and "意向表达" in body
    # The same form sent again (double click): one deal, one set of events.
    client.post(
        url("web:listing_interest", nda_offer.reference),
        {"organisation": cq_enterprise.pk, "message": "希望洽谈许可。", "idempotency_key": "abc"},
    )
    assert Deal.objects.count() == 1
    assert DealEvent.objects.count() == 2

    owner = Client()
    owner.force_login(officer)
    owner_page = owner.get(url("web:deal", deal.pk, language="zh-hant")).content.decode()
    assert "開始篩選" in owner_page
    owner.post(
        url("web:deal_act", deal.pk, "advance"), {"event": "screen", "idempotency_key": "s1"}
    )
    assert Deal.objects.get().stage == "screening"
    # The interested party cannot accept on the owner's behalf; nothing changes.
    response = client.post(
        url("web:deal_act", deal.pk, "advance", language="zh-hans"),
        {"event": "accept"},
        follow=True,
    )
    assert "您这一方不能执行这一步骤" in response.content.decode()
    assert Deal.objects.get().stage == "screening"


def test_documents_are_checked_by_content_stored_privately_and_downloads_recorded(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    private_uploads: Any,
) -> None:
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    client.force_login(outsider)
    fake = SimpleUploadedFile("terms.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        url("web:deal_act", deal.pk, "document"), {"file": fake, "purpose": "other"}, follow=True
    )
    assert "Only PDF, Word (DOCX), Excel (XLSX), PNG, JPEG and WebP files are accepted." in (
        response.content.decode()
    )
    assert not DealDocument.objects.exists()
    assert stored_names(private_uploads) == []

    pdf = SimpleUploadedFile("../../etc/terms.pdf", b"%PDF-1.4\n%%EOF\n", content_type="text/plain")
    client.post(url("web:deal_act", deal.pk, "document"), {"file": pdf, "purpose": "diligence"})
    document = DealDocument.objects.get()
    assert (document.name, document.content_type, document.size) == (
        "terms.pdf",  # the path the browser sent is dropped
        "application/pdf",
        15,
    )
    # Kept by the private storage under a name of our own, never the one the browser sent.
    stored = document.file.name or ""
    assert stored_names(private_uploads) == [stored]
    assert stored.startswith("deals/") and stored.endswith(".pdf")

    owner = Client()
    owner.force_login(officer)
    download = owner.get(url("web:deal_document", deal.pk, document.pk))
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert content == b"%PDF-1.4\n%%EOF\n"
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    assert list(
        DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", "actor_id")
    ) == [
        ("interest_expressed", outsider.pk),
        ("document_uploaded", outsider.pk),
        ("document_downloaded", officer.pk),
    ]


def test_history_download_is_the_hash_chain(
    client: Client, nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    import json

    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    deal_advance(actor=officer, deal=deal, event="screen")
    client.force_login(officer)
    lines = client.get(url("web:deal_history", deal.pk)).content.decode().splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["verb"] for e in events] == ["interest_expressed", "screen"]
    assert events[1]["prev"] == events[0]["hash"]
