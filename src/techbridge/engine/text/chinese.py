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
import math
import re
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

#: Han runs whose segmentation is remembered. An entry costs about 1.4 KB (the run, its token
#: tuples and the LRU links); 65,536 keep most repeats (titles, keywords, query words) for
#: about 90 MB, where 262,144 held about 370 MB on 100k listings for a time saving lost in noise.
SEGMENT_CACHE_SIZE = 65_536

# jieba 0.42 segments only characters matched by its ``re_han_default`` (the Han part of it:
# U+4E00–U+9FD5); any other ideograph in a run (extension A, U+9FD6 and up, extension B+)
# is emitted by ``jieba.cut`` as a lone character.
_JIEBA_BLOCK_RE = re.compile("([\u4e00-\u9fd5]+)")


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
        # The dictionary is complete now; jieba.cut reads the same two values on every call.
        self._freq: dict[str, int] = self._jieba.FREQ
        self._log_total = math.log(self._jieba.total)
        self.segment = lru_cache(maxsize=SEGMENT_CACHE_SIZE)(self._segment)

    def cut(self, run: str) -> list[str]:
        """Exactly ``jieba.Tokenizer.cut(run, HMM=False)`` for a run of Han characters.

        jieba's generator pipeline (block regex, DAG dict, route dict, tuple ``max``) costs
        about as much as the search itself; :meth:`_route` does the same computation in one
        pass, about twice as fast.
        """
        out: list[str] = []
        for i, part in enumerate(_JIEBA_BLOCK_RE.split(run)):
            if i % 2:
                out += self._route(part)
            else:
                out += part  # characters jieba does not segment come out one by one
        return out

    def _route(self, block: str) -> list[str]:
        """jieba's maximum-probability path over the dictionary DAG of ``block``.

        Same arithmetic as ``jieba.Tokenizer.get_DAG`` + ``calc``, so the same floating-point
        scores: at each start position, every dictionary word (non-zero frequency) found by
        extending the prefix scores ``log(freq) - log(total) + best[end]``; ties go to the
        longest word (jieba takes ``max`` over ``(score, end)`` tuples). A position that
        starts no word falls back to its lone character.
        """
        n = len(block)
        get, log_total, log = self._freq.get, self._log_total, math.log
        best = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for start in range(n - 1, -1, -1):
            score, end, stop = 0.0, 0, start + 1
            freq = get(block[start])
            while freq is not None:  # the prefix is in the dictionary (freq 0: prefix only)
                if freq:
                    candidate = log(freq) - log_total + best[stop]
                    if not end or candidate >= score:
                        score, end = candidate, stop
                if stop >= n:
                    break
                stop += 1
                freq = get(block[start:stop])
            if not end:
                end = start + 1
                score = log(get(block[start]) or 1) - log_total + best[end]
            best[start], ends[start] = score, end
        out: list[str] = []
        start = 0
        while start < n:
            out.append(block[start : ends[start]])
            start = ends[start]
        return out

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
        for word in self.cut(run):
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
