"""The task worker's loop: django_tasks_db's, made to survive and to clean up after others.

On top of django_tasks_db's :class:`~django_tasks_db.management.commands.db_worker.Worker`
(claim a READY row with ``SKIP LOCKED``, run it, record the result), this worker

* beats from a thread of its own, named after its worker id, which is what a claimed row
  records in ``worker_ids``;
* recovers runs abandoned by dead workers, at start and every
  ``TECHBRIDGE_TASK_RECOVERY_SECONDS`` (:mod:`techbridge.core.recovery`);
* keeps going when an iteration fails (``database is locked`` during a long import on
  SQLite, a database restart): the error is logged and the loop retried after a back-off
  doubling from half a second to 30 seconds. django_tasks_db's loop lets such an error end
  it, and under the autoreloader the process then lives on with no loop, silently;
* starts this node's index follower thread, stopped again when the worker stops.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from techbridge.core.heartbeats import HeartbeatThread
from techbridge.core.models import ProcessHeartbeat
from techbridge.core.recovery import orphaned_tasks_recover
from techbridge.core.stopping import StopRequest

logger = logging.getLogger("django_tasks_db")

FIRST_BACKOFF_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 30.0


def backoff_delay(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failed iterations (1, 2, …)."""
    return min(FIRST_BACKOFF_SECONDS * 2 ** (failures - 1), MAX_BACKOFF_SECONDS)


class Worker(DatabaseWorker):
    def __init__(self, *, index_follower: bool = True, **options: Any) -> None:
        super().__init__(**options)
        self.index_follower = index_follower
        self.recovery_interval = float(settings.TECHBRIDGE_TASK_RECOVERY_SECONDS)
        self._recovered_at = 0.0
        self._stop_threads = threading.Event()
        # Set from the signal handler, so not a threading.Event (see core.stopping).
        self._wake = StopRequest()

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        """First signal: finish the current task, then stop cleanly (heartbeat row deleted,
        threads stopped). django_tasks_db's worker exits from inside the signal handler
        instead, which skips that cleanup, and under the autoreloader (the loop in another
        thread) would leave the loop running. A second signal stops at once."""
        if not self.running:
            super().shutdown(signum, frame)
        logger.warning("Received %s - stopping after the current task.", signal.strsignal(signum))
        self.running = False
        self._wake.set()

    # -- lifetime -----------------------------------------------------------------------------

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, self.queue_names)
        heartbeat = HeartbeatThread(ProcessHeartbeat.Role.WORKER, self.worker_id)
        heartbeat.start()
        follower = self._start_follower()
        try:
            if self.startup_delay and self.interval:
                self._sleep(random.random())  # spreads a fleet's first polls
            self._loop()
        finally:
            self._stop_threads.set()
            if follower is not None:
                follower.join(timeout=10)
            heartbeat.stop()
            connection.close()

    def _start_follower(self) -> threading.Thread | None:
        if not self.index_follower or self.batch:
            return None
        from techbridge.matching.follower import start_follower_thread

        return start_follower_thread(self._stop_threads)

    # -- the loop -----------------------------------------------------------------------------

    def _loop(self) -> None:
        failures = 0
        while self.running:
            try:
                finished = self._iteration()
            except Exception:
                failures += 1
                delay = backoff_delay(failures)
                logger.exception(
                    "worker %s: iteration failed (%d in a row); retrying in %.1f s",
                    self.worker_id,
                    failures,
                    delay,
                )
                self._drop_connection()
                self._sleep(delay)
                continue
            failures = 0
            if finished:
                return

    def _iteration(self) -> bool:
        """One poll: recover when due, claim and run one task; True when the worker is done
        (batch mode found the queue empty, or ``--max-tasks`` were run)."""
        close_old_connections()
        self._recover_when_due()
        task_result, polled = self._claim()
        if task_result is not None:
            self.run_task(task_result)
        close_old_connections()
        if self.batch and polled and task_result is None:
            logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
            return True
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            logger.info("Ran %d tasks on worker_id=%s - exiting.", self._run_tasks, self.worker_id)
            return True
        if self.running and task_result is None:
            self._sleep(self.interval)
        return False

    def _sleep(self, seconds: float) -> None:
        """Wait, but wake at once when asked to stop."""
        self._wake.wait(seconds)

    def _claim(self) -> tuple[DBTaskResult | None, bool]:
        """Claim the next ready task, as django_tasks_db does; (task or None, whether the queue
        could be read). A locked SQLite database is an ordinary empty poll."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            return None, False
        return task_result, True

    def _recover_when_due(self) -> None:
        now = time.monotonic()
        if self._recovered_at and now - self._recovered_at < self.recovery_interval:
            return
        self._recovered_at = now
        orphaned_tasks_recover()

    @staticmethod
    def _drop_connection() -> None:
        """Forget a connection an error may have left broken or mid-transaction."""
        try:
            connection.close()
        except Exception:
            logger.debug("closing the database connection failed", exc_info=True)
