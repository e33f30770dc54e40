"""An index as a replica of a change log, with an in-memory log owning its records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from techbridge.engine import Document, Index, Query
from techbridge.engine.index.schema import SCHEMA_VERSION
from techbridge.engine.replica import Change, Follower, Refresh


class MemoryLog:
    """A source of truth (records by key) with its gapless change log."""

    def __init__(self) -> None:
        self.records: dict[str, str] = {}
        self.entries: list[Change] = []
        self.pruned = 0
        self.snapshots = 0

    def write(self, key: str, title: str | None) -> None:
        if title is None:
            self.records.pop(key, None)
        else:
            self.records[key] = title
        self.entries.append(Change(len(self.entries) + self.pruned + 1, key))

    def prune(self, through: int) -> None:
        self.entries = [c for c in self.entries if c.sequence > through]
        self.pruned = max(self.pruned, through)

    def head(self) -> int:
        return self.entries[-1].sequence if self.entries else self.pruned

    def pruned_through(self) -> int:
        return self.pruned

    def changes_after(self, sequence: int, limit: int) -> Sequence[Change]:
        return [c for c in self.entries if c.sequence > sequence][:limit]

    def refresh(self, changes: Sequence[Change]) -> Refresh:
        keys = sorted({c.key for c in changes})
        return Refresh(
            delete=keys,
            upsert=[self._document(k) for k in keys if k in self.records],
        )

    def snapshot(self) -> tuple[int, Iterable[Document]]:
        self.snapshots += 1
        return self.head(), [self._document(k) for k in sorted(self.records)]

    def wait(self, timeout: float) -> None:
        return None

    def _document(self, key: str) -> Document:
        return Document(id=key, kind="offer", texts={"en": {"title": self.records[key]}})


def _titles(index: Index) -> dict[str, str]:
    hits = index.search(Query("", k=1000), highlight=False).hits
    found = {hit.id: index.get(hit.id) for hit in hits}
    return {key: doc.texts["en"]["title"] for key, doc in found.items() if doc is not None}


def test_follower_applies_changes_in_order_and_records_its_position(tmp_path: Path) -> None:
    log = MemoryLog()
    log.write("a", "solar cell")
    with Index(tmp_path / "index") as index:
        follower = Follower(index, log, batch=2)
        assert index.checkpoint() is None
        assert follower.catch_up() == 0  # a new index starts from a snapshot
        assert (log.snapshots, index.checkpoint(), _titles(index)) == (1, 1, {"a": "solar cell"})

        log.write("b", "wind turbine")
        log.write("a", "perovskite solar cell")
        log.write("c", "tidal")
        log.write("c", None)
        assert follower.catch_up() == 4
        assert index.checkpoint() == 5
        assert _titles(index) == {"a": "perovskite solar cell", "b": "wind turbine"}
        assert log.snapshots == 1


def test_a_change_applied_twice_is_harmless(tmp_path: Path) -> None:
    """A crash after the index commit and before the checkpoint replays the batch."""
    log = MemoryLog()
    with Index(tmp_path / "index") as index:
        follower = Follower(index, log)
        follower.catch_up()
        log.write("a", "gene editing")
        follower.catch_up()
        gen = json.loads((tmp_path / "index" / "CURRENT").read_text())["generation"]
        (tmp_path / "index" / f"gen-{gen}" / "CHECKPOINT").write_text('{"sequence": 0}')
        assert follower.catch_up() == 1
        assert _titles(index) == {"a": "gene editing"}
        assert index.stats().documents == 1


def test_a_replica_older_than_the_log_or_an_upgraded_one_starts_from_a_snapshot(
    tmp_path: Path,
) -> None:
    log = MemoryLog()
    path = tmp_path / "index"
    with Index(path) as index:
        follower = Follower(index, log)
        follower.catch_up()
        log.write("a", "battery recycling")
        log.write("b", "lithium")
        log.prune(2)  # another node was past both; this one was not
        assert follower.needs_snapshot()
        follower.catch_up()
        assert (log.snapshots, index.checkpoint()) == (2, 2)
        assert _titles(index) == {"a": "battery recycling", "b": "lithium"}

    meta = json.loads((path / "CURRENT").read_text())
    (path / "CURRENT").write_text(json.dumps({**meta, "version": SCHEMA_VERSION - 1}))
    with Index(path, replace_outdated=True) as upgraded:
        assert upgraded.checkpoint() is None
        Follower(upgraded, log).catch_up()
        assert (log.snapshots, upgraded.checkpoint()) == (3, 2)
        assert _titles(upgraded) == {"a": "battery recycling", "b": "lithium"}


def test_excluded_documents_leave_hits_totals_and_facets(tmp_path: Path) -> None:
    with Index(tmp_path / "index") as index:
        index.add(
            [
                Document(id=f"d{i}", kind="offer", texts={"en": {"title": "solar panel"}})
                for i in range(3)
            ]
        )
        index.commit()
        result = index.search(Query("solar", facets=["kind"], exclude=frozenset({"d1"})))
        assert sorted(hit.id for hit in result.hits) == ["d0", "d2"]
        assert (result.total, result.facets["kind"]) == (2, {"offer": 2})
        browse = index.search(Query("", k=10, exclude=frozenset({"d0", "d2"})))
        assert [hit.id for hit in browse.hits] == ["d1"]
