"""Optional dense retrieval: an encoder interface, a small vector store and rank fusion.

The lexical engine never needs this module. When an encoder is supplied (for example a
sentence-transformers model loaded from a local directory), document vectors are kept beside
the index and their cosine ranking is fused with BM25 by reciprocal rank fusion
(Cormack, Clarke & Büttcher, SIGIR 2009: score = Σ 1 / (k + rank), k = 60).
"""

from __future__ import annotations

import heapq
import json
import math
import os
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

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


class VectorStore:
    """Unit vectors by document id, saved atomically as JSON beside the index."""

    def __init__(self, path: Path):
        self.path = path
        self.vectors: dict[str, array[float]] = {}
        if path.exists():
            data = json.loads(path.read_text("utf-8"))
            self.vectors = {k: array("f", v) for k, v in data.items()}

    def put(self, doc_id: str, vector: Sequence[float]) -> None:
        self.vectors[doc_id] = _unit(vector)

    def delete(self, doc_id: str) -> None:
        self.vectors.pop(doc_id, None)

    def clear(self) -> None:
        self.vectors.clear()

    def save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({k: list(v) for k, v in self.vectors.items()}), "utf-8")
        os.replace(tmp, self.path)

    def search(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """Exact cosine top-k (brute force: fine for the optional path's corpus sizes)."""
        query = _unit(vector)
        scored = (
            (sum(a * b for a, b in zip(query, vec, strict=False)), doc_id)
            for doc_id, vec in self.vectors.items()
        )
        return [(doc_id, score) for score, doc_id in heapq.nlargest(k, scored)]


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
