"""Compile the message catalogues under locale/ (no GNU gettext needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from techbridge.core.translation_files import compile_catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files when they changed."

    def handle(self, *args: Any, **options: Any) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for path in compile_catalogues(Path(locale_dir)):
                self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
