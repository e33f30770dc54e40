"""Rebuild this node's search index from the database."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from techbridge.matching.follower import follower_lock, rebuild_request_path
from techbridge.matching.index import index_path, search_index
from techbridge.matching.upkeep import index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild this node's search index from the database (atomic switch). When the node's "
        "follower is running, it is asked to rebuild and this command waits for it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--timeout", type=float, default=3600.0, help="Seconds to wait for the follower."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with follower_lock(wait=0) as held:
            if held:
                count = index_rebuild()
                stats = search_index().stats()
                self.stdout.write(
                    f"indexed {count} documents into {index_path()} in "
                    f"{time.monotonic() - started:.1f}s ({stats.bytes_on_disk // 1024} KiB)"
                )
                return
        request = rebuild_request_path()
        request.touch()
        self.stdout.write("the node's follower is running; asked it to rebuild the index")
        while request.exists():
            if time.monotonic() - started > options["timeout"]:
                raise CommandError("the follower did not rebuild the index in time")
            time.sleep(0.2)
        stats = search_index().stats()
        self.stdout.write(
            f"rebuilt by the follower: {stats.documents} documents in {index_path()} in "
            f"{time.monotonic() - started:.1f}s"
        )
