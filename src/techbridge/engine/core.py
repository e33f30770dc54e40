"""The :class:`Index` facade: the engine's public entry point."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from types import TracebackType

import tantivy

from techbridge.engine.dense import Encoder, VectorStore, reciprocal_rank_fusion
from techbridge.engine.documents import Document, Hit, IndexStats, Query, SearchResult
from techbridge.engine.index.highlight import explain, highlights
from techbridge.engine.index.schema import TEXT
from techbridge.engine.index.search import (
    among,
    build,
    coverage_requirement,
    facet_counts,
    without_common_translations,
)
from techbridge.engine.index.store import Store
from techbridge.engine.lexicon.generic import generic_terms
from techbridge.engine.lexicon.translate import Concept, Translator, in_context
from techbridge.engine.text.analyzer import Analyzer, default_analyzer

FUSION_DEPTH = 100


class Index:
    """A persistent search index at ``path`` (created when absent).

    Changes (:meth:`add`, :meth:`delete`) are batched and become visible at :meth:`commit`.
    One process may write at a time; any number may read.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        analyzer: Analyzer | None = None,
        encoder: Encoder | None = None,
        threads: int = 1,
        heap_bytes: int = 64_000_000,
        replace_outdated: bool = False,
    ):
        """Open (or create) the index at ``path``. An index written by an earlier engine version
        raises :class:`IndexFormatError`, or with ``replace_outdated`` is replaced by an empty
        one (see :attr:`replaced_outdated`) for the caller to rebuild from its source."""
        analyzer = analyzer or default_analyzer()
        self._translator = Translator(analyzer)
        self._generic = generic_terms(analyzer)
        self._store = Store(
            path,
            analyzer,
            heap_bytes=heap_bytes,
            threads=threads,
            replace_outdated=replace_outdated,
            glosser=self._translator.gloss_of_words,
        )
        self._encoder = encoder
        self._vectors = VectorStore(self._store.path / "vectors.json") if encoder else None

    @property
    def replaced_outdated(self) -> bool:
        """True when opening found an index of an earlier format and started an empty one."""
        return self._store.replaced_outdated

    @classmethod
    def open(cls, path: str | os.PathLike[str], **options: object) -> Index:
        """Open the index at ``path``, creating an empty one if needed."""
        return cls(path, **options)  # type: ignore[arg-type]

    def __enter__(self) -> Index:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------

    def add(self, documents: Iterable[Document]) -> int:
        """Add or replace documents (matched by id). Returns the number given."""
        batch = list(documents)
        self._encode(batch)
        return self._store.upsert(batch)

    update = add

    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored."""
        ids = list(ids)
        if self._vectors is not None:
            for doc_id in ids:
                self._vectors.delete(doc_id)
        return self._store.delete(ids)

    def commit(self, checkpoint: int | None = None) -> None:
        """Make all pending changes durable and searchable, atomically; ``checkpoint`` records
        the position in the caller's change log that the index now reflects."""
        self._store.commit(checkpoint)
        if self._vectors is not None:
            self._vectors.save()

    def rollback(self) -> None:
        """Discard pending changes."""
        self._store.rollback()

    def rebuild(self, documents: Iterable[Document], checkpoint: int | None = None) -> int:
        """Replace the whole index with ``documents`` (switches atomically when complete);
        ``checkpoint`` is the change-log position of the snapshot they were read from."""
        if self._vectors is not None:
            self._vectors.clear()
            documents = list(documents)
            self._encode(documents)
        count = self._store.rebuild(documents, checkpoint)
        if self._vectors is not None:
            self._vectors.save()
        return count

    def close(self) -> None:
        """Release the writer; uncommitted changes are dropped."""
        self._store.close()

    def _encode(self, documents: list[Document]) -> None:
        if self._encoder is None or self._vectors is None or not documents:
            return
        texts = [dense_text(d) for d in documents]
        for document, vector in zip(documents, self._encoder.encode(texts), strict=True):
            self._vectors.put(document.id, vector)

    # -- reads ----------------------------------------------------------------------------

    def stats(self) -> IndexStats:
        """Documents, segments, bytes on disk and documents per kind."""
        return self._store.stats()

    def checkpoint(self) -> int | None:
        """The change-log position the index reflects (see :meth:`commit`), None if unknown."""
        return self._store.checkpoint()

    def describe(self, query: Query, documents: Iterable[Document]) -> list[Hit]:
        """Highlights and term matches of ``query`` in each of ``documents``, which need not
        be the stored ones: a caller holding fresher text (its source of truth) describes a
        hit with that, so no snippet quotes what the stored copy says and the source no longer
        does. A document the query no longer matches gets an empty ``matches``."""
        concepts = self.concepts(query)
        terms = {t for c in concepts for a in c.alternatives for t in a.terms}
        analyzer, gloss = self._store.analyzer, self._translator.gloss_of_words
        return [
            Hit(
                id=document.id,
                score=0.0,
                highlights=highlights(document, terms, analyzer),
                matches=explain(document, concepts, analyzer, gloss),
            )
            for document in documents
        ]

    def get(self, doc_id: str) -> Document | None:
        """The stored original of one document."""
        searcher = self._store.searcher()
        found = searcher.search(tantivy.Query.term_query(self._store.schema, "id", doc_id), 1)
        if not found.hits:
            return None
        return self._store.document(found.hits[0][1], searcher)

    def idf(self, terms: Iterable[str]) -> dict[str, float | None]:
        """Inverse document frequency of index terms (BM25's, as the ranking uses): how much
        finding each term says about a document; None for a term in no document."""
        searcher = self._store.searcher()
        total = searcher.num_docs
        out: dict[str, float | None] = {}
        for term in terms:
            found = searcher.doc_freq(TEXT, term)
            out[term] = math.log(1 + (total - found + 0.5) / (found + 0.5)) if found else None
        return out

    def concepts(self, query: Query) -> list[Concept]:
        """The analysed and translated form of a query (what :meth:`search` looks for)."""
        return self._concepts(query, self._store.searcher())

    def _concepts(self, query: Query, searcher: tantivy.Searcher) -> list[Concept]:
        """:meth:`concepts` with the searcher whose document counts the caller ranks with."""
        drop = self._generic if query.drop_generic else frozenset()
        # A query built from a listing (drop_generic) keeps its words loose, phrases included.
        concepts = self._translator.concepts(
            query.text, query.translate, drop, phrases=not query.drop_generic
        )
        if query.drop_generic:
            concepts = in_context(concepts)
        return without_common_translations(
            concepts, lambda term: searcher.doc_freq(TEXT, term), searcher.num_docs
        )

    def search(self, query: Query, *, highlight: bool = True) -> SearchResult:
        """Ranked hits with highlights, optional explanations and facet counts."""
        searcher = self._store.searcher()
        concepts = self._concepts(query, searcher)
        if not concepts and query.text.strip():
            # Text with no indexable term ("the of and", "？？？") asks for nothing: answering
            # with every document, as an empty box browses, would pass noise off as results.
            return SearchResult((), 0, {name: {} for name in query.facets}, ())
        schema = self._store.schema
        tq = build(schema, query, concepts)
        dense = self._encoder is not None and self._vectors is not None and query.text.strip()
        limit = max(query.k, FUSION_DEPTH) if dense else query.k
        required = coverage_requirement(schema, concepts, self._generic)
        depth = limit if required is None else max(limit, COVERAGE_WINDOW)
        found = searcher.search(tq, max(depth, 1), count=True)  # tantivy rejects 0
        known_ids: dict[tuple[int, int], str] = {}
        addresses = found.hits[:limit]
        if required is not None:
            addresses = self._covering_first(searcher, required, found.hits, known_ids)[:limit]
        # Only highlights, explanations and fusion read a hit's stored original; a plain ranked
        # list takes just the stored id and skips parsing and validating the source JSON.
        originals = bool(highlight or query.explain or dense)
        ranked: list[tuple[str, float, Document | None]] = []
        docs: dict[str, Document] = {}
        for score, address in addresses:
            if not originals:
                key = (address.segment_ord, address.doc)
                doc_id = known_ids.get(key) or self._store.document_id(address, searcher)
                ranked.append((doc_id, float(score), None))
                continue
            document = self._store.document(address, searcher)
            docs[document.id] = document
            ranked.append((document.id, float(score), document))
        if dense:
            ranked = self._fuse(query, ranked, docs)
        terms = {t for c in concepts for a in c.alternatives for t in a.terms}
        hits: list[Hit] = []
        for doc_id, score, _ in ranked[: query.k]:
            if not originals:
                hits.append(Hit(id=doc_id, score=score))
                continue
            found_doc = docs.get(doc_id) or self.get(doc_id)
            if found_doc is None:
                continue
            document = found_doc
            hits.append(
                Hit(
                    id=doc_id,
                    score=score,
                    highlights=highlights(document, terms, self._store.analyzer)
                    if highlight
                    else (),
                    matches=explain(
                        document, concepts, self._store.analyzer, self._translator.gloss_of_words
                    )
                    if query.explain
                    else (),
                )
            )
        facets = facet_counts(searcher, tq, query.facets)
        described = tuple(
            (c.source, a.text, a.via, a.weight) for c in concepts for a in c.alternatives
        )
        return SearchResult(tuple(hits), int(getattr(found, "count", 0) or 0), facets, described)

    def _covering_first(
        self,
        searcher: tantivy.Searcher,
        required: tantivy.Query,
        hits: list[tuple[float, tantivy.DocAddress]],
        known_ids: dict[tuple[int, int], str],
    ) -> list[tuple[float, tantivy.DocAddress]]:
        """``hits`` with the first :data:`COVERAGE_WINDOW` reordered once the scores of those
        matching every subject word (``required``, see :func:`coverage_requirement`) are
        raised by :data:`COVERAGE_BOOST`; the rest keep their order after them.

        The window is the same whatever k is asked, so page 2 agrees with page 1, and every
        hit after it scores no more than any in it, boosted or not. Coverage is checked by id
        for the window alone (the ids read are left in ``known_ids`` for the caller): a second
        search over the whole index doubled the 95th-percentile latency."""
        window, rest = hits[:COVERAGE_WINDOW], hits[COVERAGE_WINDOW:]
        if not window:
            return hits
        ids = []
        for _, a in window:
            doc_id = known_ids[(a.segment_ord, a.doc)] = self._store.document_id(a, searcher)
            ids.append(doc_id)
        query = among(self._store.schema, required, ids)
        covered = {(a.segment_ord, a.doc) for _, a in searcher.search(query, len(ids)).hits}
        factor = 1 + COVERAGE_BOOST
        rescored = [
            (score * factor if (a.segment_ord, a.doc) in covered else score, a)
            for score, a in window
        ]
        # sorted() is stable: equal scores keep the index's order.
        return sorted(rescored, key=lambda hit: -hit[0]) + rest

    def _fuse(
        self,
        query: Query,
        lexical: list[tuple[str, float, Document | None]],
        docs: dict[str, Document],
    ) -> list[tuple[str, float, Document | None]]:
        assert self._encoder is not None and self._vectors is not None
        vector = self._encoder.encode([query.text])[0]
        dense_ids: list[str] = []
        for doc_id, _ in self._vectors.search(vector, FUSION_DEPTH):
            document = docs.get(doc_id) or self.get(doc_id)
            if document is not None and passes_filters(document, query):
                docs[doc_id] = document
                dense_ids.append(doc_id)
        fused = reciprocal_rank_fusion([[d for d, _, _ in lexical], dense_ids])
        return [(doc_id, score, docs.get(doc_id)) for doc_id, score in fused]


#: The order in which a document's fields are given to the encoder: an encoder reads only its
#: first few hundred tokens, so the most telling fields come first.
DENSE_FIELDS = ("title", "summary", "keywords")


#: How much a document matching every subject word of a short query gains over its BM25 score
#: (a factor of 1 + this). A soft preference: ranking such documents strictly first cost the
#: quality benchmark 0.01 nDCG@10 on CSL titles, where the relevant abstract often lacks a title
#: word, and a factor of 1.5 still cost up to 0.0008; at 1.1 no task of the benchmark moved by
#: more than 0.0004 (benchmarks/README.md, "Matching").
COVERAGE_BOOST = 0.1
#: How many of the first hits coverage may reorder: the first pages people read. Fixed, not a
#: multiple of k, so that every k gets the first k of one order.
COVERAGE_WINDOW = 30


def dense_text(document: Document) -> str:
    """What the encoder sees: titles, summaries and keywords in every language, then every
    other text (descriptions), so that a document with only a body is not an empty string."""
    parts = [texts.get(name, "") for name in DENSE_FIELDS for texts in document.texts.values()]
    parts += [
        text
        for texts in document.texts.values()
        for name, text in texts.items()
        if name not in DENSE_FIELDS
    ]
    return "\n".join(p for p in parts if p)


def passes_filters(document: Document, query: Query) -> bool:
    """Python-side check of a query's filters (for candidates coming from the vector store)."""
    for name, values in query.filters.items():
        have = [document.owner] if name == "owner" else document.facet_values(name)
        if not set(have) & {str(v) for v in values}:
            return False
    if query.trl_range is not None:
        low, high = query.trl_range
        if document.trl is None or not low <= document.trl <= high:
            return False
    return True
