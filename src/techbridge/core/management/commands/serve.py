"""``manage.py serve``: the platform in production, supervised (see techbridge.core.supervisor).

gunicorn serves ``techbridge.config.wsgi`` (settings in ``techbridge.config.gunicorn``), beside
task workers, this node's index follower and the periodic-task scheduler, each a process of
its own; one that dies is restarted, and SIGTERM or SIGINT stops them all gracefully.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from techbridge.core.programs import default_web_workers, production_programs
from techbridge.core.supervisor import Supervisor


class Command(BaseCommand):
    help = (
        "Serve the platform with gunicorn plus task workers, the index follower and the "
        "scheduler; restart any that dies; stop all on SIGTERM or SIGINT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="Address for HTTP (default: %(default)s)."
        )
        parser.add_argument(
            "--web-workers",
            type=int,
            default=default_web_workers(),
            help="gunicorn worker processes; 0 serves no HTTP (default: 2 per core + 1).",
        )
        parser.add_argument(
            "--task-workers",
            type=int,
            default=1,
            help="Background task workers (default: %(default)s).",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Leave out the periodic-task scheduler (e.g. when another node runs one).",
        )
        parser.add_argument(
            "--no-follower",
            action="store_false",
            dest="follower",
            help="Leave out the index follower (a node that serves no search).",
        )
        parser.add_argument(
            "--stop-timeout",
            type=float,
            default=30.0,
            help="Seconds each process gets to stop before it is killed (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["web_workers"] < 0 or options["task_workers"] < 0:
            raise CommandError("--web-workers and --task-workers cannot be negative.")
        programs = production_programs(
            bind=options["bind"],
            web_workers=options["web_workers"],
            task_workers=options["task_workers"],
            scheduler=options["scheduler"],
            follower=options["follower"],
        )
        if not programs:
            raise CommandError("Nothing to run: every process was left out.")
        Supervisor(programs, stop_timeout=options["stop_timeout"], log=self._say).run()

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
