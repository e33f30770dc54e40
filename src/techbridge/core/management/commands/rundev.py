"""Serve the platform for development with its background worker and scheduler.

The worker and scheduler are started once, by the outer process; Django's autoreloader
re-runs this command in a child process (``RUN_MAIN`` set), which only serves.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "runserver plus the task worker (db_worker) and the periodic-task scheduler."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        if os.environ.get("RUN_MAIN") != "true":
            manage = [sys.executable, sys.argv[0]]
            helpers = [
                subprocess.Popen([*manage, "db_worker", "--interval", "2"]),
                subprocess.Popen([*manage, "run_scheduler"]),
            ]

            def stop_helpers() -> None:
                for helper in helpers:
                    helper.terminate()

            atexit.register(stop_helpers)
            self.stdout.write("task worker and scheduler started")
        call_command("runserver", options["addrport"])
