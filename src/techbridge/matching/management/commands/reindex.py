"""Rebuild this node's search index from the database."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from techbridge.core.progress import CommandProgress
from techbridge.matching.follower import follower_lock, rebuild_request_path
from techbridge.matching.index import index_path, search_index
from techbridge.matching.upkeep import index_rebuild

# While the follower rebuilds, how often a log (not a terminal) is told the command waits.
WAITING_LINE_SECONDS = 10.0


class Command(BaseCommand):
    help = (
        "Rebuild this node's search index from the database (atomic switch). When the node's "
        "follower is running, it is asked to rebuild and this command waits for it. Progress "
        "is a bar in a terminal, plain lines otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--timeout", type=float, default=3600.0, help="Seconds to wait for the follower."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with follower_lock(wait=0) as held:
            if held:
                # The index being replaced is the best guess of how many documents there
                # will be (none for a first build: the bar then counts without an end).
                estimate = search_index().stats().documents
                progress = CommandProgress(self.stdout, "indexing", estimate, unit="documents")
                count = index_rebuild(progress=progress.update)
                progress.finish(count)
                stats = search_index().stats()
                self.stdout.write(
                    f"indexed {count} documents into {index_path()} in "
                    f"{time.monotonic() - started:.1f}s ({stats.bytes_on_disk // 1024} KiB)"
                )
                return
        request = rebuild_request_path()
        request.touch()
        self.stdout.write("the node's follower is running; asked it to rebuild the index")
        self._wait_for_follower(request, started, options["timeout"])
        stats = search_index().stats()
        self.stdout.write(
            f"rebuilt by the follower: {stats.documents} documents in {index_path()} in "
            f"{time.monotonic() - started:.1f}s"
        )

    def _wait_for_follower(self, request: Any, started: float, timeout: float) -> None:
        """The follower (another process) reports nothing while it rebuilds: show the time
        waited, redrawn in a terminal, a line every few seconds in a log."""
        tty = self.stdout.isatty()
        told = started
        while request.exists():
            now = time.monotonic()
            if now - started > timeout:
                if tty:
                    self.stdout.write("")
                raise CommandError("the follower did not rebuild the index in time")
            if tty:
                self.stdout.write(f"\rwaiting for the follower: {now - started:.0f}s", ending="")
            elif now - told >= WAITING_LINE_SECONDS:
                told = now
                self.stdout.write(f"waiting for the follower: {now - started:.0f}s")
            time.sleep(0.2)
        if tty:
            self.stdout.write("")
