"""Deal documents an earlier version kept under var/private are copied into the storage."""

from __future__ import annotations

import importlib
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from techbridge.config.settings.storage import database_storages
from techbridge.files.models import StoredFile
from techbridge.pipeline.models.records import private_storage

migration = importlib.import_module("techbridge.files.migrations.0002_import_private_directory")

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_private_directory(tmp_path: Path, settings: Any) -> Path:
    settings.STORAGES = database_storages()
    root = tmp_path / "var" / "private"
    (root / "deals" / "2026" / "11").mkdir(parents=True)
    (root / "deals" / "2026" / "11" / "0123456789abcdef.pdf").write_bytes(b"%PDF-1.4 old\n")
    (root / "deals" / "2026" / "11" / "fedcba9876543210.png").write_bytes(b"\x89PNG old")
    settings.PRIVATE_UPLOAD_ROOT = root
    return root


def run_migration() -> None:
    migration.import_private_directory(apps, SimpleNamespace(connection=connection))


def test_the_migration_copies_each_file_once_under_the_name_its_record_holds(
    old_private_directory: Path,
) -> None:
    run_migration()
    run_migration()
    storage = private_storage()
    assert storage.open("deals/2026/11/0123456789abcdef.pdf").read() == b"%PDF-1.4 old\n"
    assert storage.open("deals/2026/11/fedcba9876543210.png").read() == b"\x89PNG old"
    assert StoredFile.objects.filter(name__startswith="private/deals/2026/11/").count() == 2
    # The old directory is left for the operator to remove once the copy is checked.
    assert (old_private_directory / "deals" / "2026" / "11" / "0123456789abcdef.pdf").exists()


def test_the_migration_skips_silently_without_the_directory(tmp_path: Path, settings: Any) -> None:
    settings.STORAGES = database_storages()
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "never-created"
    before = StoredFile.objects.count()
    run_migration()
    assert StoredFile.objects.count() == before


def test_the_migration_leaves_an_object_store_to_the_command(
    old_private_directory: Path, settings: Any
) -> None:
    settings.STORAGES = {
        **database_storages(),
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {}},
    }
    run_migration()
    assert not StoredFile.objects.filter(name__startswith="private/deals/2026/11/").exists()


def test_the_command_copies_into_the_configured_storage_and_skips_what_is_there(
    old_private_directory: Path,
) -> None:
    storage = private_storage()
    storage.save("deals/2026/11/fedcba9876543210.png", ContentFile(b"already here"))
    out = StringIO()
    call_command("import_private_files", stdout=out)
    assert out.getvalue().splitlines() == [
        "copied deals/2026/11/0123456789abcdef.pdf",
        f"1 file(s) copied from {old_private_directory}",
    ]
    assert storage.open("deals/2026/11/0123456789abcdef.pdf").read() == b"%PDF-1.4 old\n"
    assert storage.open("deals/2026/11/fedcba9876543210.png").read() == b"already here"
