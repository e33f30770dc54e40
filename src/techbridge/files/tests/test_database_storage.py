"""The database storage: Django's Storage contract, kept in rows of the shared database."""

from __future__ import annotations

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.migrations.writer import MigrationWriter

from techbridge.files.models import StoredFile
from techbridge.files.storage import DatabaseStorage

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage() -> DatabaseStorage:
    # A location of its own: the database may hold files the migration copied from var/private.
    return DatabaseStorage(location="test-private")


def test_a_saved_file_reads_back_and_is_one_row_under_the_location(
    storage: DatabaseStorage,
) -> None:
    name = storage.save("deals/2026/12/brief.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    assert name == "deals/2026/12/brief.pdf"
    assert storage.exists(name)
    assert storage.size(name) == 15
    with storage.open(name) as handle:
        assert handle.read() == b"%PDF-1.4\n%%EOF\n"
    row = StoredFile.objects.get(name="test-private/deals/2026/12/brief.pdf")
    assert (bytes(row.content), row.size) == (b"%PDF-1.4\n%%EOF\n", 15)
    assert storage.get_created_time(name) == storage.get_modified_time(name) == row.created_at


def test_text_content_is_stored_as_utf8(storage: DatabaseStorage) -> None:
    name = storage.save("notes.txt", ContentFile("港渝"))
    assert storage.open(name).read() == "港渝".encode()


def test_a_taken_name_gets_a_suffix_as_on_disk(storage: DatabaseStorage) -> None:
    first = storage.save("deals/a.pdf", ContentFile(b"first"))
    second = storage.save("deals/a.pdf", ContentFile(b"second"))
    assert first == "deals/a.pdf"
    assert second.startswith("deals/a_") and second.endswith(".pdf") and second != first
    assert storage.open(first).read() == b"first"
    assert storage.open(second).read() == b"second"


def test_an_available_name_respects_max_length(storage: DatabaseStorage) -> None:
    storage.save("deals/" + "x" * 40 + ".pdf", ContentFile(b"1"))
    name = storage.get_available_name("deals/" + "x" * 40 + ".pdf", max_length=40)
    assert len(name) <= 40 and name.endswith(".pdf") and not storage.exists(name)


def test_a_concurrent_upload_that_took_the_name_leaves_the_caller_usable(
    storage: DatabaseStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """get_available_name() looked before another upload committed the same name: the
    insert fails on the unique name, and the file is stored under another one instead."""
    storage.save("race.pdf", ContentFile(b"theirs"))
    original = DatabaseStorage.exists
    calls: list[str] = []

    def exists_but_first_too_early(self: DatabaseStorage, name: str) -> bool:
        calls.append(name)
        return len(calls) > 1 and original(self, name)

    monkeypatch.setattr(DatabaseStorage, "exists", exists_but_first_too_early)
    with transaction.atomic():
        ours = storage.save("race.pdf", ContentFile(b"ours"))
        # The transaction still answers queries.
        assert StoredFile.objects.filter(name__startswith="test-private/race").count() == 2
    assert calls[:2] == ["race.pdf", "race.pdf"]
    assert ours != "race.pdf"
    assert storage.open("race.pdf").read() == b"theirs"
    assert storage.open(ours).read() == b"ours"


def test_missing_files_raise_file_not_found_and_delete_is_quiet(
    storage: DatabaseStorage,
) -> None:
    assert not storage.exists("deals/none.pdf")
    with pytest.raises(FileNotFoundError):
        storage.open("deals/none.pdf")
    with pytest.raises(FileNotFoundError):
        storage.size("deals/none.pdf")
    with pytest.raises(FileNotFoundError):
        storage.get_created_time("deals/none.pdf")
    storage.delete("deals/none.pdf")
    with pytest.raises(ValueError):
        storage.delete("")


def test_delete_removes_the_row(storage: DatabaseStorage) -> None:
    name = storage.save("deals/gone.pdf", ContentFile(b"bytes"))
    storage.delete(name)
    assert not storage.exists(name)
    assert not StoredFile.objects.filter(name__endswith="gone.pdf").exists()


def test_listdir_lists_one_level_and_keeps_locations_and_case_apart(
    storage: DatabaseStorage,
) -> None:
    for name in ("deals/2026/a.pdf", "deals/2026/b.pdf", "deals/2027/c.pdf", "top.pdf"):
        storage.save(name, ContentFile(b"x"))
    storage.save("Deals/upper.pdf", ContentFile(b"x"))
    DatabaseStorage(location="test-uploads").save("deals/2026/public.png", ContentFile(b"x"))
    assert storage.listdir("") == (["Deals", "deals"], ["top.pdf"])
    assert storage.listdir("deals") == (["2026", "2027"], [])
    assert storage.listdir("deals/2026/") == ([], ["a.pdf", "b.pdf"])
    assert storage.listdir("nowhere") == ([], [])
    assert not storage.exists("deals/2026/public.png")


def test_paths_leaving_the_storage_are_refused(storage: DatabaseStorage) -> None:
    for name in ("../uploads/x.pdf", "/etc/passwd", "deals/../../x.pdf"):
        with pytest.raises(SuspiciousFileOperation):
            storage.exists(name)
    with pytest.raises(SuspiciousFileOperation):
        storage.save("../escape.pdf", ContentFile(b"x"))
    assert not StoredFile.objects.filter(name__endswith="escape.pdf").exists()


def test_nothing_is_served_from_a_url_or_a_path(storage: DatabaseStorage) -> None:
    name = storage.save("deals/a.pdf", ContentFile(b"x"))
    with pytest.raises(NotImplementedError, match="never served from a URL"):
        storage.url(name)
    with pytest.raises(NotImplementedError):
        storage.path(name)
    with pytest.raises(ValueError):
        storage.open(name, "wb")


def test_a_file_saved_in_a_transaction_that_rolls_back_is_gone(storage: DatabaseStorage) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        storage.save("deals/rolled-back.pdf", ContentFile(b"x"))
        assert storage.exists("deals/rolled-back.pdf")
        raise RuntimeError("the caller fails after the file was written")
    assert not storage.exists("deals/rolled-back.pdf")


def test_it_deconstructs_for_migrations(storage: DatabaseStorage) -> None:
    assert MigrationWriter.serialize(storage) == (
        "techbridge.files.storage.DatabaseStorage(location='test-private')",
        {"import techbridge.files.storage"},
    )
