"""Housekeeping of the queue, the heartbeats and the rate counters (periodic tasks)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from techbridge.core.heartbeats import silent_processes_forget
from techbridge.core.ratelimit import expired_counters_delete


def finished_task_results_prune(days: int | None = None) -> int:
    """Delete successful and failed task results finished more than ``days`` ago (default
    ``TECHBRIDGE_TASK_RESULT_DAYS``), as django_tasks_db's ``prune_db_task_results`` does
    for one backend and queue, here for all of them; returns how many."""
    days = settings.TECHBRIDGE_TASK_RESULT_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    finished = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff)
    _total, per_model = finished.delete()  # the total includes recovery records cascading
    return per_model.get(DBTaskResult._meta.label, 0)


@task()
def task_results_prune_task() -> int:
    return finished_task_results_prune()


@task()
def heartbeats_forget_task() -> int:
    """Delete the heartbeat rows of processes silent for a long time."""
    return silent_processes_forget()


@task()
def rate_counters_prune_task() -> int:
    """Delete rate-limit counters whose window has closed."""
    return expired_counters_delete()
