"""Keep this node's search index current from the change log (one per index directory)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from techbridge.core.stopping import StopRequest
from techbridge.matching.follower import run_follower


class Command(BaseCommand):
    help = (
        "Apply the search change log to this node's index replica, continuously (or once with "
        "--once). Only one follower per index directory runs; another waits as a standby."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Catch up once and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = StopRequest()
        stop.set_on_signals()
        run_follower(stop, once=options["once"])
