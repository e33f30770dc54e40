"""Chinese word segmentation with a character-bigram fallback.

Segmentation is jieba's dictionary-based maximum-probability path over a DAG of dictionary
words (Sun Junyi, jieba 0.42, HMM disabled so unknown words are not guessed). Runs of single
characters left over by the dictionary — usually unknown names and new technical words — are
indexed as overlapping character bigrams, the standard CJK fallback (Kwok 1997, "Comparing
representations in Chinese information retrieval"; Lucene's CJKBigramFilter). Words of three or
more characters also emit their bigrams so that a query for part of a compound still matches.
"""

from __future__ import annotations

import itertools
import logging
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache

with warnings.catch_warnings():
    # jieba 0.42 imports pkg_resources, whose deprecation warning is not ours to act on.
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
    import jieba

jieba.setLogLevel(logging.WARNING)

# Function characters that carry no retrieval signal when they stand alone.
STOP_CHARS = frozenset("的了和与及在是或等之于对为把被也就都而其以并从向着个这那有")


class Segmenter:
    """A private jieba tokenizer (the global one is left untouched) plus a variant map.

    ``variants`` maps a folded regional term (e.g. Hong Kong 数码 for "digital") to the
    canonical mainland term (数字) so both reach the same documents.
    """

    def __init__(self, words: Iterable[str] = (), variants: Mapping[str, str] | None = None):
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self.variants = dict(variants or {})
        for word in {*words, *self.variants, *self.variants.values()}:
            if len(word) > 1:
                # A high frequency makes the glossary term win over a split into shorter words.
                self._jieba.add_word(word, freq=100_000)
        self.segment = lru_cache(maxsize=262_144)(self._segment)

    def _segment(self, run: str) -> tuple[tuple[str, int, int, str], ...]:
        """Segment one Han run into (term, start, end, kind) tuples, offsets in ``run``.

        ``kind`` is ``w`` for a dictionary word, ``v`` for a word mapped from a regional
        variant, ``b`` for a bigram and ``c`` for a lone character.
        """
        out: list[tuple[str, int, int, str]] = []
        pending: list[tuple[str, int]] = []

        def flush() -> None:
            if len(pending) == 1:
                ch, pos = pending[0]
                if ch not in STOP_CHARS:
                    out.append((ch, pos, pos + 1, "c"))
            else:
                for (a, pos), (b, _) in itertools.pairwise(pending):
                    out.append((a + b, pos, pos + 2, "b"))
            pending.clear()

        pos = 0
        for word in self._jieba.cut(run, HMM=False):
            end = pos + len(word)
            if len(word) == 1:
                pending.append((word, pos))
            else:
                if pending:
                    flush()
                canonical = self.variants.get(word)
                term = canonical or word
                out.append((term, pos, end, "w" if canonical is None else "v"))
                if len(term) >= 3:
                    for i in range(len(term) - 1):
                        out.append((term[i : i + 2], pos, end, "b"))
            pos = end
        if pending:
            flush()
        return tuple(out)

    def word_frequency(self, word: str) -> int:
        """jieba dictionary frequency of a word (0 when unknown); used to rank translations."""
        return int(self._jieba.FREQ.get(word, 0) or 0)
