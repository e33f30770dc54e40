"""Synthetic listings and queries for the speed benchmark, built from real vocabulary.

Words and their corpus frequencies come from the public sets in ../shared/data: English from
the NASA software catalogue, XQuAD (en) and TICO-19 (en); Chinese from CSL titles and
abstracts, XQuAD (zh) and TICO-19 (zh), segmented with jieba. Keyword phrases come from CSL's
keyword lists and NASA's categories. Text is sampled word by word from those frequencies (a
unigram model keeps the real Zipf shape of the vocabulary, which is what decides posting-list
lengths). Hong Kong Traditional text uses the same words converted once with OpenCC ``s2hk``.

Everything is seeded: the listing stream and the query set are the same in every process, and
the first N listings of a larger run are exactly the listings of a run of size N.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SEED = 20_240_611
QUERY_SEED = SEED + 1
WARMUP_SEED = SEED + 2

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]|[A-Za-z]")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_TMX_SEG = re.compile(r'<tuv xml:lang="(en|zh)">\s*<seg>(.*?)</seg>', re.S)
# Query words should carry meaning; documents keep the function words for realistic texture.
_EN_QUERY_STOP_WORDS = (
    "the of and to in a is for with on that by as are be this from at an or it was which we "
    "can has have its not but also these their such been were into than other more used use "
    "using may all new one two based each only both can will"
)
_EN_QUERY_STOP = frozenset(_EN_QUERY_STOP_WORDS.split())

# Listing languages: English, Simplified, Hong Kong Traditional, and English + Traditional.
LANGUAGE_MIX: tuple[tuple[tuple[str, ...], float], ...] = (
    (("en",), 0.40),
    (("zh-hans",), 0.35),
    (("zh-hant",), 0.15),
    (("en", "zh-hant"), 0.10),
)
KINDS = ("offer", "request", "partner", "expertise", "facility")
AREAS = ("biotech", "ict", "materials", "energy", "manufacturing", "health", "environment")


# -- vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """Words with cumulative weights, for fast seeded sampling."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def from_counts(cls, counts: Sequence[tuple[str, float]]) -> Lexicon:
        return cls(tuple(w for w, _ in counts), tuple(itertools.accumulate(c for _, c in counts)))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def one(self, rng: random.Random) -> str:
        return self.words[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass(frozen=True)
class Vocabulary:
    """Word and keyword lexicons per language; ``zh-hant`` mirrors ``zh-hans`` in 繁體."""

    words: dict[str, Lexicon]
    keywords: dict[str, Lexicon]
    query_words: dict[str, Lexicon]


def _read_sources(data: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """English texts, Chinese texts, English keyword phrases, Chinese keyword phrases."""
    en: list[str] = []
    zh: list[str] = []
    en_kw: list[str] = []
    zh_kw: list[str] = []
    for row in json.loads((data / "nasa-code-catalog" / "catalog.json").read_text("utf-8")):
        en += [row.get("Software", ""), row.get("Description", "")]
        en_kw += [c.removeprefix("nlp:") for c in row.get("Categories_NLP", [])]
    for split in ("dev", "test"):
        for line in (data / "csl-benchmark" / f"ts_{split}.tsv").read_text("utf-8").splitlines():
            _, abstract, title = line.split("\t")
            zh += [title, abstract]
        for line in (data / "csl-benchmark" / f"kg_{split}.tsv").read_text("utf-8").splitlines():
            zh_kw += line.split("\t")[2].split("_")
    for lang, bucket in (("en", en), ("zh", zh)):
        blob = json.loads((data / "xquad-en-zh" / f"xquad.{lang}.json").read_text("utf-8"))
        bucket += [p["context"] for a in blob["data"] for p in a["paragraphs"]]
    tmx = (data / "tico19-en-zh" / "all.en-zh.tmx").read_text("utf-8")
    for lang, seg in _TMX_SEG.findall(tmx):
        (en if lang == "en" else zh).append(seg)
    return en, zh, en_kw, zh_kw


def _chinese_words(texts: list[str]) -> Counter[str]:
    import jieba  # only needed while the vocabulary file is made

    counts: Counter[str] = Counter()
    for text in texts:
        for run in _HAN_WORD.findall(text):
            counts.update(jieba.lcut(run, HMM=False))
    return counts


def build_vocabulary(data: Path) -> dict[str, list[tuple[str, int]]]:
    """Word and keyword frequencies from the public data sets (JSON-ready)."""
    en, zh, en_kw, zh_kw = _read_sources(data)
    # Lower-case except acronyms (NASA, GPS), which listings keep in capitals.
    en_counts = Counter(w if w.isupper() else w.lower() for t in en for w in _EN_WORD.findall(t))
    tables = {
        "en": en_counts,
        "zh-hans": _chinese_words(zh),
        "en-keywords": Counter(k.strip().lower() for k in en_kw if k.strip()),
        "zh-hans-keywords": Counter(k.strip() for k in zh_kw if _HAN_WORD.fullmatch(k.strip())),
    }
    # Sorted by frequency then word so that the file (and every sample) is reproducible.
    return {name: sorted(c.items(), key=lambda x: (-x[1], x[0])) for name, c in tables.items()}


def load_vocabulary(tables: dict[str, list[tuple[str, int]]]) -> Vocabulary:
    """Lexicons from :func:`build_vocabulary` output, adding the Traditional mirror."""
    import opencc

    to_hk = opencc.OpenCC("s2hk.json")
    hant = {
        "zh-hant": [(to_hk.convert(w), c) for w, c in tables["zh-hans"]],
        "zh-hant-keywords": [(to_hk.convert(w), c) for w, c in tables["zh-hans-keywords"]],
    }
    tables = {**tables, **hant}
    langs = ("en", "zh-hans", "zh-hant")
    return Vocabulary(
        words={lang: Lexicon.from_counts(tables[lang]) for lang in langs},
        keywords={lang: Lexicon.from_counts(tables[f"{lang}-keywords"]) for lang in langs},
        query_words={lang: _query_lexicon(lang, tables[lang]) for lang in langs},
    )


def _query_lexicon(lang: str, counts: list[tuple[str, int]]) -> Lexicon:
    """Content words weighted by sqrt(frequency): queries mix head and tail terms instead of
    being dominated by the handful of most frequent words."""
    if lang == "en":
        kept = [(w, c) for w, c in counts if len(w) >= 3 and w.lower() not in _EN_QUERY_STOP]
    else:
        kept = [(w, c) for w, c in counts if len(w) >= 2]
    return Lexicon.from_counts([(w, c**0.5) for w, c in kept])


# -- listings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """One synthetic listing: ``texts`` maps a language to title/keywords/summary/description."""

    id: str
    kind: str
    area: str
    trl: int
    texts: dict[str, dict[str, str]]

    def plain_text(self) -> str:
        """All fields of all languages, space-joined: what the peer systems index."""
        return " ".join(v for fields in self.texts.values() for v in fields.values())


def _sentence(vocab: Vocabulary, lang: str, rng: random.Random, low: int, high: int) -> str:
    words = vocab.words[lang].sample(rng, rng.randint(low, high))
    if lang == "en":
        return " ".join(words).capitalize() + "."
    # Chinese is written without spaces; a comma splits longer sentences into clauses.
    cut = rng.randint(3, len(words)) if len(words) > 6 else len(words)
    return "".join(words[:cut]) + ("，" + "".join(words[cut:]) if words[cut:] else "") + "。"


def _fields(vocab: Vocabulary, lang: str, rng: random.Random) -> dict[str, str]:
    en = lang == "en"
    title = vocab.words[lang].sample(rng, rng.randint(4, 10) if en else rng.randint(3, 7))
    keywords = vocab.keywords[lang].sample(rng, rng.randint(2, 5))
    summary = [_sentence(vocab, lang, rng, 10, 22) for _ in range(rng.randint(1, 2))]
    description = [_sentence(vocab, lang, rng, 8, 20) for _ in range(rng.randint(3, 6))]
    sep = " " if en else ""
    return {
        "title": " ".join(title).title() if en else "".join(title),
        "keywords": ", ".join(keywords) if en else "、".join(keywords),
        "summary": sep.join(summary),
        "description": sep.join(description),
    }


def listings(vocab: Vocabulary, count: int, seed: int = SEED) -> Iterator[Listing]:
    """``count`` listings, deterministic for a given seed (a prefix of any longer run)."""
    rng = random.Random(seed)
    mixes = [m for m, _ in LANGUAGE_MIX]
    weights = [w for _, w in LANGUAGE_MIX]
    for i in range(count):
        langs = rng.choices(mixes, weights=weights)[0]
        yield Listing(
            id=f"L{i:07d}",
            kind=rng.choice(KINDS),
            area=rng.choice(AREAS),
            trl=rng.randint(1, 9),
            texts={lang: _fields(vocab, lang, rng) for lang in langs},
        )


# -- queries ---------------------------------------------------------------------------------

QUERY_MIX: tuple[tuple[str, float], ...] = (("en", 0.45), ("zh-hans", 0.40), ("zh-hant", 0.15))
QUERY_LENGTHS: tuple[tuple[int, float], ...] = ((1, 0.30), (2, 0.35), (3, 0.20), (4, 0.15))


def queries(vocab: Vocabulary, count: int, seed: int = QUERY_SEED) -> list[str]:
    """1–4 word queries in English, Simplified and Traditional Chinese (same for every system).

    One in five is a keyword phrase (e.g. "data processing", 基因编辑); Chinese words are
    typed without spaces most of the time, as users do.
    """
    rng = random.Random(seed)
    langs, lang_w = zip(*QUERY_MIX, strict=True)
    lengths, len_w = zip(*QUERY_LENGTHS, strict=True)
    out: list[str] = []
    while len(out) < count:
        lang = rng.choices(langs, weights=lang_w)[0]
        if rng.random() < 0.2:
            words = vocab.keywords[lang].one(rng).split()
        else:
            n = rng.choices(lengths, weights=len_w)[0]
            words = [vocab.query_words[lang].one(rng) for _ in range(n)]
        sep = " " if lang == "en" or rng.random() < 0.3 else ""
        text = sep.join(words).strip()
        if text and len(words) <= 4 and text not in out:
            out.append(text)
    return out
