"""Tasks abandoned by a worker that died: fail them and run them again, once.

A worker killed mid-task (out of memory, SIGKILL, its machine lost) leaves the task's row
``RUNNING`` for ever. A row is orphaned when it has been running for longer than the
heartbeat timeout and the worker that claimed it last (the end of ``worker_ids``) has not
beaten within that timeout. Recovery marks it failed, with :class:`WorkerLost` as the error,
and enqueues a fresh run of the same task and arguments, unless the orphan was itself such
a retry (a task that kills its worker every time must not loop) or the same call is already
waiting. The conditional update from RUNNING to FAILED is the claim: when several workers
recover at once, exactly one of them enqueues the retry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from techbridge.core import heartbeats
from techbridge.core.models import ProcessHeartbeat, TaskRecovery

logger = logging.getLogger(__name__)

READY, RUNNING, FAILED = "READY", "RUNNING", "FAILED"


class WorkerLost(Exception):
    """The worker running the task stopped beating; recorded as the failed run's error."""


@dataclass(frozen=True)
class Recovered:
    orphan_id: str
    retry_id: str | None


def last_worker(run: DBTaskResult) -> str:
    return str(run.worker_ids[-1]) if run.worker_ids else ""


def is_orphaned(run: DBTaskResult, live_workers: set[str], now: datetime) -> bool:
    """Whether a RUNNING row belongs to a dead worker (see the module's rule)."""
    started = run.started_at or run.enqueued_at
    return started < now - heartbeats.timeout() and last_worker(run) not in live_workers


def orphaned_runs(now: datetime | None = None) -> list[DBTaskResult]:
    now = now or timezone.now()
    candidates = DBTaskResult.objects.filter(
        status=RUNNING, started_at__lt=now - heartbeats.timeout()
    )
    live = heartbeats.live_names(ProcessHeartbeat.Role.WORKER, now)
    return [run for run in candidates if is_orphaned(run, live, now)]


def orphaned_tasks_recover(now: datetime | None = None) -> list[Recovered]:
    """Fail every orphaned run and enqueue its retry; returns what was done."""
    now = now or timezone.now()
    done = []
    for run in orphaned_runs(now):
        recovered = _recover(run, now)
        if recovered is not None:
            done.append(recovered)
    return done


def _same_call_waiting(run: DBTaskResult) -> bool:
    waiting = DBTaskResult.objects.filter(task_path=run.task_path, status=READY)
    return any(other.args_kwargs == run.args_kwargs for other in waiting.only("args_kwargs"))


@transaction.atomic
def _recover(run: DBTaskResult, now: datetime) -> Recovered | None:
    worker = last_worker(run)
    message = (
        f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: worker {worker or '?'} stopped "
        f"sending heartbeats while running this task (started {run.started_at:%Y-%m-%d %H:%M:%S}"
        f" UTC); the run was abandoned."
    )
    claimed = DBTaskResult.objects.filter(pk=run.pk, status=RUNNING).update(
        status=FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=message,
    )
    if not claimed:  # finished meanwhile, or another worker recovered it first
        return None
    retry = None
    if not TaskRecovery.objects.filter(retry_id=run.pk).exists() and not _same_call_waiting(run):
        retry = DBTaskResult.objects.create(
            task_path=run.task_path,
            args_kwargs=run.args_kwargs,
            priority=run.priority,
            queue_name=run.queue_name,
            backend_name=run.backend_name,
            run_after=get_date_max(),  # how the queue spells "no earlier time"
        )
    TaskRecovery.objects.create(orphan_id=run.pk, retry=retry, worker_id=worker, recovered_at=now)
    logger.warning(
        "task %s (%s) abandoned by dead worker %s: marked failed; %s",
        run.pk,
        run.task_path,
        worker or "?",
        f"retry {retry.pk} enqueued" if retry else "not retried",
    )
    return Recovered(orphan_id=str(run.pk), retry_id=str(retry.pk) if retry else None)
