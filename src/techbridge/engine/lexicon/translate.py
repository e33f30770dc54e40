"""Structured query translation between English and Chinese.

Every source word or phrase becomes a *concept* whose translations are weighted alternatives;
the index scores a concept by the best-matching alternative (a disjunction-max), so a word
with many dictionary senses cannot flood the query. This follows Pirkola's structured query
translation (SIGIR 1998) with per-alternative weights in the spirit of probabilistic
structured queries (Darwish & Oard, SIGIR 2003). Sources, in order of trust: the curated
glossary, then CC-CEDICT ranked by gloss position and jieba word frequency.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from techbridge.engine.lexicon.cedict import Cedict, load_cedict
from techbridge.engine.lexicon.glossary import Glossary, load_glossary
from techbridge.engine.text.analyzer import Analyzer, Token

MAX_ALTERNATIVES = 3
#: Index terms whose translations (see :meth:`Translator.gloss_terms`) are remembered.
GLOSS_CACHE_SIZE = 200_000
MIN_WEIGHT = 0.2
#: A dictionary sense whose gloss says more than the key ("at this point" for "point").
INEXACT_SENSE = 0.3


@dataclass(frozen=True)
class Alternative:
    """One way a concept can match: all ``terms`` belong to one surface ``text``."""

    text: str
    terms: tuple[str, ...]
    weight: float
    via: str


@dataclass(frozen=True)
class Concept:
    """A unit of the query (``source`` as typed) with its weighted alternatives."""

    source: str
    alternatives: tuple[Alternative, ...]


class Translator:
    """Builds the concepts of a query: the terms as typed plus their translations."""

    def __init__(
        self,
        analyzer: Analyzer,
        glossary: Glossary | None = None,
        cedict: Cedict | None = None,
    ):
        self.analyzer = analyzer
        self.glossary = glossary or load_glossary()
        self.cedict = cedict if cedict is not None else load_cedict()
        self.max_words = max(self.glossary.max_english_words(), 3)
        self._gloss = lru_cache(maxsize=GLOSS_CACHE_SIZE)(self._gloss_of_term)
        # A word's translations depend on the lexicon alone: looked up once per process, they
        # cost a dictionary probe per query word afterwards instead of analysing every sense.
        self._zh_alternatives: Callable[[tuple[str, ...]], tuple[Alternative, ...]] = lru_cache(
            maxsize=GLOSS_CACHE_SIZE
        )(self._zh_senses)
        self._en_alternatives: Callable[[str], tuple[Alternative, ...]] = lru_cache(
            maxsize=GLOSS_CACHE_SIZE
        )(self._en_senses)

    def concepts(self, text: str, translate: bool = True) -> list[Concept]:
        """The query's own terms, one concept each, then one concept per translated unit."""
        tokens, _ = self.analyzer.tokens(text)
        out = [Concept(t.source, (Alternative(t.term, (t.term,), 1.0, t.via),)) for t in tokens]
        if translate:
            out += self._english_to_chinese([t for t in tokens if t.kind == "latin"])
            out += self._chinese_to_english([t for t in tokens if t.kind in ("w", "v")])
        return out

    # -- Document translation ----------------------------------------------------------

    def gloss_terms(self, text: str) -> list[str]:
        """The index terms of a word-by-word dictionary translation of ``text``: each English
        word's Chinese translations and each Chinese word's English ones (up to three each).

        Indexed beside the text, they let a query in the other language match a document by
        its own words too, not only by the query's translations: combining query and document
        translation is the classic remedy for the gaps of each (McCarley, ACL 1999)."""
        out: list[str] = []
        for term in self.analyzer.index_terms(text):
            out += self._gloss(term)
        return out

    def _gloss_of_term(self, term: str) -> tuple[str, ...]:
        if term.isascii():
            alternatives = self._zh_alternatives((term,))
        else:
            alternatives = self._en_alternatives(term)
        return tuple(t for alternative in alternatives for t in alternative.terms)

    # -- English → Chinese -------------------------------------------------------------

    def _english_to_chinese(self, words: list[Token]) -> list[Concept]:
        out: list[Concept] = []
        i = 0
        while i < len(words):
            match = self._longest(words, i, True) or self._longest(words, i, False)
            if match is None:
                i += 1
                continue
            n, alternatives = match
            out.append(Concept(" ".join(t.source for t in words[i : i + n]), alternatives))
            i += n
        return out

    def _longest(
        self, words: list[Token], i: int, glossary_only: bool
    ) -> tuple[int, tuple[Alternative, ...]] | None:
        """Greedy longest match at ``i``: the glossary first, so its single words beat a
        compositional CC-CEDICT phrase ("digital network" → 数字 + 网络, not 数字网)."""
        for n in range(min(self.max_words, len(words) - i), 0, -1):
            key = tuple(t.term for t in words[i : i + n])
            if glossary_only and key not in self.glossary.en_to_zh:
                continue
            alternatives = self._zh_alternatives(key)
            if alternatives:
                return n, alternatives
        return None

    def _zh_senses(self, key: tuple[str, ...]) -> tuple[Alternative, ...]:
        ranked: list[tuple[str, float, str]] = []
        for rank, zh in enumerate(self.glossary.en_to_zh.get(key, ())):
            ranked.append((zh, 1.0 / (1 + rank), "glossary"))
        scored: list[tuple[float, float, str]] = []
        for sense in self.cedict.reverse.get(key, ()):
            zh = sense.headword
            freq = self.analyzer.segmenter.word_frequency(zh)
            # Lone characters are too ambiguous to stand for an English word.
            if len(zh) < 2 or freq == 0:
                continue
            # A gloss that says more than the key ("at this point" for "point") is a weaker
            # sense.
            fit = 1.0 if sense.exact else INEXACT_SENSE
            plain = math.log1p(freq) / (1 + sense.position)
            scored.append((fit * plain, plain, zh))
        scored.sort(reverse=True)
        if scored:
            # Relative to the best sense before fit: poorly fitting senses stay weak even when
            # nothing better is found.
            best = max(plain for _, plain, _ in scored)
            # A glossary hit is trusted; CC-CEDICT only adds a damped extra sense.
            damp = 0.5 if ranked else 1.0
            ranked += [(zh, damp * s / best, "cedict") for s, _, zh in scored]
        return self._alternatives(ranked)

    # -- Chinese → English -------------------------------------------------------------

    def _chinese_to_english(self, words: list[Token]) -> list[Concept]:
        out: list[Concept] = []
        seen: set[str] = set()
        for token in words:
            if token.term in seen:
                continue
            seen.add(token.term)
            alternatives = self._en_alternatives(token.term)
            if alternatives:
                out.append(Concept(token.source, alternatives))
        return out

    def _en_senses(self, word: str) -> tuple[Alternative, ...]:
        ranked = [
            (en, 1.0 / (1 + rank), "glossary")
            for rank, en in enumerate(self.glossary.zh_to_en.get(word, ()))
        ]
        glosses = self.cedict.translations(word)
        damp = 0.5 if ranked else 1.0
        ranked += [(g, damp / (1 + rank), "cedict") for rank, g in enumerate(glosses[:3])]
        return self._alternatives(ranked)

    def _alternatives(self, ranked: list[tuple[str, float, str]]) -> tuple[Alternative, ...]:
        """Analyse, de-duplicate, keep the best few above the weight floor."""
        out: list[Alternative] = []
        seen: set[tuple[str, ...]] = set()
        for text, weight, via in sorted(ranked, key=lambda r: -r[1]):
            terms = tuple(dict.fromkeys(self.analyzer.terms(text)))
            if not terms or terms in seen or weight < MIN_WEIGHT:
                continue
            seen.add(terms)
            out.append(Alternative(text, terms, round(weight, 3), via))
            if len(out) == MAX_ALTERNATIVES:
                break
        return tuple(out)
