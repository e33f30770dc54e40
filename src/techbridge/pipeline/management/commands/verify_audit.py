"""Check every deal's hash-chained history; exit non-zero on any break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from techbridge.pipeline.models import DealEvent
from techbridge.pipeline.services import audit_verify


class Command(BaseCommand):
    help = "Verify the deals' audit trail: detects altered, missing or reordered events."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = audit_verify()
        for problem in problems:
            self.stderr.write(f"deal {problem.deal_id} event {problem.seq}: {problem.problem}")
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in the audit trail")
        self.stdout.write(f"audit trail intact: {DealEvent.objects.count()} events")
