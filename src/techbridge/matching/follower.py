"""The node's index follower: applies the search change log to this node's index replica.

Exactly one follower runs per index directory, enforced by an exclusive ``flock`` on a file
beside the directory (so deleting the index does not release it). ``manage.py index_follower``
runs it in the foreground; ``rundev``, ``serve`` and every task worker start one, and whichever
takes the lock follows while the others stand by, so a node whose follower dies resumes within
seconds. The follower registers the node (:class:`IndexNode`) with its checkpoint and a
heartbeat, prunes log entries every registered node has applied, and rebuilds the index
itself when its directory disappears or an operator asks (``manage.py reindex``).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from techbridge.core.heartbeats import beat
from techbridge.core.models import ProcessHeartbeat
from techbridge.core.stopping import Stop
from techbridge.engine.replica import Follower
from techbridge.matching.changelog import DatabaseChangeLog, _locked_state
from techbridge.matching.index import close_search_index, index_path, search_index
from techbridge.matching.models import IndexNode, SearchChange

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0
PRUNE_SECONDS = 60.0
STANDBY_RETRY_SECONDS = 2.0
MAX_BACKOFF_SECONDS = 30.0


def _sidecar(suffix: str) -> Path:
    path = index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent / f"{path.name}.{suffix}"


def node_name() -> str:
    """This index directory's node name, created once and kept beside the directory."""
    path = _sidecar("node")
    try:
        return path.read_text("utf-8").strip()
    except FileNotFoundError:
        name = uuid.uuid4().hex
        tmp = path.with_suffix(".tmp")
        tmp.write_text(name, "utf-8")
        os.replace(tmp, path)
        return name


@contextlib.contextmanager
def follower_lock(wait: float | None = None) -> Iterator[bool]:
    """Hold this index directory's follower lock; yields whether it was taken (``wait``
    seconds at most; None waits for ever)."""
    handle = open(_sidecar("follower.lock"), "a+")  # noqa: SIM115 - held for the block
    try:
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.05)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


def rebuild_request_path() -> Path:
    return _sidecar("rebuild-requested")


class NodeFollower:
    """One node's follower loop around the engine's :class:`Follower`."""

    def __init__(self, stop: Stop, poll_seconds: float = 0.2):
        self.stop = stop
        self.log = DatabaseChangeLog(poll_seconds=poll_seconds)
        self.name = node_name()
        self.hostname = socket.gethostname()
        self._beat_at = 0.0
        self._pruned_at = 0.0

    def run(self, once: bool = False) -> None:
        backoff = 0.5
        while not self.stop.is_set():
            try:
                applied = self.tick()
                backoff = 0.5
                if once and not applied:
                    return
                if not applied:
                    self.log.wait(HEARTBEAT_SECONDS)
            except Exception:
                # A database restart, a locked SQLite file, a full disk: log, back off, go on.
                logger.exception("index follower: error; retrying in %.1f s", backoff)
                close_old_connections()
                with contextlib.suppress(Exception):
                    connection.close()
                self.log = DatabaseChangeLog(poll_seconds=self.log.poll_seconds)
                if once:
                    raise
                self.stop.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    def tick(self) -> int:
        """One round: rebuild if needed, apply a batch, heartbeat and prune when due."""
        if not (index_path() / "CURRENT").exists():
            logger.warning("index follower: %s is missing; rebuilding it", index_path())
            close_search_index()
        follower = Follower(search_index(), self.log)
        request = rebuild_request_path()
        if request.exists():
            logger.info("index follower: rebuild requested")
            follower.bootstrap()
            request.unlink(missing_ok=True)
        applied = follower.step()
        now = time.monotonic()
        if applied or now - self._beat_at >= HEARTBEAT_SECONDS:
            self.heartbeat(follower.position() or 0)
            self._beat_at = now
        if now - self._pruned_at >= PRUNE_SECONDS:
            search_log_prune()
            self._pruned_at = now
        return applied

    def heartbeat(self, checkpoint: int) -> None:
        now = timezone.now()
        IndexNode.objects.update_or_create(
            name=self.name,
            defaults={
                "hostname": self.hostname,
                "index_path": str(index_path()),
                "checkpoint": checkpoint,
                "beat_at": now,
            },
        )
        beat(ProcessHeartbeat.Role.FOLLOWER, f"follower:{self.name}", now)


def search_log_prune() -> int:
    """Delete log entries every recently heard node has applied; returns how many."""
    silence = timedelta(seconds=settings.TECHBRIDGE_INDEX_NODE_SILENCE)
    live = IndexNode.objects.filter(beat_at__gte=timezone.now() - silence)
    through = min(live.values_list("checkpoint", flat=True), default=None)
    if not through:
        return 0
    with transaction.atomic():
        state = _locked_state()
        if through <= state.pruned_through:
            return 0
        deleted, _ = SearchChange.objects.filter(sequence__lte=through).delete()
        state.pruned_through = through
        state.save(update_fields=["pruned_through"])
    return deleted


def run_follower(stop: Stop, once: bool = False) -> None:
    """Follow the log while holding this node's lock (waiting for it first)."""
    while not stop.is_set():
        with follower_lock(wait=0 if once else STANDBY_RETRY_SECONDS) as held:
            if held:
                NodeFollower(stop).run(once=once)
                return
        if once:
            return


def start_follower_thread(stop: Stop) -> threading.Thread | None:
    """Start this node's follower in a daemon thread: it follows when no other process of
    the node does, and stands by otherwise; returns the thread."""

    def follow() -> None:
        try:
            run_follower(stop)
        finally:
            connection.close()

    thread = threading.Thread(target=follow, name="index-follower", daemon=True)
    thread.start()
    return thread
