"""Create or update the reference data (mechanisms, areas, TRL, sectors, institutions)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from techbridge.core.reference_sync import sync_reference_data


class Command(BaseCommand):
    help = "Create or update the reference data shipped with techbridge. Safe to repeat."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = sync_reference_data(apps)
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count}")
