"""Fail when a Chinese catalogue is missing, or has an empty, fuzzy or broken entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from techbridge.core.translation_files import catalogue_problems


class Command(BaseCommand):
    help = "Check that the zh_Hant and zh_Hans catalogues are complete."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = [
            problem
            for locale_dir in settings.LOCALE_PATHS
            for problem in catalogue_problems(Path(locale_dir))
        ]
        for problem in problems:
            self.stderr.write(
                f"{problem.path}:{problem.line}: {problem.problem}: {problem.msgid!r}"
            )
        if problems:
            raise CommandError(f"{len(problems)} translation problem(s)")
        self.stdout.write("translations complete")
