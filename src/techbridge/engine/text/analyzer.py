"""The one analyzer used for documents and queries, so both sides produce identical terms.

Pipeline: NFKC + case folding → Traditional→Simplified folding (OpenCC, phrase level) →
split into Han runs and Latin/digit words → Han runs: jieba segmentation with bigram
fallback and regional-variant folding; Latin words: stop-word removal and Snowball stemming.
Mixed strings such as 基于CRISPR的基因编辑 yield both kinds of term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from techbridge.engine.text.chinese import Segmenter
from techbridge.engine.text.english import STOP_WORDS, is_stop, stem
from techbridge.engine.text.normalize import (
    HAN_RANGES,
    fold_chinese,
    fold_chinese_once,
    normalize,
)

_RUN_RE = re.compile(f"([{HAN_RANGES}]+)|([^\\W_{HAN_RANGES}]+)")
_HAN_RUN_RE = re.compile(f"[{HAN_RANGES}]+")
_LATIN_WORD_RE = re.compile(f"[^\\W_{HAN_RANGES}]+")


@dataclass(frozen=True)
class Token:
    """An index term with where it came from.

    ``source`` is the surface before script folding (what the user typed, after NFKC);
    ``via`` is ``query`` when the term is the surface itself, ``script`` when Traditional was
    folded to Simplified, ``variant`` when a regional term variant was mapped. ``kind`` is
    ``latin``, ``w`` (Chinese word), ``v`` (variant word), ``b`` (bigram) or ``c`` (character).
    ``start``/``end`` are offsets into the normalised text.
    """

    term: str
    source: str
    via: str
    kind: str
    start: int
    end: int


class Analyzer:
    """Turns text into index terms; see the module docstring for the pipeline."""

    def __init__(self, segmenter: Segmenter):
        self.segmenter = segmenter

    def terms(self, text: str) -> list[str]:
        """Index terms of ``text`` in order (the fast path used while indexing)."""
        folded = fold_chinese(normalize(text))
        out: list[str] = []
        segment = self.segmenter.segment_terms
        # findall's (han, word) pairs spare a match object per run; this runs for every field
        # of every document indexed.
        for han, word in _RUN_RE.findall(folded):
            if han:
                out += segment(han)
            elif word not in STOP_WORDS:
                out.append(stem(word))
        return out

    def index_terms(self, text: str) -> list[str]:
        """The terms of :meth:`terms` as a multiset, Latin words first: what a document's field
        puts in the index, where order does not count (no positions are stored). One
        segmenter call per text and no caches: the fast path of indexing."""
        return self.index_terms_and_words(text)[0]

    def index_terms_and_words(self, text: str) -> tuple[list[str], list[str]]:
        """:meth:`index_terms` and, in the same order, the words they were made from: each
        Latin term's word as written (case-folded, not stemmed), each Chinese term itself.
        A document's dictionary translation is looked up by the word, not the stem, so that
        "communicable" does not take the senses of "communication"."""
        folded = fold_chinese_once(normalize(text))
        words = [w for w in _LATIN_WORD_RE.findall(folded) if w not in STOP_WORDS]
        terms = [stem(w) for w in words]
        runs = _HAN_RUN_RE.findall(folded)
        if runs:
            han = self.segmenter.terms_of_runs("\n".join(runs))
            terms += han
            words += han
        return terms, words

    def tokens(self, text: str) -> tuple[list[Token], bool]:
        """Terms with surface, derivation and offsets into ``normalize(text)``.

        The flag says whether offsets are exact: folding is length-preserving for almost all
        text, but when a phrase changes length (記憶體 → 内存) a token can only point at its run.
        """
        norm = normalize(text)
        folded = fold_chinese(norm)
        aligned = len(folded) == len(norm)
        out: list[Token] = []
        for match in _RUN_RE.finditer(folded):
            han, word = match.group(1), match.group(2)
            if word:
                if not is_stop(word):
                    a, b = (match.start(), match.end()) if aligned else (0, len(norm))
                    out.append(Token(stem(word), norm[a:b], "query", "latin", a, b))
                continue
            base = match.start()
            for term, start, end, kind in self.segmenter.segment(han):
                if aligned:
                    a, b = base + start, base + end
                else:
                    a, b = 0, len(norm)
                source = norm[a:b]
                if kind == "v":
                    via = "variant"
                elif (aligned and source != folded[a:b]) or (not aligned and term not in norm):
                    via = "script"
                else:
                    via = "query"
                out.append(Token(term, source, via, kind, a, b))
        return out, aligned

    def english_terms(self, text: str) -> list[str]:
        """Terms of the Latin words only (used for translated English glosses)."""
        return [t for t in self.terms(text) if t.isascii()]


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The process-wide analyzer, loaded with the curated glossary's words and variants."""
    from techbridge.engine.lexicon.glossary import load_glossary

    glossary = load_glossary()
    return Analyzer(Segmenter(glossary.chinese_words(), glossary.variants()))
