"""Load the demo catalogue (never loaded unless asked)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from techbridge.catalogue.demo.experts import load_demo_experts
from techbridge.catalogue.demo.loader import load_demo_catalogue
from techbridge.catalogue.demo.pictures import load_demo_pictures


class Command(BaseCommand):
    help = (
        "Load the demo catalogue: fictional demo organisations and users, and 300+ listings "
        "across all areas and kinds, flagged as demo data. Safe to repeat."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        report = load_demo_catalogue()
        experts = load_demo_experts()
        pictures = load_demo_pictures()
        self.stdout.write(
            f"demo catalogue: {report.listings_created} listings created, "
            f"{report.listings_present} already present, "
            f"{report.organisations_created} organisations, {report.users_created} users, "
            f"{experts} expert profiles and {pictures} pictures created in "
            f"{time.monotonic() - started:.1f}s"
        )
