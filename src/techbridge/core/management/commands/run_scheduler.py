"""Enqueue periodic tasks when they are due (runs beside ``db_worker``)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from techbridge.core.schedule import enqueue_due_periodic_tasks


class Command(BaseCommand):
    help = "Enqueue due periodic tasks (listing expiry and notices) every minute."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between checks.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            for path in enqueue_due_periodic_tasks():
                self.stdout.write(f"enqueued {path}")
            if options["once"]:
                return
            time.sleep(options["interval"])
