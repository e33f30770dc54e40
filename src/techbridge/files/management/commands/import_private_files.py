"""Copy the deal documents an earlier version kept on this node's disk into the configured
private storage (the migration does it for the database storage; run this for S3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from techbridge.files.legacy import copy_files_below


class Command(BaseCommand):
    help = (
        "Copy deal documents from PRIVATE_UPLOAD_ROOT (var/private) into the private storage; "
        "files already there are skipped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.PRIVATE_UPLOAD_ROOT)
        storage = storages["private"]

        def write(name: str, data: bytes) -> None:
            stored = storage.save(name, ContentFile(data))
            if stored != name:
                # Another file took the name meanwhile; the record would find the wrong one.
                storage.delete(stored)
                raise CommandError(f"{name} is already stored under that name; not replaced.")

        copied = copy_files_below(root, exists=storage.exists, write=write)
        for name in copied:
            self.stdout.write(f"copied {name}")
        self.stdout.write(f"{len(copied)} file(s) copied from {root}")
