"""Heartbeat rows: upserted, reported per role, deleted on a clean stop or after long silence."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from techbridge.core.heartbeats import (
    HeartbeatThread,
    beat,
    live_names,
    process_status,
    silent_processes_forget,
)
from techbridge.core.models import ProcessHeartbeat
from techbridge.core.tasks import heartbeats_forget_task

pytestmark = pytest.mark.django_db

WORKER = ProcessHeartbeat.Role.WORKER
SCHEDULER = ProcessHeartbeat.Role.SCHEDULER


def test_beat_creates_the_row_once_then_moves_it_forward() -> None:
    start = timezone.now() - timedelta(minutes=1)
    beat(WORKER, "w1", now=start)
    beat(WORKER, "w1", now=start + timedelta(seconds=5))
    row = ProcessHeartbeat.objects.get()
    assert (row.role, row.name, row.hostname, row.pid) == (
        "worker",
        "w1",
        socket.gethostname(),
        os.getpid(),
    )
    assert (row.started_at, row.beat_at) == (start, start + timedelta(seconds=5))


def test_process_status_per_role() -> None:
    now = timezone.now()
    beat(WORKER, "w-fresh", now=now - timedelta(seconds=3))
    beat(WORKER, "w-older", now=now - timedelta(seconds=20))
    beat(WORKER, "w-dead", now=now - timedelta(minutes=5))
    beat(SCHEDULER, "s-dead", now=now - timedelta(minutes=2))

    assert process_status(now=now) == {
        "worker": {
            "alive": 2,
            "names": ["w-fresh", "w-older"],
            "silent": ["w-dead"],
            "seconds_since_last_beat": 3.0,
        },
        "follower": {"alive": 0, "names": [], "silent": [], "seconds_since_last_beat": None},
        "scheduler": {
            "alive": 0,
            "names": [],
            "silent": ["s-dead"],
            "seconds_since_last_beat": 120.0,
        },
    }
    assert live_names(WORKER, now=now) == {"w-fresh", "w-older"}


def test_rows_silent_for_a_day_are_forgotten_by_the_periodic_task() -> None:
    now = timezone.now()
    beat(WORKER, "recent", now=now - timedelta(hours=23))
    beat(WORKER, "gone", now=now - timedelta(hours=25))
    assert silent_processes_forget(now=now) == 1
    assert list(ProcessHeartbeat.objects.values_list("name", flat=True)) == ["recent"]
    beat(WORKER, "gone", now=now - timedelta(days=3))
    assert heartbeats_forget_task.call() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thread_beats_until_stopped_and_then_deletes_its_row() -> None:
    thread = HeartbeatThread(SCHEDULER, "s1", interval=0.05)
    thread.start()
    first = ProcessHeartbeat.objects.get(name="s1").beat_at  # beaten before start() returned
    for _ in range(100):
        if ProcessHeartbeat.objects.get(name="s1").beat_at > first:
            break
        thread.stopping.wait(0.05)
    assert ProcessHeartbeat.objects.get(name="s1").beat_at > first
    thread.stop()
    assert not thread.is_alive()
    assert not ProcessHeartbeat.objects.exists()
