"""A deal document is accepted for what its bytes are and is named for it: HTML that begins
with "%PDF" is refused, and a real PDF uploaded as ``invoice.html`` is kept as ``invoice.pdf``."""

from __future__ import annotations

import pytest
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.core.errors import ServiceValidationError
from techbridge.files.tests.helpers import stored_names
from techbridge.pipeline.models import Deal, DealDocument, DealEvent
from techbridge.pipeline.services import deal_document_upload, deal_express_interest
from techbridge.pipeline.services.exchange import stored_document_name

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


@pytest.fixture
def deal(nda_offer: Listing, outsider: User, cq_enterprise: Organisation) -> Deal:
    return deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF<html><body><script>alert(document.cookie)</script></body></html>",
        b"%PDF-1.4\n<html><script>alert(1)</script></html>\n",  # no end-of-file marker
        b"%PDF-9.9\n%%EOF\n",  # no such version
    ],
)
def test_html_with_pdf_magic_is_refused_and_nothing_is_kept(
    deal: Deal, outsider: User, private_uploads: Storage, content: bytes
) -> None:
    events = DealEvent.objects.filter(deal=deal).count()
    with pytest.raises(ServiceValidationError) as refused:
        deal_document_upload(
            actor=outsider, deal=deal, upload=SimpleUploadedFile("invoice.html", content)
        )
    assert refused.value.message_dict == {
        "file": ["Only PDF, Word (DOCX), Excel (XLSX), PNG, JPEG and WebP files are accepted."]
    }
    assert DealDocument.objects.count() == 0
    assert DealEvent.objects.filter(deal=deal).count() == events
    assert stored_names(private_uploads) == []


def test_a_real_pdf_named_html_is_kept_under_a_pdf_name(
    deal: Deal, outsider: User, private_uploads: Storage
) -> None:
    document = deal_document_upload(
        actor=outsider, deal=deal, upload=SimpleUploadedFile("invoice.html", PDF)
    )
    assert (document.name, document.content_type) == ("invoice.pdf", "application/pdf")
    assert (document.file.name or "").endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content_type", "stored"),
    [
        ("terms.pdf", "application/pdf", "terms.pdf"),
        ("TERMS.PDF", "application/pdf", "TERMS.PDF"),
        ("invoice.html", "application/pdf", "invoice.pdf"),
        ("photo.jpeg", "image/jpeg", "photo.jpeg"),
        ("photo.svg", "image/png", "photo.png"),
        ("no-suffix", "image/png", "no-suffix.png"),
        ("..", "application/pdf", "document.pdf"),
        ("a/b\\c.exe", "application/pdf", "a_b_c.pdf"),
        ("x" * 300 + ".html", "application/pdf", "x" * 196 + ".pdf"),
    ],
)
def test_stored_document_name(name: str, content_type: str, stored: str) -> None:
    assert stored_document_name(name, content_type) == stored


def test_a_png_named_svg_is_kept_as_png(
    deal: Deal, outsider: User, private_uploads: Storage
) -> None:
    document = deal_document_upload(
        actor=outsider, deal=deal, upload=SimpleUploadedFile("chart.svg", PNG)
    )
    assert (document.name, document.content_type) == ("chart.png", "image/png")
