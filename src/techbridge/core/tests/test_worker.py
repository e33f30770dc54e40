"""The worker survives errors in its loop, beats while it works and runs the index follower."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db.utils import OperationalError
from django_tasks_db.models import DBTaskResult

from techbridge.core.models import ProcessHeartbeat
from techbridge.core.tests.tasks import heartbeat_names
from techbridge.core.worker import Worker, backoff_delay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _worker(**options: Any) -> Worker:
    defaults: dict[str, Any] = {
        "queue_names": ["default"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "w-test",
        "excluded_queue_names": [],
    }
    return Worker(**{**defaults, **options})


def test_backoff_doubles_from_half_a_second_to_thirty() -> None:
    assert [backoff_delay(n) for n in (1, 2, 3, 4, 6, 7, 20)] == [0.5, 1, 2, 4, 16, 30, 30]


def test_a_locked_database_is_retried_with_back_off_instead_of_ending_the_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = heartbeat_names.enqueue()
    sleeps: list[float] = []
    monkeypatch.setattr(Worker, "_sleep", lambda self, seconds: sleeps.append(seconds))
    claim = Worker._claim
    failures = iter([True, True, True])

    def flaky_claim(self: Worker) -> Any:
        if next(failures, False):
            raise OperationalError("database is locked")
        return claim(self)

    monkeypatch.setattr(Worker, "_claim", flaky_claim)

    _worker().run()

    run = DBTaskResult.objects.get(pk=result.id)
    assert (run.status, run.return_value) == ("SUCCESSFUL", ["w-test"])  # it beat meanwhile
    assert sleeps == [0.5, 1.0, 2.0]
    assert not ProcessHeartbeat.objects.exists()  # a clean stop deletes the row


def test_the_index_follower_runs_beside_the_worker_and_stops_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    heartbeat_names.enqueue()
    seen: list[threading.Event] = []
    threads: list[threading.Thread] = []

    def start_follower_thread(stop: threading.Event) -> threading.Thread:
        seen.append(stop)
        thread = threading.Thread(target=stop.wait, daemon=True)
        thread.start()
        threads.append(thread)
        return thread

    monkeypatch.setattr("techbridge.matching.follower.start_follower_thread", start_follower_thread)

    _worker(batch=False, max_tasks=1).run()
    assert len(seen) == 1 and seen[0].is_set()
    assert not threads[0].is_alive()

    heartbeat_names.enqueue()
    _worker(batch=False, max_tasks=1, index_follower=False).run()  # --no-index-follower
    heartbeat_names.enqueue()
    _worker().run()  # a batch worker drains the queue and leaves; no follower for that
    assert len(seen) == 1
