"""Enqueue periodic tasks when they are due (runs beside ``db_worker``; any number may run)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from techbridge.core.heartbeats import HeartbeatThread, process_name
from techbridge.core.models import ProcessHeartbeat
from techbridge.core.schedule import enqueue_due_periodic_tasks
from techbridge.core.stopping import StopRequest

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue due periodic tasks (listing expiry, notices, housekeeping) every minute."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between checks.")

    def handle(self, *args: Any, **options: Any) -> None:
        # SIGTERM and SIGINT end the loop after the current check, so the heartbeat row is
        # deleted and no transaction is cut short.
        stop = StopRequest()
        if not options["once"]:
            stop.set_on_signals()
        heartbeat = HeartbeatThread(ProcessHeartbeat.Role.SCHEDULER, process_name("scheduler"))
        heartbeat.start()
        try:
            while not stop.is_set():
                self._tick()
                if options["once"]:
                    return
                stop.wait(options["interval"])
        finally:
            heartbeat.stop()
            connection.close()

    def _tick(self) -> None:
        close_old_connections()
        try:
            enqueued = enqueue_due_periodic_tasks()
        except Exception:
            # A locked SQLite file or a database restart: the next tick tries again.
            logger.exception("scheduler: checking the periodic tasks failed")
            connection.close()
            return
        for path in enqueued:
            self.stdout.write(f"enqueued {path}")
