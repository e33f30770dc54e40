"""``manage.py rundev``: the development server with the background processes around it.

runserver (with its autoreloader), a task worker, the index follower and the scheduler run
as supervised children (techbridge.core.supervisor), as ``serve`` runs them in production:
one that dies is restarted, and Ctrl+C stops them all.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from techbridge.core.programs import development_programs
from techbridge.core.supervisor import Supervisor


class Command(BaseCommand):
    help = "runserver plus a task worker, the index follower and the scheduler, supervised."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        # Only this outer process supervises: runserver's autoreloader re-runs runserver, not
        # this command, so nothing is started twice.
        programs = development_programs(options["addrport"])
        Supervisor(programs, stop_timeout=10.0, log=self._say).run()

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
