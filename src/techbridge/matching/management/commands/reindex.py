"""Rebuild the search index from the database."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from techbridge.matching.index import index_path, search_index
from techbridge.matching.upkeep import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index under var/index from the database (atomic switch)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        count = index_rebuild()
        stats = search_index().stats()
        self.stdout.write(
            f"indexed {count} documents into {index_path()} in "
            f"{time.monotonic() - started:.1f}s ({stats.bytes_on_disk // 1024} KiB)"
        )
