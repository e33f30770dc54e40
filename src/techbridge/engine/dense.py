"""Optional dense retrieval: an encoder interface, a small vector store and rank fusion.

The lexical engine never needs this module. When an encoder is supplied (for example a
sentence-transformers model loaded from a local directory), document vectors are kept beside
the index and their cosine ranking is fused with BM25 by reciprocal rank fusion
(Cormack, Clarke & Büttcher, SIGIR 2009: score = Σ 1 / (k + rank), k = 60).
"""

from __future__ import annotations

import heapq
import importlib.util
import json
import math
import os
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

RRF_K = 60


@runtime_checkable
class Encoder(Protocol):
    """Anything that maps texts to fixed-length vectors."""

    def encode(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        """One vector per text, all of the same length."""
        ...


def reciprocal_rank_fusion(
    rankings: Iterable[Sequence[str]], k: int = RRF_K
) -> list[tuple[str, float]]:
    """Fuse ranked id lists; ties keep the order of first appearance."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def _unit(vector: Sequence[float]) -> array[float]:
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return array("f", (v / norm for v in vector))


#: numpy comes with every real encoder (sentence-transformers needs it) but is not a dependency
#: of the platform: without it the store falls back to a pure-Python scan.
HAVE_NUMPY = importlib.util.find_spec("numpy") is not None


class VectorStore:
    """Unit vectors by document id, saved atomically as JSON beside the index.

    Search is an exact cosine scan: one matrix product over every vector with numpy (built on
    the first search after a change), a Python loop without it.
    """

    def __init__(self, path: Path):
        self.path = path
        self.vectors: dict[str, array[float]] = {}
        self._matrix: tuple[list[str], Any] | None = None
        if path.exists():
            data = json.loads(path.read_text("utf-8"))
            self.vectors = {k: array("f", v) for k, v in data.items()}

    def put(self, doc_id: str, vector: Sequence[float]) -> None:
        self.vectors[doc_id] = _unit(vector)
        self._matrix = None

    def delete(self, doc_id: str) -> None:
        if self.vectors.pop(doc_id, None) is not None:
            self._matrix = None

    def clear(self) -> None:
        self.vectors.clear()
        self._matrix = None

    def save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({k: list(v) for k, v in self.vectors.items()}), "utf-8")
        os.replace(tmp, self.path)

    def search(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """Exact cosine top-k, best first (ties by id order of insertion)."""
        query = _unit(vector)
        if not self.vectors or k < 1:
            return []
        if HAVE_NUMPY:
            return self._numpy_search(query, k)
        scored = (
            (doc_id, sum(a * b for a, b in zip(query, vec, strict=False)))
            for doc_id, vec in self.vectors.items()
        )
        # nlargest with a key is stable: equal scores keep the order of insertion.
        return heapq.nlargest(k, scored, key=lambda item: item[1])

    def _numpy_search(self, query: array[float], k: int) -> list[tuple[str, float]]:
        import numpy as np

        if self._matrix is None:
            ids = list(self.vectors)
            self._matrix = (ids, np.array([self.vectors[i] for i in ids], dtype=np.float32))
        ids, matrix = self._matrix
        scores = matrix @ np.asarray(query, dtype=np.float32)
        k = min(k, len(ids))
        # argpartition finds the k best in linear time; only those k are sorted.
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        return [(ids[i], float(scores[i])) for i in top]


class SentenceTransformerEncoder:
    """Adapter for a sentence-transformers model stored in a local directory (no download)."""

    def __init__(self, path: str | os.PathLike[str]):
        folder = Path(path)
        if not (folder / "config.json").exists():
            raise FileNotFoundError(f"{folder}: not a local sentence-transformers model directory")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach the network at run time
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)

    def encode(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        vectors = self._model.encode(list(texts), convert_to_numpy=True)
        return [[float(x) for x in row] for row in vectors]
