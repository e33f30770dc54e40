"""Load demo deals at every stage and the demo's match suggestions (after ``load_demo``)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from techbridge.pipeline.demo import load_demo_deals


class Command(BaseCommand):
    help = (
        "Create demo deals at every pipeline stage and the demo needs' suggestions. Safe to repeat."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        created = load_demo_deals()
        self.stdout.write(f"demo deals: {created} created in {time.monotonic() - started:.1f}s")
