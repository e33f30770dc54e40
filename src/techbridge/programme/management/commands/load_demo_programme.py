"""Load demo instruments with their bookings and the demo programme (after ``load_demo`` and
``load_demo_deals``, whose deals and listings feed the computed indicators)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from techbridge.facilities.demo import load_demo_instruments
from techbridge.programme.demo import load_demo_programme


class Command(BaseCommand):
    help = (
        "Create demo instruments with three years of bookings, and demo cooperation items, "
        "initiatives, milestones, meetings and indicators. Safe to repeat."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        instruments, bookings = load_demo_instruments()
        items = load_demo_programme(timezone.localdate())
        self.stdout.write(
            f"demo instruments: {instruments} created with {bookings} bookings; "
            f"demo programme: {items} cooperation items; {time.monotonic() - started:.1f}s"
        )
