"""A glossary term typed in English matches as a phrase: both its words or neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from techbridge.engine import Document, Index, Query


@pytest.fixture
def index(tmp_path: Path) -> Index:
    ix = Index(tmp_path / "ix")
    ix.add(
        [
            Document("fall", "offer", {"en": {"title": "Fall detection radar for care homes"}}),
            Document("fall-zh", "offer", {"zh-hans": {"title": "养老院跌倒检测雷达"}}),
            Document("defect", "offer", {"en": {"title": "Defect detection in welds"}}),
            Document("leaves", "offer", {"en": {"title": "Leaves fall in autumn"}}),
            Document("elderly", "request", {"en": {"title": "Services for the elderly"}}),
        ]
    )
    ix.commit()
    return ix


def ids(index: Index, text: str) -> set[str]:
    return {hit.id for hit in index.search(Query(text, k=10), highlight=False).hits}


def test_an_english_glossary_term_needs_both_its_words(index: Index) -> None:
    assert ids(index, "fall detection") == {"fall", "fall-zh"}


def test_the_other_words_of_the_query_still_match_alone(index: Index) -> None:
    assert ids(index, "fall detection elderly") == {"fall", "fall-zh", "elderly"}


def test_words_that_are_no_glossary_term_stay_loose(index: Index) -> None:
    assert ids(index, "autumn detection") == {"leaves", "defect", "fall", "fall-zh"}


def test_a_long_query_keeps_its_words_loose(index: Index) -> None:
    """A listing's title and keywords, queried for its matches, are no typed phrase."""
    found = ids(index, "fall detection radar units in autumn")
    assert {"fall", "fall-zh", "defect", "leaves"} <= found
