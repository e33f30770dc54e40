"""Import listings from a CSV, XLSX or JSON file as a given user (all or nothing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from techbridge.accounts.models import User
from techbridge.catalogue.bulk.importing import listings_import
from techbridge.catalogue.bulk.reading import format_of, read_rows
from techbridge.core.errors import ServiceValidationError
from techbridge.core.progress import CommandProgress


class Command(BaseCommand):
    help = "Import listings (matched on external_ref) from a .csv, .xlsx or .json file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--as", dest="email", required=True, help="the importing user")
        parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if actor is None:
            raise CommandError(f"no active user {options['email']}")
        try:
            with open(options["file"], "rb") as handle:
                rows = read_rows(handle, format_of(options["file"]))
        except OSError as error:
            raise CommandError(f"{options['file']}: {error}") from error
        except ServiceValidationError as error:
            raise CommandError(f"{options['file']}: {' '.join(error.messages)}") from error
        # The bar goes to stderr: stdout stays the row-by-row report, for scripts to read.
        bar = CommandProgress(self.stderr, "importing", len(rows), unit="rows")
        report = listings_import(
            actor=actor,
            rows=rows,
            dry_run=options["dry_run"],
            progress=lambda done, _total: bar.update(done),
        )
        bar.finish(len(rows))
        for row in report.rows:
            detail = "; ".join(row.errors) or row.reference
            self.stdout.write(f"{options['file']}:{row.line}\t{row.action}\t{detail}")
        if report.error_count:
            raise CommandError(f"{report.error_count} row(s) refused; nothing was imported")
        verdict = "checked (dry run)" if report.dry_run else "imported"
        self.stdout.write(self.style.SUCCESS(f"{len(report.rows)} row(s) {verdict}"))
