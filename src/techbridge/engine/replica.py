"""An index kept as a replica of an external change log (a transactional outbox).

The source of truth appends one change per write, numbered without gaps in commit order, in
the same transaction as the write. A :class:`Follower` applies the changes after its index's
checkpoint in order, by re-reading the current state of what changed (so applying a change
twice, or late, is harmless), and records the last sequence applied with the index commit.
A new index, one replaced after a format upgrade, or one whose checkpoint is older than the
oldest change the log still keeps, is bootstrapped from a snapshot and the changes after it.
This is the shape of log-shipping replication (a snapshot plus the log from the snapshot's
position on), with the index as the replica and the checkpoint as its high-water mark.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from techbridge.engine.core import Index
from techbridge.engine.documents import Document


@dataclass(frozen=True)
class Change:
    """One entry of the log: ``key`` names what changed, in the log owner's terms."""

    sequence: int
    key: str


@dataclass(frozen=True)
class Refresh:
    """What applying some changes does to the index: ids to remove, documents to (re)add."""

    delete: Sequence[str]
    upsert: Sequence[Document]


class ChangeLog(Protocol):
    """The log a follower reads; implemented by the application over its database."""

    def head(self) -> int:
        """The sequence of the newest committed change (0 when there is none)."""

    def pruned_through(self) -> int:
        """Changes numbered up to this have been deleted from the log."""

    def changes_after(self, sequence: int, limit: int) -> Sequence[Change]:
        """Up to ``limit`` changes after ``sequence``, in order."""

    def refresh(self, changes: Sequence[Change]) -> Refresh:
        """The current state of what ``changes`` name, as index operations."""

    def snapshot(self) -> tuple[int, Iterable[Document]]:
        """A sequence S and every document as of S or later (changes after S are replayed)."""

    def wait(self, timeout: float) -> None:
        """Block until a change may have been appended, or ``timeout`` seconds pass."""


class Follower:
    """Applies a :class:`ChangeLog` to an :class:`Index`, in order, batch by batch."""

    def __init__(self, index: Index, log: ChangeLog, batch: int = 500):
        self.index = index
        self.log = log
        self.batch = batch

    def position(self) -> int | None:
        return self.index.checkpoint()

    def needs_snapshot(self) -> bool:
        position = self.position()
        return position is None or position < self.log.pruned_through()

    def bootstrap(self) -> int:
        """Rebuild the index from a snapshot; returns the number of documents."""
        sequence, documents = self.log.snapshot()
        return self.index.rebuild(documents, checkpoint=sequence)

    def step(self) -> int:
        """Apply the next batch of changes; returns how many were applied."""
        if self.needs_snapshot():
            self.bootstrap()
        position = self.position() or 0
        changes = self.log.changes_after(position, self.batch)
        if not changes:
            return 0
        refresh = self.log.refresh(changes)
        self.index.delete(refresh.delete)
        self.index.add(refresh.upsert)
        self.index.commit(checkpoint=changes[-1].sequence)
        return len(changes)

    def catch_up(self) -> int:
        """Apply every change committed so far; returns how many."""
        total = 0
        while applied := self.step():
            total += applied
        return total

    def run(
        self,
        stop: threading.Event,
        poll_seconds: float = 1.0,
        on_idle: Callable[[], None] | None = None,
    ) -> None:
        """Follow the log until ``stop`` is set, waking on the log's notifications."""
        while not stop.is_set():
            if self.step():
                continue
            if on_idle is not None:
                on_idle()
            self.log.wait(poll_seconds)
