"""Keeping search current with the database.

Services call :func:`listing_search_changed` inside their transaction: the change-log entry
(and the suggestion refresh it implies) is written by the same transaction as the change, so a
crash loses both or neither. Each node's follower (``techbridge.matching.follower``) applies
the log to that node's index replica; :func:`index_rebuild` rebuilds a replica from a snapshot.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from techbridge.accounts.models import Organisation
from techbridge.catalogue.models import Listing
from techbridge.engine import Document
from techbridge.engine.replica import Follower
from techbridge.matching.changelog import DatabaseChangeLog, search_change_record
from techbridge.matching.index import search_index

#: How long a task waits for this node's follower to apply a change before going on.
CATCH_UP_WAIT_SECONDS = 15.0


def listing_search_changed(listing: Listing) -> int:
    """Record that ``listing`` changes what search shows; its suggestions are refreshed once
    this node's index has the change. Returns the change's sequence number."""
    from techbridge.matching.tasks import suggestions_refresh_task

    sequence = search_change_record(listing=listing)
    suggestions_refresh_task.enqueue(listing.pk, True, sequence)
    return sequence


def organisation_search_changed(organisation: Organisation) -> int:
    """Record that every listing of ``organisation`` changes what search shows."""
    return search_change_record(organisation=organisation)


def index_rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild this node's index from a snapshot of the database (switches atomically when
    complete) positioned in the change log; returns the number of documents.
    ``progress(documents so far)`` is called as the snapshot is read into the new index."""
    log = DatabaseChangeLog() if progress is None else _CountingChangeLog(progress)
    return Follower(search_index(), log).bootstrap()


class _CountingChangeLog(DatabaseChangeLog):
    """The change log whose snapshot tells ``progress`` each document as it is read."""

    def __init__(self, progress: Callable[[int], None]) -> None:
        super().__init__()
        self.progress = progress

    def snapshot(self) -> tuple[int, Iterable[Document]]:
        sequence, documents = super().snapshot()
        return sequence, self._counted(documents)

    def _counted(self, documents: Iterable[Document]) -> Iterator[Document]:
        for count, document in enumerate(documents, 1):
            yield document
            self.progress(count)


def index_catch_up() -> int:
    """Apply every change committed so far to this node's index, here and now; returns how
    many changes were applied. Safe beside a running follower (the index has one writer at a
    time, and applying a change twice is harmless)."""
    from techbridge.matching.follower import follower_lock

    with follower_lock(wait=CATCH_UP_WAIT_SECONDS) as held:
        if held:
            return Follower(search_index(), DatabaseChangeLog()).catch_up()
    return 0


def index_wait_for(sequence: int, timeout: float = CATCH_UP_WAIT_SECONDS) -> bool:
    """Wait until this node's index has applied ``sequence`` (applying the log here if no
    follower holds the index); returns whether it has."""
    deadline = time.monotonic() + timeout
    while True:
        position = search_index().checkpoint()
        if position is not None and position >= sequence:
            return True
        if time.monotonic() >= deadline:
            return False
        from techbridge.matching.follower import follower_lock

        with follower_lock(wait=0) as held:
            if held:
                Follower(search_index(), DatabaseChangeLog()).catch_up()
                continue
        time.sleep(0.05)
