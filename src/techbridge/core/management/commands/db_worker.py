"""``manage.py db_worker``: django_tasks_db's worker command running our :class:`Worker`.

This app comes first in ``INSTALLED_APPS``, so Django runs this command rather than
django_tasks_db's. Options are django_tasks_db's, plus ``--no-index-follower``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils import autoreload
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from techbridge.core.worker import Worker

logger = logging.getLogger("django_tasks_db")


class Command(DatabaseWorkerCommand):
    help = (
        "Run a background task worker: heartbeats, recovers tasks of dead workers, survives "
        "database errors, and runs this node's index follower."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-index-follower",
            action="store_false",
            dest="index_follower",
            help="Do not start this node's index follower thread.",
        )

    def handle(  # type: ignore[override]
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        index_follower: bool,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("--reload and --batch cannot be combined; not reloading.")
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
            index_follower=index_follower,
        )
        if not reload:
            worker.configure_signals()
            worker.run()
        elif os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # The reloaded child: the worker loop in a thread, the file watcher in this one.
            # Django's run_with_reloader would also make SIGTERM end the process at once,
            # skipping the worker's clean stop; the worker's own handlers are kept instead.
            worker.configure_signals()
            autoreload.start_django(autoreload.get_reloader(), _run_then_exit, worker)
        else:
            with contextlib.suppress(KeyboardInterrupt):
                sys.exit(autoreload.restart_with_reloader())


def _run_then_exit(worker: Worker) -> None:
    """Run the worker in the autoreloader's thread and end the process with it.

    The autoreloader keeps its process alive after this thread returns or fails, which would
    leave a worker process that no longer works; a supervisor sees the exit and restarts it.
    """
    code = 1
    try:
        worker.run()
        code = 0
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
