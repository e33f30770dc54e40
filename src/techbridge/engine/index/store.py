"""The on-disk index: generations, atomic commits, batch upserts and rebuilds.

Layout: ``<path>/CURRENT`` names the live generation directory ``<path>/gen-N``, which is
a tantivy index. tantivy commits are atomic (a new ``meta.json`` is written then renamed), so a
process killed mid-commit leaves the previous commit readable. A rebuild writes a complete new
generation and only then replaces ``CURRENT`` (write-then-rename), so readers never see a
half-built index and a crash during rebuild leaves the old one live.

A replica of an external change log keeps its high-water mark (the last log sequence applied)
in ``gen-N/CHECKPOINT``, written after the tantivy commit it describes: a crash between the two
leaves the older mark, so the changes after it are applied again, which a caller whose changes
are idempotent (re-read the record, replace its documents) can always afford. A rebuild writes
the snapshot's mark into the new generation before switching, and an index replaced after an
upgrade starts without one.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy

from techbridge.engine.documents import Document, IndexStats
from techbridge.engine.index.schema import (
    SCHEMA_VERSION,
    TERMS_TOKENIZER,
    build_schema,
    from_source,
    terms_analyzer,
    to_tantivy,
)
from techbridge.engine.text.analyzer import Analyzer, default_analyzer

_CURRENT = "CURRENT"
_CHECKPOINT = "CHECKPOINT"
WRITER_WAIT_SECONDS = 30.0


class IndexFormatError(RuntimeError):
    """The directory holds an index written by an incompatible engine version."""


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Store:
    """Owns the tantivy index of the live generation and its (lazy, single) writer."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        analyzer: Analyzer | None = None,
        heap_bytes: int = 64_000_000,
        threads: int = 1,
        replace_outdated: bool = False,
        glosser: Callable[[list[str]], list[str]] | None = None,
    ):
        self.path = Path(path)
        self.analyzer = analyzer or default_analyzer()
        self.glosser = glosser
        self.heap_bytes = heap_bytes
        self.threads = threads
        self.schema = build_schema()
        #: True when an index of an earlier format was found and replaced by an empty one.
        self.replaced_outdated = False
        self.path.mkdir(parents=True, exist_ok=True)
        current = self.path / _CURRENT
        if not current.exists():
            self._generation = self._new_generation(0)
            _write_atomic(current, json.dumps({"generation": 0, "version": SCHEMA_VERSION}))
        else:
            meta = json.loads(current.read_text("utf-8"))
            self._generation = int(meta["generation"])
            if meta.get("version") != SCHEMA_VERSION:
                if not replace_outdated:
                    raise IndexFormatError(
                        f"{self.path}: index format {meta.get('version')} != {SCHEMA_VERSION};"
                        " rebuild it"
                    )
                self._replace_outdated(current)
        self.index = self._open(self._generation)
        self._writer: tantivy.IndexWriter | None = None
        self._seen = self._stamps()

    def _stamps(self) -> tuple[int, int]:
        """Modification times of ``CURRENT`` and of the live generation's ``meta.json``."""

        def mtime(path: Path) -> int:
            try:
                return path.stat().st_mtime_ns
            except FileNotFoundError:
                return 0

        return mtime(self.path / _CURRENT), mtime(self._gen_dir(self._generation) / "meta.json")

    def follow(self) -> None:
        """Catch up with what other processes wrote: a rebuild that switched generation, or a
        commit to the live one. Two ``stat`` calls, so it runs before every search.

        tantivy reloads its own commits, but only notices another process's commit after its
        file watcher's delay, and never notices a generation switch.
        """
        stamps = self._stamps()
        if stamps == self._seen:
            return
        meta = json.loads((self.path / _CURRENT).read_text("utf-8"))
        generation = int(meta["generation"])
        if generation != self._generation:
            self.close()
            self._generation, self.index = generation, self._open(generation)
        self.index.reload()
        self._seen = self._stamps()

    def _gen_dir(self, generation: int) -> Path:
        return self.path / f"gen-{generation}"

    def _replace_outdated(self, current: Path) -> None:
        """Switch to an empty generation in the current format (the caller rebuilds it)."""
        old = self._gen_dir(self._generation)
        self._generation = self._new_generation(self._generation + 1)
        meta = {"generation": self._generation, "version": SCHEMA_VERSION}
        _write_atomic(current, json.dumps(meta))
        shutil.rmtree(old, ignore_errors=True)
        self.replaced_outdated = True

    def _new_generation(self, generation: int) -> int:
        folder = self._gen_dir(generation)
        if folder.exists():
            shutil.rmtree(folder)  # leftover of a rebuild that died before switching
        folder.mkdir()
        tantivy.Index(self.schema, path=str(folder))
        return generation

    def _open(self, generation: int) -> tantivy.Index:
        index = tantivy.Index.open(str(self._gen_dir(generation)))
        # Tokenizers are not persisted by tantivy; register on every open.
        index.register_tokenizer(TERMS_TOKENIZER, terms_analyzer())
        return index

    @property
    def writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self.follow()  # write into the generation that is live now
            self._writer = self._acquire_writer(self.index)
        return self._writer

    def _acquire_writer(self, index: tantivy.Index) -> tantivy.IndexWriter:
        """tantivy allows one writer per index across processes; wait briefly for another
        process's batch to finish rather than fail."""
        deadline = time.monotonic() + WRITER_WAIT_SECONDS
        while True:
            try:
                return index.writer(heap_size=self.heap_bytes, num_threads=self.threads)
            except ValueError as error:
                if "LockBusy" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def upsert(self, documents: Iterable[Document]) -> int:
        """Replace-or-add each document (delete by id, then add); uncommitted."""
        count = 0
        writer = self.writer
        for document in documents:
            writer.delete_documents_by_term("id", document.id)
            writer.add_document(to_tantivy(document, self.analyzer, self.glosser))
            count += 1
        return count

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id; uncommitted. Returns how many ids were given."""
        count = 0
        for doc_id in ids:
            self.writer.delete_documents_by_term("id", doc_id)
            count += 1
        return count

    def commit(self, checkpoint: int | None = None) -> None:
        """Publish pending changes atomically and make them visible to searches; then record
        ``checkpoint`` (when given) as the change-log position they bring the index to."""
        if self._writer is not None:
            self._writer.commit()
            # Release the lock so that other processes (more workers, a command) can write.
            self._writer.wait_merging_threads()
            self._writer = None
        if checkpoint is not None:
            self._write_checkpoint(self._generation, checkpoint)
        self.index.reload()
        self._seen = self._stamps()

    def checkpoint(self) -> int | None:
        """The change-log position of the live generation, or None if it has none."""
        self.follow()
        try:
            text = (self._gen_dir(self._generation) / _CHECKPOINT).read_text("utf-8")
        except FileNotFoundError:
            return None
        return int(json.loads(text)["sequence"])

    def _write_checkpoint(self, generation: int, checkpoint: int) -> None:
        path = self._gen_dir(generation) / _CHECKPOINT
        _write_atomic(path, json.dumps({"sequence": int(checkpoint)}))

    def rollback(self) -> None:
        """Drop pending changes."""
        if self._writer is not None:
            self._writer.rollback()

    def rebuild(self, documents: Iterable[Document], checkpoint: int | None = None) -> int:
        """Build a fresh generation from ``documents`` and switch to it atomically, with
        ``checkpoint`` as its change-log position."""
        self.close()
        self.follow()  # never reuse the number of a generation another process made live
        generation = self._new_generation(self._generation + 1)
        index = self._open(generation)
        writer = self._acquire_writer(index)
        count = 0
        for document in documents:
            writer.add_document(to_tantivy(document, self.analyzer, self.glosser))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        if checkpoint is not None:
            self._write_checkpoint(generation, checkpoint)
        meta = {"generation": generation, "version": SCHEMA_VERSION}
        _write_atomic(self.path / _CURRENT, json.dumps(meta))
        old = self._gen_dir(self._generation)
        self._generation, self.index = generation, index
        self.index.reload()
        self._seen = self._stamps()
        shutil.rmtree(old, ignore_errors=True)
        return count

    def searcher(self) -> tantivy.Searcher:
        self.follow()
        return self.index.searcher()

    def document(self, address: tantivy.DocAddress, searcher: tantivy.Searcher) -> Document:
        source = searcher.doc(address).get_first("source")
        if source is None:
            raise RuntimeError(f"{self.path}: a document has no stored source; rebuild the index")
        return from_source(bytes(source))

    def document_id(self, address: tantivy.DocAddress, searcher: tantivy.Searcher) -> str:
        """The id of a hit, read from its stored ``id`` field (no JSON parsing)."""
        return str(searcher.doc(address).get_first("id"))

    def stats(self) -> IndexStats:
        searcher = self.searcher()
        by_kind: dict[str, int] = {}
        if searcher.num_docs:
            agg = searcher.aggregate(
                tantivy.Query.all_query(), {"kind": {"terms": {"field": "kind", "size": 50}}}
            )
            by_kind = {str(b["key"]): int(b["doc_count"]) for b in agg["kind"]["buckets"]}
        size = sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())
        return IndexStats(int(searcher.num_docs), int(searcher.num_segments), size, by_kind)

    def close(self) -> None:
        """Release the writer (and its lock); pending changes are dropped."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer.wait_merging_threads()
            self._writer = None
