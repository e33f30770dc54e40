"""Write the Conference's annual report for a year, in one language and format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from techbridge.core.errors import ServiceValidationError
from techbridge.core.progress import CommandProgress
from techbridge.programme.models import Mechanism
from techbridge.programme.report import REPORT_FORMATS, report_file

PHASES = ("figures", "layout", "printing")  # as report_file tells them


class Command(BaseCommand):
    help = "Write the annual report (HTML, PDF or XLSX) in en, zh-hant or zh-hans."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--language", choices=["en", "zh-hant", "zh-hans"], default="en")
        parser.add_argument("--format", choices=sorted(REPORT_FORMATS), default="pdf")
        parser.add_argument("--output", type=Path, help="file or folder (default: current folder)")

    def handle(self, *args: Any, **options: Any) -> None:
        mechanism = Mechanism.objects.filter(is_primary=True).first()
        if mechanism is None:
            raise CommandError("no primary mechanism: run migrate (reference data) first")
        # The phases as a bar on stderr (the PDF's printing is the long one), the last being
        # the file written.
        steps = 4 if options["format"] == "pdf" else 3
        bar = CommandProgress(self.stderr, "report", steps, unit="steps")
        try:
            body, _type, name = report_file(
                mechanism,
                options["year"],
                options["language"],
                options["format"],
                on_phase=lambda phase: bar.update(PHASES.index(phase)),
            )
        except ServiceValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        target: Path = options["output"] or Path(name)
        if target.is_dir():
            target = target / name
        target.write_bytes(body)
        bar.finish(steps)
        self.stdout.write(f"{target} ({len(body)} bytes)")
