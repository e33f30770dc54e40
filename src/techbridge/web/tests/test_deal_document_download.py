"""Downloading a deal document: from whichever node serves the request, and never recorded
when there is no file to send."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.config.settings.storage import storages_from_environment
from techbridge.pipeline.models import Deal, DealDocument, DealEvent
from techbridge.pipeline.services import deal_express_interest

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def upload_through_the_page(client: Client, deal: Deal, user: User) -> DealDocument:
    client.force_login(user)
    response = client.post(
        url("web:deal_act", deal.pk, "document"),
        {"file": SimpleUploadedFile("terms.pdf", PDF), "purpose": "diligence"},
    )
    assert response.status_code == 302
    return DealDocument.objects.get(deal=deal)


def download(client: Client, deal: Deal, document: DealDocument, user: User) -> Any:
    client.force_login(user)
    return client.get(url("web:deal_document", deal.pk, document.pk))


def downloads(deal: Deal) -> int:
    return DealEvent.objects.filter(deal=deal, verb="document_downloaded").count()


@pytest.fixture
def deal(nda_offer: Listing, outsider: User, cq_enterprise: Organisation) -> Deal:
    return deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)


def test_a_missing_file_is_404_and_no_download_is_recorded(
    client: Client, deal: Deal, officer: User, outsider: User, private_uploads: Storage
) -> None:
    document = upload_through_the_page(client, deal, outsider)
    private_uploads.delete(document.file.name or "")
    events = DealEvent.objects.filter(deal=deal).count()

    response = download(client, deal, document, officer)

    assert response.status_code == 404
    assert downloads(deal) == 0
    assert DealEvent.objects.filter(deal=deal).count() == events


def test_a_document_uploaded_through_one_node_downloads_through_another(
    client: Client,
    deal: Deal,
    officer: User,
    outsider: User,
    private_uploads: Storage,
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two app nodes share the database, each with its own var directory; the second one
    has never seen the file, and nothing lives on either node's disk."""
    monkeypatch.delenv("TECHBRIDGE_STORAGE", raising=False)

    def serve_as_node(var_dir: Path) -> None:
        var_dir.mkdir()
        monkeypatch.setenv("TECHBRIDGE_VAR_DIR", str(var_dir))
        settings.MEDIA_ROOT = var_dir / "uploads"
        settings.PRIVATE_UPLOAD_ROOT = var_dir / "private"
        settings.STORAGES = storages_from_environment()

    serve_as_node(tmp_path / "node-a")
    document = upload_through_the_page(client, deal, outsider)
    serve_as_node(tmp_path / "node-b")

    response = download(Client(), deal, document, officer)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert downloads(deal) == 1
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
