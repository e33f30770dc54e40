"""Heartbeats of background processes: beating, telling the living from the dead, reporting.

Each task worker, scheduler and index follower upserts its :class:`ProcessHeartbeat` row
every ``TECHBRIDGE_HEARTBEAT_SECONDS`` from a thread of its own, so a long task or a slow
query in the main loop does not make the process look dead. A row silent for
``TECHBRIDGE_HEARTBEAT_TIMEOUT`` seconds is a dead process (killed, its machine gone); its
running tasks are recovered (:mod:`techbridge.core.recovery`). A clean exit deletes the row.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from techbridge.core.models import ProcessHeartbeat

logger = logging.getLogger(__name__)

Role = ProcessHeartbeat.Role


def timeout() -> timedelta:
    return timedelta(seconds=settings.TECHBRIDGE_HEARTBEAT_TIMEOUT)


def beat(role: str, name: str, now: datetime | None = None) -> None:
    """Upsert this process's heartbeat row (one UPDATE in the usual case)."""
    now = now or timezone.now()
    fields = {"role": role, "hostname": socket.gethostname()[:200], "pid": os.getpid()}
    if ProcessHeartbeat.objects.filter(name=name).update(beat_at=now, **fields):
        return
    try:
        with transaction.atomic():
            ProcessHeartbeat.objects.create(name=name, started_at=now, beat_at=now, **fields)
    except IntegrityError:  # another beat of the same name won the race: just refresh it
        ProcessHeartbeat.objects.filter(name=name).update(beat_at=now, **fields)


def forget(name: str) -> None:
    """Delete the row of a process that stops cleanly, so that no one waits for it."""
    ProcessHeartbeat.objects.filter(name=name).delete()


def live_names(role: str, now: datetime | None = None) -> set[str]:
    """Names of the processes of ``role`` heard within the timeout."""
    since = (now or timezone.now()) - timeout()
    rows = ProcessHeartbeat.objects.filter(role=role, beat_at__gte=since)
    return set(rows.values_list("name", flat=True))


def silent_processes_forget(now: datetime | None = None) -> int:
    """Delete rows silent for ``TECHBRIDGE_HEARTBEAT_FORGET_AFTER`` seconds; returns how many."""
    limit = timedelta(seconds=settings.TECHBRIDGE_HEARTBEAT_FORGET_AFTER)
    since = (now or timezone.now()) - limit
    deleted, _ = ProcessHeartbeat.objects.filter(beat_at__lt=since).delete()
    return deleted


def process_status(now: datetime | None = None) -> dict[str, dict[str, Any]]:
    """Per role (``worker``, ``follower``, ``scheduler``): how many are alive and their names,
    the names of the silent ones not yet forgotten, and seconds since the role's latest beat
    (None when none ever beat). For readiness checks and operators."""
    now = now or timezone.now()
    since = now - timeout()
    status: dict[str, dict[str, Any]] = {
        role: {"alive": 0, "names": [], "silent": [], "seconds_since_last_beat": None}
        for role in Role.values
    }
    rows = ProcessHeartbeat.objects.order_by("name").values_list("role", "name", "beat_at")
    for role, name, beat_at in rows:
        entry = status.setdefault(
            role, {"alive": 0, "names": [], "silent": [], "seconds_since_last_beat": None}
        )
        if beat_at >= since:
            entry["alive"] += 1
            entry["names"].append(name)
        else:
            entry["silent"].append(name)
        seconds = max((now - beat_at).total_seconds(), 0.0)
        previous = entry["seconds_since_last_beat"]
        entry["seconds_since_last_beat"] = seconds if previous is None else min(previous, seconds)
    return status


class HeartbeatThread(threading.Thread):
    """Beats for one process until stopped; on stop, deletes its row.

    The first beat is made by :meth:`start` itself, so a process is visible before it takes
    any work. Errors (a locked SQLite file, a database restart) are logged and the next beat
    tries again: missing a few beats is harmless, dying silently is not.
    """

    def __init__(self, role: str, name: str, interval: float | None = None) -> None:
        super().__init__(name=f"heartbeat-{role}", daemon=True)
        self.role = role
        self.process_name = name
        self.interval = interval or float(settings.TECHBRIDGE_HEARTBEAT_SECONDS)
        self.stopping = threading.Event()

    def start(self) -> None:
        beat(self.role, self.process_name)
        super().start()

    def run(self) -> None:
        try:
            while not self.stopping.wait(self.interval):
                try:
                    close_old_connections()
                    beat(self.role, self.process_name)
                except Exception:
                    logger.exception("heartbeat of %s failed; retrying", self.process_name)
                    connection.close()
        finally:
            connection.close()

    def stop(self, forget_row: bool = True) -> None:
        """Stop beating (waiting for a beat in progress) and, by default, delete the row."""
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=self.interval + 30)
        if forget_row:
            try:
                forget(self.process_name)
            except Exception:
                logger.exception("could not delete the heartbeat of %s", self.process_name)


def process_name(role: str, unique: Iterable[str] = ()) -> str:
    """A readable unique name: role, host, process id (and anything else given)."""
    return ":".join([role, socket.gethostname(), str(os.getpid()), *unique])[:200]
