"""Documents matching every subject word of a short query rank above those matching part of
it, in any language; longer texts and generic words keep the plain BM25 order."""

from __future__ import annotations

from pathlib import Path

import pytest

from techbridge.engine import Document, Index, Query
from techbridge.engine.core import COVERAGE_BOOST
from techbridge.engine.index import search

FILLER = " ".join(f"word{n}" for n in range(120))
LONG_BODY = (
    f"{FILLER} A focused ultrasound beam heats the tumour through the skin, without incision; "
    f"a treatment session of this therapy lasts about an hour. {FILLER}"
)


@pytest.fixture
def index(tmp_path: Path) -> Index:
    ix = Index(tmp_path / "ix")
    ix.add(
        [
            # One query word, in a short title: BM25 alone puts it first.
            Document("water", "offer", {"en": {"title": "Wastewater treatment"}}),
            # Every query word, in a long body only.
            Document("hifu", "offer", {"en": {"title": "Clinic services", "body": LONG_BODY}}),
            Document(
                "hifu-zh",
                "offer",
                {"zh-hans": {"title": "服务", "body": "聚焦超声穿过皮肤加热肿瘤，无需切口。"}},
            ),
            Document("tumour", "request", {"en": {"title": "Tumour registry software"}}),
        ]
    )
    ix.commit()
    return ix


def _ids(index: Index, text: str) -> list[str]:
    return [hit.id for hit in index.search(Query(text), highlight=False).hits]


def _scores(index: Index, text: str) -> dict[str, float]:
    return {hit.id: hit.score for hit in index.search(Query(text), highlight=False).hits}


def _plain_scores(index: Index, text: str) -> dict[str, float]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "MAX_COVERAGE_WORDS", 1)
        return _scores(index, text)


def test_documents_with_every_word_come_first(index: Index) -> None:
    ranked = _ids(index, "ultrasound treatment tumour")
    # The long HIFU text has every word; the short wastewater title only "treatment".
    assert ranked.index("hifu") < ranked.index("water")
    # The loose matches are still listed, after them.
    assert set(ranked) == {"water", "hifu", "hifu-zh", "tumour"}


def test_without_coverage_bm25_prefers_the_short_title(index: Index) -> None:
    # What the rule changes: the same query ranked by BM25 alone.
    plain = _plain_scores(index, "ultrasound treatment tumour")
    assert plain["water"] > plain["hifu"]


def test_covering_documents_gain_the_coverage_factor_and_no_other_does(index: Index) -> None:
    query = "ultrasound treatment tumour"
    plain, covered = _plain_scores(index, query), _scores(index, query)
    assert covered["hifu"] == pytest.approx(plain["hifu"] * (1 + COVERAGE_BOOST))
    # "hifu-zh" has ultrasound and tumour (through translations) but no treatment.
    for partial in ("water", "hifu-zh", "tumour"):
        assert covered[partial] == pytest.approx(plain[partial])


def test_translations_cover_the_words_of_another_language(index: Index) -> None:
    # 超声 治疗 肿瘤: the English document has every word through translations; the Chinese
    # one has 超声 and 肿瘤 only.
    query = "超声 治疗 肿瘤"
    plain, covered = _plain_scores(index, query), _scores(index, query)
    assert covered["hifu"] == pytest.approx(plain["hifu"] * (1 + COVERAGE_BOOST))
    assert covered["hifu-zh"] == pytest.approx(plain["hifu-zh"])
    assert "water" not in covered


def test_generic_words_are_not_required(index: Index) -> None:
    # "seeking" and "partner" are in no document: they do not keep the covering ones down.
    ranked = _ids(index, "seeking partner ultrasound tumour")
    assert ranked[:2] == ["hifu", "hifu-zh"] or ranked[:2] == ["hifu-zh", "hifu"]


def test_longer_queries_keep_the_bm25_order(index: Index) -> None:
    words = "ultrasound treatment tumour wastewater registry"
    assert len(words.split()) > search.MAX_COVERAGE_WORDS
    plain = _ids(index, words)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "MAX_COVERAGE_WORDS", 1)
        assert _ids(index, words) == plain


def test_a_covering_document_just_below_the_first_k_rises_into_them(index: Index) -> None:
    query = "ultrasound treatment tumour"
    plain = _plain_scores(index, query)
    # By BM25 alone the HIFU text is third, within the factor of the second.
    assert sorted(plain, key=lambda doc: -plain[doc])[:3] == ["hifu-zh", "water", "hifu"]
    assert plain["hifu"] * (1 + COVERAGE_BOOST) > plain["water"]
    top_two = [hit.id for hit in index.search(Query(query, k=2), highlight=False).hits]
    assert top_two == ["hifu-zh", "hifu"]


def test_a_covering_document_below_many_tied_ones_still_rises_and_pages_agree(
    tmp_path: Path,
) -> None:
    # 24 short titles tie on one query word each; the one text with both words, long, scores
    # just under them: 25th by BM25, well past three times k for small k.
    ix = Index(tmp_path / "tied")
    ix.add(
        [
            Document(f"a{i:02d}", "offer", {"en": {"title": f"Alpha sensor model {i}"}})
            for i in range(12)
        ]
        + [
            Document(f"b{i:02d}", "offer", {"en": {"title": f"Beta valve type {i}"}})
            for i in range(12)
        ]
        + [
            Document(
                "both",
                "offer",
                {
                    "en": {
                        "title": "Instruments",
                        "body": "alpha beta " + " ".join(FILLER.split()[:50]),
                    }
                },
            )
        ]
    )
    ix.commit()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "MAX_COVERAGE_WORDS", 1)
        plain = [hit.id for hit in ix.search(Query("alpha beta", k=40), highlight=False).hits]
    assert plain.index("both") == 24
    full = [hit.id for hit in ix.search(Query("alpha beta", k=30), highlight=False).hits]
    assert full[0] == "both"
    for k in (1, 2, 5, 10):
        assert [
            hit.id for hit in ix.search(Query("alpha beta", k=k), highlight=False).hits
        ] == full[:k]


def test_a_word_is_covered_by_translations_of_itself_not_of_a_longer_word() -> None:
    assert search._part_of("art", "state of the art")
    assert not search._part_of("art", "smart")
    assert search._part_of("机器", "机器学习")
    # A phrase typed in English is covered by its own translation, not by a longer one's.
    assert search._part_of("fall detection", "fall detection")
    assert not search._part_of("fall detection", "fall")


def test_a_typed_phrase_beginning_with_a_generic_word_still_asks_for_coverage(
    index: Index,
) -> None:
    """ "new" alone is generic; "new energy vehicle" is a subject."""
    concepts = index.concepts(Query("new energy vehicle battery"))
    assert [c.source for c in concepts if not c.translated] == ["new energy vehicle", "battery"]
    assert search.coverage_requirement(index._store.schema, concepts, index._generic) is not None
