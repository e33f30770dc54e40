"""Run the listing lifecycle now, or enqueue it for the worker (for cron or a timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from techbridge.catalogue.services import listing_expire_due, listing_notify_expiring
from techbridge.catalogue.tasks import listing_lifecycle_tick


class Command(BaseCommand):
    help = "Tell owners of listings expiring within two weeks, and expire overdue listings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the work for the task worker instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = listing_lifecycle_tick.enqueue()
            self.stdout.write(f"enqueued {result.id}")
            return
        notified = listing_notify_expiring()
        expired = listing_expire_due()
        self.stdout.write(f"notified {len(notified)}, expired {len(expired)}")
