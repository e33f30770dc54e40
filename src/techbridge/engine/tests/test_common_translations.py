"""A translated term in a large share of a big index is left out of a query with something more
specific to find; words as typed, and a translation with nothing more specific beside it, stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from techbridge.engine import Document, Index, Query
from techbridge.engine.index import search

SYSTEMS = [
    "Battery management system",
    "Irrigation control system",
    "Hospital booking system",
    "Drone navigation system",
    "Grid monitoring system",
    "Warehouse sorting system",
]


@pytest.fixture
def index(tmp_path: Path) -> Index:
    ix = Index(tmp_path / "ix")
    documents = [
        Document(f"system-{n}", "offer", {"en": {"title": t}}) for n, t in enumerate(SYSTEMS)
    ]
    documents += [
        Document("scratch", "offer", {"en": {"title": "Scratch-resistant lens coating"}}),
        Document("setup", "offer", {"en": {"title": "Laboratory setup service"}}),
        Document("lathe", "offer", {"en": {"title": "Precision lathe"}}),
        Document("scratch-zh", "request", {"zh-hans": {"title": "汽车漆面划痕修复"}}),
    ]
    ix.add(documents)
    ix.commit()
    return ix


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the ten-document index as large enough for the rule (its threshold is 10,000)."""
    monkeypatch.setattr(search, "COMMON_TRANSLATION_MIN_DOCUMENTS", 10)


def _translated_terms(index: Index, text: str) -> dict[str, set[str]]:
    return {
        c.source: {t for a in c.alternatives for t in a.terms}
        for c in index.concepts(Query(text))
        if c.translated
    }


def _scores(index: Index, text: str) -> dict[str, float]:
    return {hit.id: hit.score for hit in index.search(Query(text, k=20), highlight=False).hits}


def _ids(index: Index, text: str) -> set[str]:
    return set(_scores(index, text))


def test_a_common_translation_is_left_out_beside_a_specific_one(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _scores(index, "体系划痕")
    monkeypatch.setattr(search, "COMMON_TRANSLATION_MIN_DOCUMENTS", 10)
    # "system" is in 6 of the 10 documents, "scratch" in one.
    assert _translated_terms(index, "体系划痕") == {"体系": {"setup"}, "划痕": {"scratch"}}
    after = _scores(index, "体系划痕")
    # The system offers are still found, through the Chinese glosses of their English titles
    # (system → 体系), but no longer through the query's translation.
    assert set(after) == set(before)
    for n in range(len(SYSTEMS)):
        assert after[f"system-{n}"] < before[f"system-{n}"]
    assert after["scratch"] == pytest.approx(before["scratch"])
    assert set(sorted(after, key=after.__getitem__)[-2:]) == {"scratch", "scratch-zh"}


@pytest.mark.usefixtures("large")
def test_a_translation_with_nothing_more_specific_keeps_its_common_words(index: Index) -> None:
    assert _translated_terms(index, "体系") == {"体系": {"system", "setup"}}
    assert _ids(index, "体系") == {f"system-{n}" for n in range(len(SYSTEMS))} | {"setup"}


@pytest.mark.usefixtures("large")
def test_a_common_word_as_typed_is_kept(index: Index) -> None:
    found = _ids(index, "system scratch")
    assert {f"system-{n}" for n in range(len(SYSTEMS))} | {"scratch"} <= found


def test_a_small_index_keeps_every_translation(index: Index) -> None:
    assert _translated_terms(index, "体系划痕") == {
        "体系": {"system", "setup"},
        "划痕": {"scratch"},
    }
