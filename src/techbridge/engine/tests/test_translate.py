"""Query and document translation: what is translated, from where, and with what weight."""

from __future__ import annotations

from functools import cache

from techbridge.engine.lexicon.translate import (
    DERIVED_SENSE,
    ENGLISH_TO_CHINESE,
    HEAD_SENSE,
    OUT_OF_CONTEXT,
    SPLIT_SENSE,
    SUBWORD,
    Concept,
    Translator,
    in_context,
)
from techbridge.engine.text.analyzer import default_analyzer
from techbridge.engine.text.english import same_word


@cache
def translator() -> Translator:
    return Translator(default_analyzer())


def translated(text: str) -> list[Concept]:
    """The concepts that come from translation (not the query's own terms)."""
    own = {"query", "script", "variant"}
    return [c for c in translator().concepts(text) if c.alternatives[0].via not in own]


def test_question_and_function_words_are_not_translated() -> None:
    """How many … did and 多少 name no topic; their senses (多少, 有没有, "number") would."""
    assert [c.source for c in translated("How many tackles did Luke register?")] == [
        "tackles",
        "register",
    ]
    assert [c.source for c in translated("黑豹队的防守丢了多少分")] == ["黑豹", "防守"]
    assert translator().gloss_terms("多少") == []
    assert translator().gloss_terms("how many") == []


def test_english_to_chinese_counts_half() -> None:
    (concept,) = translated("surrender")
    assert [a.text for a in concept.alternatives] == ["投降", "屈服", "陷落", "自首"]
    assert concept.alternatives[0].weight == ENGLISH_TO_CHINESE
    assert all(a.weight <= ENGLISH_TO_CHINESE for a in concept.alternatives)


def test_glossary_translation_keeps_its_rank_at_the_english_weight() -> None:
    (concept,) = translated("technology transfer")
    assert concept.alternatives[0].text == "技术转移"
    assert concept.alternatives[0].via == "glossary"
    assert concept.alternatives[0].weight == ENGLISH_TO_CHINESE


def test_chinese_to_english_keeps_full_weight() -> None:
    (concept,) = translated("防守")
    assert [(a.text, a.weight) for a in concept.alternatives] == [
        ("defend", 1.0),
        ("protect", 0.5),
    ]


def test_unlisted_compound_is_translated_by_its_head() -> None:
    """黑豹 is not in CC-CEDICT; its head 豹 is ("leopard", "panther"), at a damped weight."""
    (concept,) = translated("黑豹")
    assert [(a.text, a.weight) for a in concept.alternatives] == [
        ("leopard", HEAD_SENSE),
        ("panther", HEAD_SENSE / 2),
    ]
    assert "panther" in translator().gloss_terms("黑豹")


def test_transliterated_name_is_not_translated_by_its_last_character() -> None:
    """弗雷斯 (Fres-no) ends in 斯, which spells names; its dictionary sense is "Slovakia"."""
    assert translated("弗雷斯") == []


def test_a_counted_measure_word_is_not_the_head_of_a_compound() -> None:
    """两个 ("two of them") is not 个 ("individual"), 第一家 not 一家 ("the whole family")."""
    assert translated("两个") == []
    assert translated("第一家") == []


def test_a_long_word_and_its_bigrams_are_one_concept() -> None:
    """预应力混凝土: each word counts once; its bigrams are a weaker way to match it."""
    concepts = translator().concepts("预应力混凝土", translate=False)
    assert [(c.source, [(a.terms, a.weight) for a in c.alternatives]) for c in concepts] == [
        ("预应力", [(("预应力",), 1.0), (("预应", "应力"), SUBWORD)]),
        ("混凝土", [(("混凝土",), 1.0), (("混凝", "凝土"), SUBWORD)]),
    ]


def test_unknown_run_bigrams_stay_concepts_of_their_own() -> None:
    concepts = translator().concepts("嵘嵘峣", translate=False)
    assert [[a.terms for a in c.alternatives] for c in concepts] == [[("嵘嵘",)], [("嵘峣",)]]


def test_a_translation_long_word_is_looked_for_whole_before_its_bigrams() -> None:
    """预应力 counts once at its weight; its bigrams only as a weaker alternative to it."""
    (concept,) = translated("prestressed")
    assert [(a.text, a.terms, a.weight) for a in concept.alternatives] == [
        ("预应力", ("预应力",), ENGLISH_TO_CHINESE),
        ("预应力", ("预应", "应力"), ENGLISH_TO_CHINESE * SUBWORD),
    ]


def test_adjacent_words_listed_as_one_entry_are_also_translated_whole() -> None:
    """The segmenter cuts 经济增长; its parts say "economy" and "grow", the entry "economic
    growth", the phrase an English text uses."""
    concepts = translated("经济增长的变化")
    assert [c.source for c in concepts] == ["经济", "增长", "变化", "经济增长"]
    assert [(a.text, a.terms) for a in concepts[-1].alternatives] == [
        ("economic growth", ("econom", "growth"))
    ]


def test_lone_characters_are_not_translated_alone() -> None:
    """力 alone has too many senses (power, force, strength, ability) to add as a concept."""
    assert [c.source for c in translated("谁对力进行了哲学讨论")] == ["进行", "哲学", "讨论"]


def test_a_word_typed_twice_is_one_concept() -> None:
    """A keyword set naming 体育 twice asks for it once, not with twice the weight."""
    concepts = translator().concepts("竞技体育 比较体育")
    own = [c.source for c in concepts if c.alternatives[0].via == "query"]
    assert own == ["竞技", "体育", "比较"]
    assert [c.source for c in concepts if c.alternatives[0].via != "query"] == [
        "竞技",
        "体育",
        "比较",
    ]


def test_a_translation_the_segmenter_does_not_know_is_matched_by_its_bigrams() -> None:
    """No word to look for whole: its bigrams are the alternative, at the sense's weight."""
    alternatives = translator()._alternatives([("嵘嵘峣", 1.0, "glossary")])
    assert [(a.terms, a.weight) for a in alternatives] == [(("嵘嵘", "嵘峣"), 1.0)]


def test_irregular_english_forms_add_their_dictionary_form_senses() -> None:
    """The stemmer leaves "fought" and "lost" alone; their dictionary forms' senses join the
    word's own, after them (lost alone is 失传, 迷路, 散失, 走失: "lost to history", "lost one's
    way", "scattered and lost", "wander off"; "lose" adds 失去, 丧失, 失败, 失利)."""
    (fought, _) = translated("fought wars")
    assert [a.text for a in fought.alternatives] == ["战斗", "作战", "斗争", "交战"]
    (lost, _) = translated("lost luggage")
    assert [a.text for a in lost.alternatives] == [
        *("失传", "迷路", "散失", "走失"),
        *("失去", "丧失", "失败", "失利"),
    ]


def test_a_word_in_capitals_keeps_only_its_own_senses() -> None:
    """SAW (surface acoustic wave) is no past tense of see."""
    (upper, _) = translated("SAW sensors")
    (lower, _) = translated("saw sensors")
    assert [a.text for a in upper.alternatives] == ["锯开", "锯子"]
    assert [a.text for a in lower.alternatives] == ["锯开", "锯子", "看到", "看见", "见到", "瞧见"]


def test_a_phrase_translates_to_its_headword_even_if_the_segmenter_does_not_know_it() -> None:
    """超级碗 is not in jieba's dictionary; as the name of "super bowl" it is still the
    translation, found through its parts in a segmented document."""
    (concept,) = translated("super bowl")
    assert concept.alternatives[0].text == "超级碗"
    assert concept.alternatives[0].terms == ("超级", "碗")


def own_terms(text: str) -> list[str]:
    own = {"query", "script", "variant"}
    return [
        c.alternatives[0].terms[0]
        for c in translator().concepts(text)
        if c.alternatives[0].via in own
    ]


def test_function_and_question_words_are_left_out_of_a_query_with_other_words() -> None:
    assert own_terms("Who led the Panthers in sacks?") == ["led", "panther", "sack"]
    assert own_terms("栉水母身上的毛叫什么？") == ["栉", "水母", "身上", "毛叫"]


def test_a_query_of_function_words_only_keeps_them() -> None:
    assert own_terms("what") == ["what"]
    assert own_terms("什么") == ["什么"]


def test_a_query_of_pronouns_and_question_words_keeps_them() -> None:
    """他 names no topic either, so 他是谁 has nothing else and keeps its question word, as "who
    is he" does; beside a topic the question word still goes."""
    assert own_terms("他是谁") == ["他", "谁"]
    assert own_terms("who is he") == ["who", "he"]
    assert own_terms("他的论文是什么") == ["他", "论文"]


def test_a_question_word_with_a_measure_word_is_a_question_word() -> None:
    """jieba joins 多少次 and 哪位 into one word; its sense "next in sequence" is no topic.
    几何 (geometry) begins with 几 but is a subject."""
    assert own_terms("球员得分多少次") == ["球员", "得分"]
    assert own_terms("哪位球员得分最多") == ["球员", "得分", "最多"]
    assert own_terms("几何 教材") == ["几何", "教材"]
    assert "next" not in {a.terms[0] for c in translated("球员得分多少次") for a in c.alternatives}
    # 哪句 ("which sentence") asks; so do 哪类 and 哪国, which jieba leaves as two characters.
    assert own_terms("哪句台词最有名") == ["台词", "最", "有名"]
    assert own_terms("哪类科学家") == ["科学家"]
    assert own_terms("哪国的机器人最先进") == ["机器人", "最", "先进"]
    # A piece of a longer word is not a question word: 十几年来 keeps its bigram 几年.
    assert own_terms("十几年来 经济") == ["十几年来", "经济"]
    assert "几年" in {
        t for c in translator().concepts("十几年来 经济") for a in c.alternatives for t in a.terms
    }


def test_a_negation_is_not_translated_as_a_noun() -> None:
    """不是 is "is not"; CC-CEDICT's first gloss is the noun 不是 ("fault", "blame")."""
    words = {a.text for c in translated("水母不是什么") for a in c.alternatives}
    assert words == {"jellyfish", "medusa"}


def test_a_function_word_typed_in_capitals_is_an_acronym() -> None:
    """IT services: "it" is a pronoun only in lower case; full-width capitals are capitals."""
    assert own_terms("IT services") == ["it", "servic"]
    assert own_terms("it services") == ["servic"]
    assert own_terms("ＷＨＯ guidelines") == ["who", "guidelin"]


def test_text_all_in_capitals_has_no_acronyms() -> None:
    assert own_terms("HOW TO RECOVER LOST DATA") == ["recov", "lost", "data"]


def test_function_words_are_compared_as_typed_not_by_stem() -> None:
    """cans and owned share their stems with can and own."""
    assert own_terms("aluminium cans recycling") == ["aluminum", "can", "recycl"]
    assert own_terms("state owned enterprises") == ["state", "own", "enterpris"]


def test_a_question_in_folded_script_keeps_its_other_words() -> None:
    """記憶體 folds to 内存, which changes the text's length: its tokens all span the whole
    text, and leaving out 什麼 must not take them with it."""
    assert own_terms("什麼是記憶體") == ["内存"]


def test_a_place_described_after_a_comma_is_reachable_by_its_name() -> None:
    """CC-CEDICT glosses 丹佛 "Denver, Colorado" and 巴黎 "Paris, capital of France": the name
    alone translates, both ways, without the description's words."""
    (_, denver) = translator().concepts("Denver")
    assert [a.text for a in denver.alternatives] == ["丹佛"]
    (_, paris) = translator().concepts("巴黎")
    assert [a.text for a in paris.alternatives] == ["Paris"]


def test_english_senses_are_ranked_by_how_often_the_headword_is_used() -> None:
    """本事 lists "ability" first and 能力 second; 能力 is the word people use for it."""
    (concept,) = translated("ability")
    assert concept.alternatives[0].text == "能力"


def test_a_british_spelling_finds_the_dictionary_entry_of_the_american_one() -> None:
    """CC-CEDICT writes American English: programme was looked up as "programm" and met
    程序员 ("programmer"); tumour and organisation had no entry at all."""
    (_, programme) = translator().concepts("programme")
    assert "程序员" not in [a.text for a in programme.alternatives]
    assert [a.text for a in translated("tumour")[0].alternatives][:1] == ["肿瘤"]
    (_, organisation) = translator().concepts("organisation")
    assert organisation.alternatives[0].text == "组织"


def test_a_word_takes_its_own_senses_before_those_of_another_word_of_its_stem() -> None:
    """experience and experiment share the stem "experi", busy and business "busi", consists
    and consistent "consist": the word's own senses come first at their own weight, the
    others' below half of the best of them (consists keeps only 包括, "consist of": 一贯,
    "consistent", falls under the weight floor)."""

    def senses(word: str) -> list[tuple[str, float]]:
        (concept,) = translated(word)
        return [(a.text, a.weight) for a in concept.alternatives if not a.part]

    assert senses("experience") == [
        ("经验", 0.5),
        ("经历", 0.466),
        ("历经", 0.368),
        ("阅历", 0.308),
    ]
    assert senses("busy") == [("繁忙", 0.5), ("忙碌", 0.483), ("业务", 0.25), ("商业", 0.244)]
    assert senses("consists") == [("包括", 0.15)]
    # The glossary's "engine" (发动机) shares engineering's stem too.
    assert senses("engineering")[:2] == [("工程", 0.5), ("发动机", 0.25)]


def test_a_dictionary_form_in_two_words_keeps_its_senses() -> None:
    """simplemma's dictionary forms may be hyphenated (popups → pop-up, reelections →
    re-election): they are the same words as the glosses "pop up" and "reelection"."""
    (popups,) = translated("popups")
    assert [a.text for a in popups.alternatives if not a.part] == ["蹦出来", "冒出来", "弹出"]
    (reelections,) = translated("reelections")
    assert [a.text for a in reelections.alternatives] == ["改选"]


def test_a_word_with_no_sense_of_its_own_takes_none_of_its_stems() -> None:
    """communicable stems to "communic", as communication does; its senses (交流, 通信) are
    not communicable's. The glossary's phrase still translates it."""
    assert translated("communicable") == []
    assert [c.alternatives[0].text for c in translated("communicable disease")] == ["传染病"]
    # A document's own translation looks its words up as written too.
    assert translator().gloss_terms("communicable") == []
    assert "通信" in translator().gloss_terms("communication")


def test_a_document_word_takes_its_own_senses_and_its_dictionary_forms() -> None:
    """A document's translation reads each English word as written, as a query's does: busy
    is 繁忙 before 业务 ("business"), and an irregular form takes its dictionary form's senses
    (fought → 战斗), which the stem alone never finds."""
    busy = translator().gloss_terms("busy")
    assert busy.index("繁忙") < busy.index("业务")
    assert "战斗" in translator().gloss_terms("fought")
    assert "战斗" in translator().gloss_terms("Fought")  # as the analyser folds it


def test_a_derived_word_with_no_sense_of_its_own_takes_its_sources_damped() -> None:
    """inflationary is "of inflation", which Chinese writes with the noun; the noun's senses
    sit under another stem (inflat), so they are looked up by the noun, at the weight of
    another word's sense. -able is no such suffix: communicable still takes nothing."""
    (inflationary,) = translated("inflationary")
    assert [a.text for a in inflationary.alternatives if not a.part] == ["通货膨胀", "通胀"]
    (own,) = translated("inflation")
    assert inflationary.alternatives[0].weight < own.alternatives[0].weight
    assert "通货膨胀" in translator().gloss_terms("inflationary")
    assert translated("communicable") == []
    # An adverb takes its adjective's (typically → typical → 典型).
    (typically,) = translated("typically")
    assert typically.alternatives[0].text == "典型"
    # A word with senses of its own keeps them first (dangerous is not only "danger").
    (dangerous,) = translated("dangerous")
    assert dangerous.alternatives[0].text == "危险"


def test_a_sense_the_segmenter_does_not_know_glosses_documents_only() -> None:
    """quarterback's one sense, 四分卫, is no word of the segmenter's: a document about a
    quarterback is glossed with it, so a Chinese query typing 四分卫 finds it, while an English
    query does not guess with it."""
    # Analysed as the query 四分卫 is: 四分 + 卫.
    assert translator().gloss_terms("The quarterback")[:2] == ["四分", "卫"]
    assert translated("quarterback") == []


def test_an_unlisted_word_of_two_listed_words_is_translated_by_both() -> None:
    """议会选举 is not in CC-CEDICT; its head alone (选举, "elect") loses the parliament. Each
    part is translated as a word of its own, damped, quoting the part as typed (繁 too)."""
    concepts = translated("議會選舉")
    assert [c.source for c in concepts] == ["議會", "選舉"]
    assert concepts[0].alternatives[0].text == "parliament"
    assert concepts[0].alternatives[0].weight == SPLIT_SENSE
    # A listed word, or one that splits only into a lone character, keeps its own senses.
    assert [c.source for c in translated("温室气体")] == ["温室", "气体", "温室气体"]
    assert [c.source for c in translated("本赛季")] == ["本赛季"]


def test_forms_of_one_word_are_told_from_words_of_one_stem() -> None:
    assert same_word("consists", "consist")
    assert same_word("tumours", "tumor")
    assert same_word("ctenophores", "ctenophore")  # unknown words: by stem
    assert same_word("reelections", "reelection")  # simplemma's form is re-election
    assert not same_word("consists", "consistent")
    assert not same_word("experience", "experiment")


def test_an_acronym_sense_is_the_word_typed_in_capitals() -> None:
    """LED is a light-emitting diode; "led" typed in lower case is first the past of "lead",
    the diode kept only as another word's sense, damped."""
    (upper,) = translated("LED lamps")
    assert [(a.text, a.weight) for a in upper.alternatives if not a.part] == [
        ("发光二极管", ENGLISH_TO_CHINESE)
    ]
    (lower,) = translated("led lamps")
    ranked = sorted((a for a in lower.alternatives if not a.part), key=lambda a: -a.weight)
    assert [a.text for a in ranked] == ["领导", "率领", "领先", "主导", "发光二极管"]
    diode = next(a for a in lower.alternatives if a.text == "发光二极管" and not a.part)
    assert diode.weight == DERIVED_SENSE * ENGLISH_TO_CHINESE


def test_a_word_defined_after_a_comma_translates_both_ways() -> None:
    """CC-CEDICT glosses 喇嘛 "lama, spiritual teacher in Tibetan Buddhism": the word before
    the comma is its translation; a list after a comma ("blood, sweat and tears") is not."""
    (lama,) = translated("lama")
    assert [a.text for a in lama.alternatives] == ["喇嘛"]
    (_, back) = translator().concepts("喇嘛")
    assert [a.text for a in back.alternatives] == ["lama"]
    assert translated("blood") and "呕心沥血" not in {
        a.text for c in translated("blood") for a in c.alternatives
    }
    # 三下五除二 says "efficiently"; its "three, set five remove two (abacus rule)" is an
    # explanation, not a translation of "three".
    assert translated("three") == []


def test_a_country_adjective_translates_to_the_country() -> None:
    """CC-CEDICT has british only as 不列颠 and japanese as 日文 ("Japanese language"); the
    glossary puts the country first."""
    for word, country in (("british", "英国"), ("japanese", "日本"), ("american", "美国")):
        (concept,) = translated(word)
        assert concept.alternatives[0].text == country


def test_an_acronym_typed_in_capitals_takes_its_own_senses_first() -> None:
    """US typed in capitals is 美国 before 我们 ("us"); typed in lower case, the reverse."""
    (us, _) = translated("US exports")
    assert us.alternatives[0].text == "美国"
    assert us.alternatives[0].weight == ENGLISH_TO_CHINESE
    (_, us_lower) = translated("tell us more")
    assert us_lower.alternatives[0].text == "我们"


def test_the_last_word_of_a_name_in_pinyin_is_not_a_surname() -> None:
    """Qu Yuan (屈原) and the Legislative Yuan (立法院) end in their own pinyin: "yuan" alone
    names neither, while Tesla alone still names Nikola Tesla."""
    assert translated("yuan") == []
    (qu_yuan,) = translated("Qu Yuan")
    assert [a.text for a in qu_yuan.alternatives] == ["屈原"]
    (tesla,) = translated("Tesla")
    assert tesla.alternatives[0].text == "特斯拉"


def test_only_a_person_is_reachable_by_the_last_word_of_the_name() -> None:
    """ "Nikola Tesla (1856-1943)" is Tesla alone; "Greater Bay Area, established in 2017" is
    not "area", nor "Sanlu Group, Chinese state-owned dairy products company" "group"."""
    (tesla,) = translated("Tesla")
    assert tesla.alternatives[0].text == "特斯拉"
    for word, place in (("area", "大湾区"), ("group", "三鹿集团")):
        assert place not in {a.text for c in translated(word) for a in c.alternatives}
    (bay,) = translated("Greater Bay Area")
    assert bay.alternatives[0].text == "大湾区"


def test_in_a_listing_the_other_words_choose_the_sense() -> None:
    """Beside 聚焦超声 ("high-intensity focused ultrasound"), 高强度 is "intensity", not a
    magnesium alloy's "strength"; senses of one meaning stay together ("focused ultrasound"),
    and a word whose senses share nothing with the rest keeps its own order."""
    concepts = in_context(translator().concepts("高强度聚焦超声消融 镁合金"))
    weights = {
        (c.source, a.text): a.weight for c in concepts if c.translated for a in c.alternatives
    }
    assert weights[("高强度", "intensity")] == weights[("聚焦超声", "focused ultrasound")] / 2
    assert weights[("高强度", "strength")] == HEAD_SENSE * OUT_OF_CONTEXT
    assert (
        weights[("聚焦超声", "focused ultrasound")]
        == weights[("聚焦超声", "high-intensity focused ultrasound")]
    )
    untouched = [c for c in translator().concepts("镁合金") if c.translated]
    assert [c for c in concepts if c.translated and c.source == "镁合金"] == untouched
