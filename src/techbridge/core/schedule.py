"""Periodic tasks: which task runs how often, and enqueueing those that are due.

The task queue is the database, so "is it due?" is answered from the queue itself: a task is
enqueued when none of its runs is waiting or running and the last one was enqueued at least
one interval ago. Several schedulers may run at once; at worst a tick is enqueued twice, and
every periodic task is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from techbridge.catalogue.tasks import listing_lifecycle_tick
from techbridge.matching.tasks import daily_digest_task, weekly_digest_task
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
)


def enqueue_due_periodic_tasks(now: datetime | None = None) -> list[str]:
    """Enqueue every periodic task that is due; return the module paths enqueued."""
    now = now or timezone.now()
    enqueued = []
    for periodic in PERIODIC_TASKS:
        path = periodic.task.module_path
        runs = DBTaskResult.objects.filter(task_path=path)
        if runs.filter(status__in=["READY", "RUNNING"]).exists():
            continue
        last = runs.aggregate(last=Max("enqueued_at"))["last"]
        if last is not None and now - last < periodic.every:
            continue
        periodic.task.enqueue()
        enqueued.append(path)
    return enqueued
