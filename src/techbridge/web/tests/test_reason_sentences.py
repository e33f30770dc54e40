"""A "why this result" sentence in each language: translated, escaped, Chinese punctuation."""

from __future__ import annotations

from django.utils import translation

from techbridge.engine import TermMatch
from techbridge.web.presenting import Reason, reason_html, reasons

GLOSSED = Reason(source="battery", alternative="电池", via="glossary", weight=0.5, fields=())


def _reason(fields: tuple[str, ...]) -> Reason:
    return Reason(GLOSSED.source, GLOSSED.alternative, GLOSSED.via, GLOSSED.weight, fields)


def test_english_sentence_shows_no_internal_weight() -> None:
    with translation.override("en"):
        html = reason_html(_reason(("title", "summary")))
    assert html == "“battery” translated as “电池” (technical glossary), found in: title, summary"


def test_traditional_chinese_sentence_uses_chinese_punctuation() -> None:
    with translation.override("zh-hant"):
        html = reason_html(_reason(("標題", "摘要")))
    assert html == "「battery」譯作「电池」（技術詞彙表），見於：標題、摘要"


def test_typed_markup_is_escaped() -> None:
    reason = Reason("<b>x</b>", "y", "query", 1.0, ("title",))
    with translation.override("en"):
        assert reason_html(reason) == "“&lt;b&gt;x&lt;/b&gt;” found in: title"


def test_a_dictionary_phrase_found_in_part_says_which_words() -> None:
    """治疗 → "medical treatment" (dictionary) matched a title with "medical" only: the
    sentence does not claim the phrase was found."""
    match = TermMatch(
        source="治疗",
        term="medic",
        via="cedict",
        field="title",
        weight=0.5,
        boost=6.0,
        alternative="medical treatment",
    )
    with translation.override("en"):
        (reason,) = reasons([match])
        assert reason.part == "medical"
        assert reason_html(reason) == (
            "“治疗” translated as “medical treatment” (dictionary), of which “medical” found "
            "in: title"
        )
    with translation.override("zh-hans"):
        (reason,) = reasons([match])
        assert (
            reason_html(reason)
            == "“治疗”译作“medical treatment”（词典），其中“medical”出现在：标题"
        )
    whole = [
        match,
        TermMatch("治疗", "treatment", "cedict", "title", 0.5, 6.0, "medical treatment"),
    ]
    with translation.override("zh-hant"):
        (reason,) = reasons(whole)
        assert reason.part == ""
        assert reason_html(reason) == "「治療」譯作「medical treatment」（詞典），見於：標題"


def test_a_glossary_phrase_is_found_only_where_all_its_words_are() -> None:
    """ "medical" in the title and "treatment" in the body is "medical treatment" in the body
    at best, not in the title; a phrase whole nowhere names the fields of its words."""

    def matched(term: str, field: str) -> TermMatch:
        return TermMatch("治疗", term, "glossary", field, 1.0, 1.0, "medical treatment")

    split = [matched("medic", "title"), matched("medic", "body"), matched("treatment", "body")]
    with translation.override("en"):
        (reason,) = reasons(split)
        assert (reason.field_codes, reason.part) == (("body",), "")
        assert reason_html(reason) == (
            "“治疗” translated as “medical treatment” (technical glossary), found in: description"
        )
        (apart,) = reasons([matched("medic", "title"), matched("treatment", "summary")])
        assert (apart.field_codes, apart.part) == (("title", "summary"), "")
        (half,) = reasons([matched("medic", "title")])
        assert reason_html(half) == (
            "“治疗” translated as “medical treatment” (technical glossary), of which “medical” "
            "found in: title"
        )
    with translation.override("zh-hant"):
        (half,) = reasons([matched("medic", "title")])
        assert reason_html(half) == (
            "「治療」譯作「medical treatment」（技術詞彙表），其中「medical」見於：標題"
        )
