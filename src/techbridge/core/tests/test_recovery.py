"""Tasks abandoned by dead workers are failed and retried once; live workers' are left alone."""

from __future__ import annotations

import signal
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from techbridge.core.heartbeats import beat
from techbridge.core.models import ProcessHeartbeat, TaskRecovery
from techbridge.core.recovery import orphaned_tasks_recover
from techbridge.core.tests import processes
from techbridge.core.tests.tasks import crash_once, record_call

WORKER = ProcessHeartbeat.Role.WORKER
LOST = "techbridge.core.recovery.WorkerLost"


def _running(marker: str, worker: str, started_ago: timedelta) -> DBTaskResult:
    result = record_call.enqueue(marker)
    run = DBTaskResult.objects.get(pk=result.id)
    run.claim(worker)
    DBTaskResult.objects.filter(pk=run.pk).update(started_at=timezone.now() - started_ago)
    return run


@pytest.mark.django_db
def test_run_of_a_dead_worker_is_failed_and_retried_once(tmp_path: Path) -> None:
    beat(WORKER, "dead", now=timezone.now() - timedelta(minutes=5))
    orphan = _running(str(tmp_path / "m"), "dead", timedelta(minutes=5))

    [recovered] = orphaned_tasks_recover()

    orphan.refresh_from_db()
    assert orphan.status == "FAILED"
    assert orphan.exception_class_path == LOST
    assert "worker dead stopped sending heartbeats" in orphan.traceback
    assert recovered.retry_id is not None
    retry = DBTaskResult.objects.get(pk=recovered.retry_id)
    assert (retry.status, retry.task_path, retry.args_kwargs, retry.worker_ids) == (
        "READY",
        orphan.task_path,
        orphan.args_kwargs,
        [],
    )
    assert TaskRecovery.objects.get().retry_id == retry.pk
    assert orphaned_tasks_recover() == []  # done once

    # The retry dies too: failed, and not retried again (a task that kills its worker).
    retry.claim("dead")
    DBTaskResult.objects.filter(pk=retry.pk).update(
        started_at=timezone.now() - timedelta(minutes=5)
    )
    [again] = orphaned_tasks_recover()
    assert again.retry_id is None
    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2


@pytest.mark.django_db
def test_live_workers_and_young_runs_are_left_alone(tmp_path: Path) -> None:
    beat(WORKER, "alive")
    alive = _running(str(tmp_path / "a"), "alive", timedelta(minutes=5))
    # No heartbeat at all, but started within the timeout: perhaps a worker still starting.
    young = _running(str(tmp_path / "y"), "unknown", timedelta(seconds=1))

    assert orphaned_tasks_recover() == []
    assert set(DBTaskResult.objects.values_list("pk", "status")) == {
        (alive.pk, "RUNNING"),
        (young.pk, "RUNNING"),
    }


@pytest.mark.django_db
def test_no_retry_when_the_same_call_is_already_waiting(tmp_path: Path) -> None:
    marker = str(tmp_path / "same")
    orphan = _running(marker, "gone", timedelta(minutes=5))
    record_call.enqueue(marker)  # e.g. the scheduler's next run

    [recovered] = orphaned_tasks_recover()

    assert recovered == type(recovered)(orphan_id=str(orphan.pk), retry_id=None)
    assert DBTaskResult.objects.filter(status="READY").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_recovering_at_once_enqueue_one_retry(tmp_path: Path) -> None:
    _running(str(tmp_path / "race"), "gone", timedelta(minutes=5))
    barrier = threading.Barrier(4)
    results: list[int] = []

    def recover() -> None:
        try:
            barrier.wait()
            results.append(len(orphaned_tasks_recover()))
        finally:
            connection.close()

    threads = [threading.Thread(target=recover) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 0, 0, 1]
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert TaskRecovery.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_task_of_a_worker_killed_mid_run_runs_again_on_the_next_worker(tmp_path: Path) -> None:
    """The real thing: a worker process is SIGKILLed while running a task; its row stays
    RUNNING; the next worker notices the silence, fails that run and runs the task again."""
    marker = tmp_path / "marker"
    first = crash_once.enqueue(str(marker))
    env = processes.child_env(tmp_path, **processes.FAST_HEARTBEATS)
    worker = ["db_worker", "--no-reload", "--no-startup-delay", "--no-index-follower"]
    worker += ["--interval", "0.1"]
    log = tmp_path / "workers.log"

    doomed = processes.manage(
        *worker, "--interval", "0.1", "--worker-id", "doomed", env=env, log=log
    )
    try:
        processes.wait_for(marker.exists, 30, "the first run to start")
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(10)
    finally:
        processes.stop(doomed)
    assert DBTaskResult.objects.get(pk=first.id).status == "RUNNING"  # what a crash leaves

    rescuer = processes.manage(
        *worker, "--interval", "0.1", "--worker-id", "rescuer", env=env, log=log
    )
    try:
        retry = processes.wait_for(
            lambda: DBTaskResult.objects.filter(
                task_path=crash_once.module_path, status="SUCCESSFUL"
            ).first(),
            30,
            "the retry to succeed: " + log.read_text(),
        )
        assert processes.stop(rescuer) == 0
    finally:
        processes.stop(rescuer)

    orphan = DBTaskResult.objects.get(pk=first.id)
    assert (orphan.status, orphan.exception_class_path, orphan.worker_ids) == (
        "FAILED",
        LOST,
        ["doomed"],
    )
    assert isinstance(retry, DBTaskResult)
    assert (retry.return_value, retry.worker_ids) == ("second run", ["rescuer"])
    recovery = TaskRecovery.objects.get()
    assert (str(recovery.orphan_id), recovery.retry_id, recovery.worker_id) == (
        str(first.id),
        retry.pk,
        "doomed",
    )
    # The killed worker's heartbeat row remains (silent); the stopped one deleted its own.
    assert list(ProcessHeartbeat.objects.values_list("name", flat=True)) == ["doomed"]
