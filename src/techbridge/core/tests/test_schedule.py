"""Periodic tasks are enqueued when due, once, and run the lifecycle."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.services import listing_publish, listing_submit_for_review
from techbridge.catalogue.tests.factories import create_offer
from techbridge.core.heartbeats import beat
from techbridge.core.models import PeriodicTaskSchedule, ProcessHeartbeat
from techbridge.core.schedule import PERIODIC_TASKS, enqueue_due_periodic_tasks
from techbridge.core.tests import processes

pytestmark = pytest.mark.django_db

PATH = "techbridge.catalogue.tasks.listing_lifecycle_tick"
DIGESTS = [
    "techbridge.matching.tasks.daily_digest_task",
    "techbridge.matching.tasks.weekly_digest_task",
    "techbridge.pipeline.tasks.obligations_remind_task",
    "techbridge.notifications.tasks.notifications_digest_task",
]
HOUSEKEEPING = [
    "techbridge.core.tasks.task_results_prune_task",
    "techbridge.core.tasks.heartbeats_forget_task",
    "techbridge.core.tasks.rate_counters_prune_task",
    "techbridge.accounts.tasks.personal_data_retention_task",
]


def test_enqueued_once_until_run_and_interval_passed() -> None:
    assert enqueue_due_periodic_tasks() == [PATH, *DIGESTS, *HOUSEKEEPING]
    assert enqueue_due_periodic_tasks() == []  # still waiting in the queue
    assert DBTaskResult.objects.filter(task_path=PATH).count() == 1

    DBTaskResult.objects.filter(task_path=PATH).update(status="SUCCESSFUL")
    assert enqueue_due_periodic_tasks() == []  # ran less than an hour ago
    later = timezone.now() + timedelta(hours=1, seconds=1)
    assert enqueue_due_periodic_tasks(now=later) == [PATH]  # the hourly housekeeping still waits
    assert DBTaskResult.objects.filter(task_path=PATH).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_runs_the_lifecycle_tick(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    """The real worker, as `make run` starts it, picks the tick up and expires the listing."""
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    listing_publish(actor=reviewer, listing=listing, now=timezone.now() - timedelta(days=366))
    enqueue_due_periodic_tasks()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    run = DBTaskResult.objects.get(task_path=PATH)
    assert run.status == "SUCCESSFUL"
    assert run.return_value == {"notified": [], "expired": [listing.reference]}
    listing.refresh_from_db()
    assert listing.status == "expired"


def test_running_on_a_live_worker_blocks_but_a_dead_workers_run_does_not() -> None:
    enqueue_due_periodic_tasks()
    run = DBTaskResult.objects.get(task_path=PATH)
    run.claim("w1")
    DBTaskResult.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(hours=2))
    later = timezone.now() + timedelta(hours=1, seconds=1)
    beat(ProcessHeartbeat.Role.WORKER, "w1", now=later)
    assert PATH not in enqueue_due_periodic_tasks(now=later)  # still running on w1

    # w1 dies (its last beat is now older than the timeout): the task is enqueued again.
    much_later = later + timedelta(minutes=5)
    assert PATH in enqueue_due_periodic_tasks(now=much_later)
    assert DBTaskResult.objects.filter(task_path=PATH, status="READY").count() == 1


def test_a_new_schedule_continues_from_the_queue_history() -> None:
    """After an upgrade, tasks that ran recently are not all enqueued again at once."""
    daily = next(p for p in PERIODIC_TASKS if p.task.module_path == DIGESTS[0])
    daily.task.enqueue()
    DBTaskResult.objects.update(status="SUCCESSFUL")
    enqueued = enqueue_due_periodic_tasks()
    assert DIGESTS[0] not in enqueued
    schedule = PeriodicTaskSchedule.objects.get(task_path=DIGESTS[0])
    last = DBTaskResult.objects.get(task_path=DIGESTS[0], status="SUCCESSFUL").enqueued_at
    assert schedule.next_due_at == last + timedelta(days=1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schedulers_racing_enqueue_each_due_run_once() -> None:
    """Four schedulers released at the same instant, ten times over (every task due each
    time, the previous runs finished): each due run is enqueued exactly once."""
    schedulers, rounds = 4, 10
    barrier = threading.Barrier(schedulers)
    start = timezone.now()
    errors: list[BaseException] = []

    def scheduler() -> None:
        try:
            for round_ in range(rounds):
                barrier.wait()
                enqueue_due_periodic_tasks(now=start + timedelta(days=8 * round_))
                if barrier.wait() == 0:  # one of them plays the worker between rounds
                    DBTaskResult.objects.update(status="SUCCESSFUL")
        except BaseException as error:  # reported below rather than lost with the thread
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(schedulers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    per_task = Counter(DBTaskResult.objects.values_list("task_path", flat=True))
    assert per_task == {periodic.task.module_path: rounds for periodic in PERIODIC_TASKS}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_scheduler_processes_enqueue_one_run_each(tmp_path: Path) -> None:
    env = processes.child_env(tmp_path)
    log = tmp_path / "schedulers.log"
    both = [
        processes.manage("run_scheduler", "--interval", "0.05", env=env, log=log) for _ in range(2)
    ]
    try:
        processes.wait_for(
            lambda: ProcessHeartbeat.objects.filter(role="scheduler").count() == 2,
            30,
            "both schedulers to start: " + log.read_text(),
        )
        time.sleep(1)  # many rounds each, all due tasks already enqueued by one or the other
    finally:
        codes = [processes.stop(process) for process in both]
    # A scheduler killed after the grace period (-9) is a hang on SIGTERM: its log says where.
    assert codes == [0, 0], log.read_text()
    per_task = Counter(DBTaskResult.objects.values_list("task_path", flat=True))
    assert per_task == {periodic.task.module_path: 1 for periodic in PERIODIC_TASKS}
    assert not ProcessHeartbeat.objects.exists()  # each deleted its row on SIGTERM
