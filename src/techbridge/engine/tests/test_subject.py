"""What a suggestion must share: the subject of a listing's title and keywords without the
generic words, how much of it a candidate covers, the label that follows and the three
reasons shown; and a query with nothing to look for finds nothing."""

from __future__ import annotations

from pathlib import Path

from techbridge.engine import Document, Index, Query, TermMatch
from techbridge.engine.matching import (
    GOOD_LABEL,
    POSSIBLE_LABEL,
    STRONG_LABEL,
    Reason,
    label_for,
    shown_reasons,
    spellings,
    subject_coverage,
    subject_units,
    worth_suggesting,
)


def _index(path: Path) -> Index:
    index = Index(path)
    index.add(
        [
            Document(
                id="hifu",
                kind="offer",
                texts={"en": {"title": "Focused ultrasound tumour ablation"}},
            ),
            Document(
                id="water",
                kind="offer",
                texts={"en": {"title": "Anaerobic membrane bioreactor for wastewater treatment"}},
            ),
            Document(id="cfdna", kind="offer", texts={"en": {"title": "Focus on cfDNA screening"}}),
        ]
    )
    index.commit()
    return index


def test_generic_words_and_their_translations_leave_a_listings_query(tmp_path: Path) -> None:
    with _index(tmp_path / "index") as index:
        text = "Seeking a partner for high-efficiency cooperation 寻求合作伙伴 超声 技术"
        kept = {c.source for c in index.concepts(Query(text, drop_generic=True))}
        assert kept == {"超声"}
        # A reader's own search keeps every word typed.
        typed = {c.source for c in index.concepts(Query(text))}
        assert {"seeking", "partner", "寻求", "技术"} <= typed


def test_a_query_with_no_indexable_term_finds_nothing(tmp_path: Path) -> None:
    with _index(tmp_path / "index") as index:
        assert index.search(Query("the of and")).total == 0
        assert index.search(Query("？？？")).hits == ()
        assert index.search(Query("")).total == 3  # an empty box still browses


def test_coverage_weighs_the_subject_and_labels_follow_it(tmp_path: Path) -> None:
    with _index(tmp_path / "index") as index:
        query = Query("超声 治疗 肿瘤", drop_generic=True, explain=True)
        concepts = index.concepts(query)
        firsts = {t for c in concepts for t in c.alternatives[0].terms}
        units = subject_units(concepts, index.idf(firsts))
        assert {unit.source for unit in units} == {"超声", "治疗", "肿瘤"}
        spelled = spellings(concepts)
        hits = {hit.id: hit for hit in index.search(query, highlight=False).hits}
        hifu = subject_coverage(units, hits["hifu"].matches, spelled)
        # Ultrasound and tumour in the title; 治疗 is therapy, and ablation is not a word of it.
        assert hifu.missing == ("治疗",)
        assert 0.5 <= hifu.share < 1.0
        assert label_for(hifu.share, []) == STRONG_LABEL
        # 治疗 is therapy or medical treatment: the wastewater plant's bare "treatment" is a
        # part of one sense at most, so it ranks below and is no more than a possible match.
        ranked = [hit.id for hit in index.search(query, highlight=False).hits]
        assert ranked[0] == "hifu"
        if "water" in hits:
            water = subject_coverage(units, hits["water"].matches, spelled)
            assert water.share <= 0.25 * hifu.share
            assert label_for(water.share, []) == POSSIBLE_LABEL


def test_partial_matches_count_half() -> None:
    units = subject_units(
        [],
        {},
    )
    assert units == []
    from techbridge.engine.lexicon.translate import Alternative, Concept

    concept = Concept(
        "聚焦超声",
        (
            Alternative("聚焦超声", ("聚焦超声",), 1.0, "query"),
            Alternative("聚焦超声", ("聚焦", "超声"), 0.5, "query", part=True),
        ),
    )
    units = subject_units([concept], {"聚焦超声": 2.0})
    whole = TermMatch("聚焦超声", "聚焦超声", "query", "title", 1.0, 6.0, "聚焦超声")
    part = TermMatch("聚焦超声", "聚焦", "query", "title", 0.5, 6.0, "聚焦超声")
    spelled = spellings([concept])
    assert subject_coverage(units, [whole], spelled).share == 1.0
    assert subject_coverage(units, [part], spelled).share == 0.5
    via_gloss = TermMatch("聚焦超声", "聚焦超声", "query", "translation", 1.0, 1.0, "聚焦超声")
    assert subject_coverage(units, [via_gloss], spelled).share == 0.5


def test_a_candidate_sharing_only_part_of_a_concept_is_not_suggested() -> None:
    """Half of 聚焦超声 (聚焦, "focus") covers a quarter of a two-concept subject, enough by
    share, but no concept in full: the candidate is left out; one whole word earns a place."""
    from techbridge.engine.lexicon.translate import Alternative, Concept

    concepts = [
        Concept(
            "聚焦超声",
            (
                Alternative("聚焦超声", ("聚焦超声",), 1.0, "query"),
                Alternative("聚焦超声", ("聚焦", "超声"), 0.5, "query", part=True),
            ),
        ),
        Concept("消融", (Alternative("消融", ("消融",), 1.0, "query"),)),
    ]
    units = subject_units(concepts, {"聚焦超声": 2.0, "消融": 2.0})
    spelled = spellings(concepts)
    part = TermMatch("聚焦超声", "聚焦", "query", "title", 0.5, 6.0, "聚焦超声")
    whole = TermMatch("消融", "消融", "query", "body", 1.0, 2.0, "消融")
    partly = subject_coverage(units, [part], spelled)
    assert partly.share == 0.25 and not worth_suggesting(partly)
    assert worth_suggesting(subject_coverage(units, [part, whole], spelled))
    assert worth_suggesting(subject_coverage(units, [whole], spelled))
    assert not worth_suggesting(subject_coverage(units, [], spelled))


def test_part_of_a_term_in_the_dictionary_translation_alone_is_no_shared_subject() -> None:
    """ "detect" of "fall detection" found only in a Chinese candidate's word-by-word
    translation (检测 in a food-testing request) covers nothing; the whole term there still
    counts, halved; and a translation of the subject found in the candidate's translation (隐私
    → "secret" ← 秘密) is a synonym of a synonym: nothing."""
    from techbridge.engine.lexicon.translate import Alternative, Concept

    concept = Concept(
        "fall detection",
        (
            Alternative("fall detection", ("fall", "detect"), 1.0, "query", anchored=True),
            Alternative("跌倒检测", ("跌倒检测",), 0.5, "glossary"),
        ),
    )
    units = subject_units([concept], {"fall": 3.0, "detect": 2.0})
    spelled = spellings([concept])
    detect = TermMatch(
        "fall detection", "detect", "query", "translation", 1.0, 1.0, "fall detection"
    )
    fall = TermMatch("fall detection", "fall", "query", "translation", 1.0, 1.0, "fall detection")
    alone = subject_coverage(units, [detect], spelled)
    assert (alone.share, alone.covered, alone.missing) == (0.0, (), ("fall detection",))
    assert subject_coverage(units, [detect, fall], spelled).share == 0.5
    in_title = TermMatch("fall detection", "detect", "query", "title", 1.0, 6.0, "fall detection")
    assert subject_coverage(units, [in_title], spelled).share == 0.25
    twice = TermMatch("fall detection", "跌倒检测", "glossary", "translation", 0.5, 1.0, "跌倒检测")
    assert subject_coverage(units, [twice], spelled).share == 0.0


def test_readiness_and_partnership_cap_the_label() -> None:
    short = Reason("trl_short", {"offered": 4, "required": 6})
    none = Reason("partnership_none")
    assert label_for(0.9, [short]) == POSSIBLE_LABEL
    assert label_for(0.9, [none]) == GOOD_LABEL
    assert label_for(0.4, [none]) == GOOD_LABEL
    assert label_for(0.1, []) == POSSIBLE_LABEL


def test_at_most_three_reasons_subject_first_caveat_before_praise(tmp_path: Path) -> None:
    with _index(tmp_path / "index") as index:
        query = Query("focused ultrasound tumour", drop_generic=True, explain=True)
        concepts = index.concepts(query)
        units = subject_units(
            concepts, index.idf({t for c in concepts for t in c.alternatives[0].terms})
        )
        hit = next(h for h in index.search(query, highlight=False).hits if h.id == "hifu")
        coverage = subject_coverage(units, hit.matches, spellings(concepts))
        reasons = [
            Reason("cross_boundary", {"from": "hk", "to": "cq"}),
            Reason("trl_met", {"offered": 7, "required": 5}),
            Reason("partnership_none"),
        ]
        shown = shown_reasons(coverage, reasons)
        assert len(shown) == 3
        assert [r["code"] for r in shown] == ["subject", "subject", "partnership_none"]
        assert {r["field"] for r in shown[:2]} == {"title"}


def test_a_glossary_phrase_needs_all_its_words(tmp_path: Path) -> None:
    with Index(tmp_path / "index") as index:
        index.add(
            [
                Document(id="fall", kind="offer", texts={"en": {"title": "Radar fall detection"}}),
                Document(id="blood", kind="offer", texts={"en": {"title": "Blood detection kit"}}),
            ]
        )
        index.commit()
        # 跌倒检测 is "fall detection" in the glossary: a document with "detection" alone is
        # about something else (it matched a third of the demo catalogue).
        found = index.search(Query("跌倒检测", explain=True))
        assert [hit.id for hit in found.hits] == ["fall"]
        assert {m.alternative for m in found.hits[0].matches} == {"fall detection"}


def test_a_short_subject_and_its_long_query_read_a_glossary_term_alike(tmp_path: Path) -> None:
    """A listing's subject ("Fall detection") is short and the query for its matches long:
    both keep the glossary term's words loose, so the words matched cover the subject."""
    with Index(tmp_path / "index") as index:
        index.add(
            [
                Document(
                    id="radar",
                    kind="offer",
                    texts={"en": {"title": "Fall detection radar for the elderly"}},
                )
            ]
        )
        index.commit()
        subject = index.concepts(Query("Fall detection", drop_generic=True))
        units = subject_units(
            subject, index.idf({t for c in subject for t in c.alternatives[0].terms})
        )
        text = "Fall detection. Radar sensing in care homes, privacy kept, no cameras at all."
        query = Query(text, drop_generic=True, explain=True)
        (hit,) = index.search(query, highlight=False).hits
        coverage = subject_coverage(units, hit.matches, spellings(index.concepts(query)))
        assert coverage.missing == ()
        # Each word found, the phrase the glossary lists whole (跌倒检测) not: half credit each.
        assert coverage.share == 0.5
