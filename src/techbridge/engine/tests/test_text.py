"""Text analysis: normalisation, script folding, variants, segmentation, English."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from techbridge.engine.text.analyzer import default_analyzer
from techbridge.engine.text.english import american_spelling
from techbridge.engine.text.normalize import (
    HAN_RANGES,
    as_written,
    detect_language,
    fold_chinese,
    normalize,
)

HAN_RUN_RE = re.compile(f"[{HAN_RANGES}]+")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("中国", "中國"),
        ("软件", "軟件"),
        ("软件", "軟體"),
        ("数字", "數碼"),
        ("网络", "網絡"),
        ("网络", "網路"),
    ],
)
def test_variants_share_terms(a: str, b: str) -> None:
    analyzer = default_analyzer()
    assert analyzer.terms(a) == analyzer.terms(b)


def test_mixed_string() -> None:
    assert default_analyzer().terms("基于CRISPR的基因编辑") == [
        "基于",
        "crispr",
        "基因编辑",
        "基因",
        "因编",
        "编辑",
    ]


def test_full_width_and_english() -> None:
    assert normalize("ＡＢＣ１２３") == "abc123"
    assert default_analyzer().terms("The Technologies of IT services") == [
        "technolog",
        "it",
        "servic",
    ]


def test_unknown_words_fall_back_to_bigrams() -> None:
    assert default_analyzer().terms("嵘嵘峣") == ["嵘嵘", "嵘峣"]


def test_cut_matches_jieba() -> None:
    """jieba-rs gives exactly jieba.cut(HMM=False)'s words, glossary words included."""
    from techbridge.engine.text.chinese import GLOSSARY_FREQUENCY, import_jieba

    segmenter = default_analyzer().segmenter
    reference = import_jieba().Tokenizer()
    reference.initialize()
    for word in segmenter._added:
        reference.add_word(word, freq=GLOSSARY_FREQUENCY)
    corpus = json.loads((Path(__file__).parent / "cases" / "corpus.json").read_text("utf-8"))
    texts = [t for record in corpus for f in record["texts"].values() for t in f.values()]
    texts += ["基因编辑技术研究", "数字化转型", "香港科技园的人工智能实验室与重庆的企业合作"]
    runs = [run for t in texts for run in HAN_RUN_RE.findall(fold_chinese(normalize(t)))]
    assert len(runs) > 15
    for run in runs:
        assert segmenter.cut(run) == list(reference.cut(run, HMM=False)), run


def test_rare_ideographs_are_kept() -> None:
    """Extension A and B ideographs and the newest unified ones come out, none lost."""
    segmenter = default_analyzer().segmenter
    for run, words in (
        ("㐀中国\u9fd6人民\u4dbf研究", {"中国", "人民", "研究"}),
        ("\U00020000测试", {"测试"}),
    ):
        assert "".join(segmenter.cut(run)) == run
        assert words <= set(segmenter.cut(run))


def test_word_frequency_from_jieba_dictionary() -> None:
    segmenter = default_analyzer().segmenter
    assert segmenter.word_frequency("中国") == 129_470  # jieba 0.42 dict.txt
    assert segmenter.word_frequency("嵘嵘峣") == 0
    glossary_word = next(iter(segmenter._added))
    assert segmenter.word_frequency(glossary_word) == 100_000


def test_phrase_level_folding() -> None:
    assert fold_chinese("資訊科技") == "信息技术"
    assert fold_chinese("软件") == "软件"


def test_script_converted_token_keeps_source() -> None:
    tokens, aligned = default_analyzer().tokens("中國數碼")
    assert aligned
    assert [(t.term, t.source, t.via) for t in tokens] == [
        ("中国", "中國", "script"),
        ("数字", "數碼", "variant"),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Gene editing", "en"),
        ("軟體開發", "zh-hant"),
        ("软件开发", "zh-hans"),
        ("基于CRISPR的基因编辑", "zh-hans"),
        ("A long English sentence about 中国", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_import_loads_no_django() -> None:
    code = (
        "import sys, techbridge.engine, techbridge.engine.cli, techbridge.engine.replica;"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_fast_terms_equal_the_terms_with_offsets() -> None:
    """The indexing path (terms only) and the query/highlight path (terms with offsets) give
    the same terms: variants, bigram fallback, stop characters and long words included."""
    segmenter = default_analyzer().segmenter
    corpus = json.loads((Path(__file__).parent / "cases" / "corpus.json").read_text("utf-8"))
    texts = [t for record in corpus for f in record["texts"].values() for t in f.values()]
    texts += ["数码网络的嵘嵘峣研究", "的", "嵘", "中华人民共和国的数码港", "了和与"]
    runs = [run for t in texts for run in HAN_RUN_RE.findall(fold_chinese(normalize(t)))]
    for run in runs:
        assert segmenter.segment_terms(run) == tuple(t[0] for t in segmenter.segment(run)), run


def test_index_terms_are_the_terms_as_a_multiset() -> None:
    """What indexing stores equals what queries and highlights analyse, term for term."""
    from collections import Counter

    analyzer = default_analyzer()
    corpus = json.loads((Path(__file__).parent / "cases" / "corpus.json").read_text("utf-8"))
    texts = [t for record in corpus for f in record["texts"].values() for t in f.values()]
    texts += [
        "基于CRISPR的基因编辑",
        "數碼港的人工智能實驗室 AI lab, 2024年",
        "的",
        "嵘嵘峣 and 研究\n中国",
        "㐀中国\u9fd6人民\u4dbf研究",
        "",
    ]
    for text in texts:
        assert Counter(analyzer.index_terms(text)) == Counter(analyzer.terms(text)), text


def test_function_character_ends_a_run_of_lone_characters() -> None:
    """黑豹队的防守: 队 and 的 are lone characters, but 队的 is no word to index."""
    analyzer = default_analyzer()
    terms = analyzer.terms("黑豹队的防守")
    assert terms == ["黑豹", "队", "防守"]
    assert analyzer.index_terms("黑豹队的防守") == terms


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("organisation", "organization"),
        ("Organisations", "organizations"),
        ("tumour", "tumor"),
        ("programme", "program"),
        ("centres", "centers"),
        ("paediatric", "pediatric"),
        ("analyse", "analyze"),
        # Not in the word list: an -isation noun whose -ize verb is a known word.
        ("commercialisation", "commercialization"),
    ],
)
def test_british_and_american_spellings_share_terms(british: str, american: str) -> None:
    analyzer = default_analyzer()
    assert analyzer.terms(british) == analyzer.terms(american)
    assert analyzer.index_terms(british) == analyzer.index_terms(american)


@pytest.mark.parametrize("word", ["expertise", "promise", "rise", "exercise", "programmer"])
def test_words_that_only_look_british_are_left_as_they_are(word: str) -> None:
    """-ise verbs outside the word list are left alone: expertise is a word, not "expertize"."""
    assert american_spelling(word) == word


@pytest.mark.parametrize(("word", "other"), [("expertise", "expert"), ("programmer", "programme")])
def test_folding_joins_no_two_words(word: str, other: str) -> None:
    """As "expertize", expertise would have stemmed to expert; programme, as the stem programm,
    met programmer."""
    analyzer = default_analyzer()
    assert analyzer.terms(word) != analyzer.terms(other)


def test_words_are_quoted_as_the_text_writes_them() -> None:
    text = "Hifus and thermoablation: 采用ＨＩＦＵ技术 for Tumours, 5G基站"
    assert as_written("hifu", text) == "HIFU"  # whole word only, next to Chinese, NFKC
    assert as_written("tumours", text) == "Tumours"
    assert as_written("5g", text) == "5G"
    assert as_written("ablation", text) == "ablation"  # only inside thermoablation: as it was
    assert as_written("超声", text) == "超声"
    # A phrase's words joined by a hyphen or several spaces in the text.
    assert as_written("hot pot", "Sichuan Hot-Pot base") == "Hot-Pot"
    assert as_written("fall detection", "FALL  DETECTION radar") == "FALL  DETECTION"


def test_accented_latin_words_are_indexed_without_their_accents() -> None:
    """Temüjin and Temujin, café and cafe are one term; other scripts and letters that are no
    accented ASCII letter keep theirs."""
    analyzer = default_analyzer()
    assert analyzer.terms("Temüjin café Zürich") == analyzer.terms("Temujin cafe Zurich")
    assert analyzer.terms("Temujin cafe Zurich") == ["temujin", "cafe", "zurich"]
    assert analyzer.terms("søren москва") == ["søren", "москва"]


def test_an_accented_query_word_reaches_the_dictionary_entry_written_without() -> None:
    from techbridge.engine.lexicon.translate import Translator

    concepts = Translator(default_analyzer()).concepts("Temüjin")
    assert [a.text for c in concepts if c.translated for a in c.alternatives][:1] == ["铁木真"]
