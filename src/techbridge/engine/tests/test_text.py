"""Text analysis: normalisation, script folding, variants, segmentation, English."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from techbridge.engine.text.analyzer import default_analyzer
from techbridge.engine.text.normalize import HAN_RANGES, detect_language, fold_chinese, normalize

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
    """The segmenter's own route search gives exactly jieba.cut(HMM=False)'s words."""
    segmenter = default_analyzer().segmenter
    corpus = json.loads((Path(__file__).parent / "cases" / "corpus.json").read_text("utf-8"))
    texts = [t for record in corpus for f in record["texts"].values() for t in f.values()]
    # Plus ideographs jieba leaves unsegmented (extension A, U+9FD6 and up, extension B).
    texts += ["基因编辑技术研究", "数字化转型", "㐀中国\u9fd6人民\u4dbf研究", "\U00020000测试"]
    runs = [run for t in texts for run in HAN_RUN_RE.findall(fold_chinese(normalize(t)))]
    assert len(runs) > 15
    for run in runs:
        assert segmenter.cut(run) == list(segmenter._jieba.cut(run, HMM=False)), run


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
        "import sys, techbridge.engine, techbridge.engine.cli;"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
