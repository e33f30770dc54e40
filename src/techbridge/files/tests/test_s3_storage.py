"""Uploads and deal documents in S3-compatible object storage (moto's server), configured
from the environment: stored as objects under their alias's prefix, read back through the
same views, and a missing object is a 404 with nothing recorded."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.files.models import StoredFile
from techbridge.files.tests.conftest import Bucket
from techbridge.pipeline.models import DealDocument, DealEvent
from techbridge.pipeline.services import deal_express_interest, exchange

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def test_both_aliases_keep_objects_under_their_own_prefix(s3_bucket: Bucket) -> None:
    private = storages["private"]
    name = private.save("deals/2026/12/a.pdf", ContentFile(PDF))
    again = private.save("deals/2026/12/a.pdf", ContentFile(b"%PDF-1.4 other"))
    default_storage.save("logos/a.png", ContentFile(b"\x89PNG"))

    assert name == "deals/2026/12/a.pdf" and again != name  # never overwritten
    assert private.open(name).read() == PDF
    assert private.size(name) == len(PDF)
    assert s3_bucket.keys() == sorted(
        [f"private/{name}", f"private/{again}", "uploads/logos/a.png"]
    )
    private.delete(name)
    assert not private.exists(name)
    with pytest.raises(FileNotFoundError):
        private.open(name)


def test_a_deal_document_goes_to_the_bucket_and_back_through_the_download_view(
    s3_bucket: Bucket,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
) -> None:
    rows = StoredFile.objects.count()
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    uploader = Client()
    uploader.force_login(outsider)
    response = uploader.post(
        url("web:deal_act", deal.pk, "document"),
        {"file": SimpleUploadedFile("terms.pdf", PDF), "purpose": "diligence"},
    )
    assert response.status_code == 302
    document = DealDocument.objects.get(deal=deal)
    assert s3_bucket.keys() == [f"private/{document.file.name}"]
    assert StoredFile.objects.count() == rows  # nothing went to the database storage

    owner = Client()
    owner.force_login(officer)
    download = owner.get(url("web:deal_document", deal.pk, document.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert download["Content-Type"] == "application/pdf"
    assert DealEvent.objects.filter(deal=deal, verb="document_downloaded").count() == 1

    s3_bucket.client.delete_object(Bucket=s3_bucket.name, Key=f"private/{document.file.name}")
    events = DealEvent.objects.filter(deal=deal).count()
    assert owner.get(url("web:deal_document", deal.pk, document.pk)).status_code == 404
    assert DealEvent.objects.filter(deal=deal).count() == events


def test_an_upload_that_fails_after_sending_the_object_removes_it(
    s3_bucket: Bucket,
    nda_offer: Listing,
    outsider: User,
    cq_enterprise: Organisation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An object store does not roll back with the database: the service deletes what it sent
    when the record or its event cannot be written."""
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)

    def event_append_failing(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the audit event could not be written")

    monkeypatch.setattr(exchange, "event_append", event_append_failing)
    with pytest.raises(RuntimeError):
        exchange.deal_document_upload(
            actor=outsider, deal=deal, upload=SimpleUploadedFile("terms.pdf", PDF)
        )
    assert s3_bucket.keys() == []
    assert not DealDocument.objects.filter(deal=deal).exists()
