"""Periodic tasks: which task runs how often, and enqueueing those that are due.

A task is due when its :class:`PeriodicTaskSchedule` says so (``every`` after its last
enqueue) and no run of it is waiting, or running on a live worker: a backlog is not
piled onto, and a run left RUNNING by a dead worker no longer blocks the task (the workers
recover that run, see :mod:`techbridge.core.recovery`).

Any number of schedulers may run. Each enqueue happens in the same transaction as a
conditional update that moves the schedule's ``next_due_at`` past now; a second scheduler's
update matches no row (PostgreSQL re-checks the condition once the first commits; SQLite
runs one writing transaction at a time), so each due run is enqueued exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.tasks import personal_data_retention_task
from techbridge.catalogue.tasks import listing_lifecycle_tick
from techbridge.core import heartbeats
from techbridge.core.models import PeriodicTaskSchedule, ProcessHeartbeat
from techbridge.core.recovery import is_orphaned
from techbridge.core.tasks import (
    heartbeats_forget_task,
    rate_counters_prune_task,
    task_results_prune_task,
)
from techbridge.matching.tasks import daily_digest_task, weekly_digest_task
from techbridge.notifications.tasks import notifications_digest_task
from techbridge.pipeline.tasks import obligations_remind_task


@dataclass(frozen=True)
class PeriodicTask:
    task: Any
    every: timedelta


PERIODIC_TASKS: tuple[PeriodicTask, ...] = (
    PeriodicTask(listing_lifecycle_tick, timedelta(hours=1)),
    PeriodicTask(daily_digest_task, timedelta(days=1)),
    PeriodicTask(weekly_digest_task, timedelta(days=7)),
    PeriodicTask(obligations_remind_task, timedelta(hours=6)),
    PeriodicTask(notifications_digest_task, timedelta(days=1)),
    PeriodicTask(task_results_prune_task, timedelta(days=1)),
    PeriodicTask(heartbeats_forget_task, timedelta(hours=1)),
    PeriodicTask(rate_counters_prune_task, timedelta(hours=1)),
    PeriodicTask(personal_data_retention_task, timedelta(days=1)),
)


def enqueue_due_periodic_tasks(now: datetime | None = None) -> list[str]:
    """Enqueue every periodic task that is due; return the module paths enqueued."""
    now = now or timezone.now()
    return [
        periodic.task.module_path for periodic in PERIODIC_TASKS if _enqueue_if_due(periodic, now)
    ]


def _schedule(periodic: PeriodicTask, now: datetime) -> PeriodicTaskSchedule:
    """The task's schedule row, created on first sight: due one interval after its last run
    in the queue (so an upgrade does not re-run everything at once), else now."""
    path = periodic.task.module_path
    schedule = PeriodicTaskSchedule.objects.filter(task_path=path).first()
    if schedule is not None:
        return schedule
    last = DBTaskResult.objects.filter(task_path=path).aggregate(last=Max("enqueued_at"))["last"]
    first_due = now if last is None else last + periodic.every
    schedule, _ = PeriodicTaskSchedule.objects.get_or_create(
        task_path=path, defaults={"next_due_at": first_due, "last_enqueued_at": last}
    )
    return schedule


def _waiting_or_running(path: str, now: datetime) -> bool:
    runs = DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"])
    live_workers: set[str] | None = None
    for run in runs.only("status", "worker_ids", "started_at", "enqueued_at"):
        if run.status == "READY":
            return True
        if live_workers is None:
            live_workers = heartbeats.live_names(ProcessHeartbeat.Role.WORKER, now)
        if not is_orphaned(run, live_workers, now):
            return True
    return False


def _enqueue_if_due(periodic: PeriodicTask, now: datetime) -> bool:
    path = periodic.task.module_path
    with transaction.atomic():
        schedule = _schedule(periodic, now)
        if schedule.next_due_at > now or _waiting_or_running(path, now):
            return False
        won = PeriodicTaskSchedule.objects.filter(
            pk=schedule.pk, next_due_at=schedule.next_due_at
        ).update(next_due_at=now + periodic.every, last_enqueued_at=now)
        if not won:  # another scheduler enqueued this run
            return False
        periodic.task.enqueue()
        return True
