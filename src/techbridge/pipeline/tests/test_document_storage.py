"""Deal documents and their storage: a document's record, its content and its audit event
commit together or not at all, and a download is recorded only when there is a file to send."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.files.tests.helpers import stored_names
from techbridge.pipeline.models import Deal, DealDocument, DealEvent, IdempotencyKey
from techbridge.pipeline.services import (
    deal_document_download,
    deal_document_upload,
    deal_express_interest,
)
from techbridge.pipeline.services import exchange as exchange_services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Crash(Exception):
    """Stands for anything failing half-way: a bug, a lost connection, a killed worker."""


@pytest.fixture
def deal(nda_offer: Listing, outsider: User, cq_enterprise: Organisation) -> Deal:
    return deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)


def upload(actor: User, deal: Deal, key: str | None = None) -> DealDocument:
    return deal_document_upload(
        actor=actor, deal=deal, upload=SimpleUploadedFile("terms.pdf", PDF), idempotency_key=key
    )


def state(deal: Deal, storage: Storage) -> tuple[list[str], int, list[str]]:
    verbs = DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", flat=True)
    return stored_names(storage), DealDocument.objects.count(), list(verbs)


def test_a_stored_document_is_its_record_its_content_and_its_event(
    deal: Deal, outsider: User, private_uploads: Storage
) -> None:
    document = upload(outsider, deal)
    assert state(deal, private_uploads) == (
        [document.file.name],
        1,
        ["interest_expressed", "document_uploaded"],
    )
    assert private_uploads.open(document.file.name or "").read() == PDF


def test_a_failure_after_the_upload_leaves_no_content_and_no_record(
    deal: Deal, outsider: User, private_uploads: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(deal, private_uploads)

    def event_append_crashing(*args: Any, **kwargs: Any) -> None:
        raise Crash

    monkeypatch.setattr(exchange_services, "event_append", event_append_crashing)
    with pytest.raises(Crash):
        upload(outsider, deal)
    assert state(deal, private_uploads) == before == ([], 0, ["interest_expressed"])


def test_a_failure_once_the_document_is_written_rolls_back_its_content_with_it(
    deal: Deal, outsider: User, private_uploads: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The idempotency key is completed after the document, its content and its event are
    written, in the same transaction: failing there must take all three with it. No clean-up
    code runs at that point; only the transaction keeps the content from being orphaned."""
    before = state(deal, private_uploads)
    original_save = IdempotencyKey.save

    def save_crashing_on_completion(self: IdempotencyKey, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields"):
            raise Crash
        original_save(self, *args, **kwargs)

    monkeypatch.setattr(IdempotencyKey, "save", save_crashing_on_completion)
    with pytest.raises(Crash):
        upload(outsider, deal, key="d-1")
    assert state(deal, private_uploads) == before
    assert not IdempotencyKey.objects.filter(key="d-1").exists()


def test_the_upload_is_part_of_the_callers_transaction(
    deal: Deal, outsider: User, private_uploads: Storage
) -> None:
    before = state(deal, private_uploads)
    with pytest.raises(Crash), transaction.atomic():
        document = upload(outsider, deal)
        assert stored_names(private_uploads) == [document.file.name]
        raise Crash
    assert state(deal, private_uploads) == before


def test_a_download_opens_the_file_then_records_it(
    deal: Deal, outsider: User, officer: User, private_uploads: Storage
) -> None:
    document = upload(outsider, deal)
    with deal_document_download(actor=officer, document=document) as content:
        assert content.read() == PDF
    assert state(deal, private_uploads)[2][-1] == "document_downloaded"


def test_a_document_whose_content_is_gone_is_not_recorded_as_downloaded(
    deal: Deal, outsider: User, officer: User, private_uploads: Storage
) -> None:
    document = upload(outsider, deal)
    private_uploads.delete(document.file.name or "")
    before = state(deal, private_uploads)
    with pytest.raises(FileNotFoundError):
        deal_document_download(actor=officer, document=DealDocument.objects.get(pk=document.pk))
    assert state(deal, private_uploads) == before
    assert before[2] == ["interest_expressed", "document_uploaded"]
