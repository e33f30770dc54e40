"""Chinese word segmentation with a character-bigram fallback.

Segmentation is jieba's dictionary-based maximum-probability path over a DAG of dictionary
words (Sun Junyi's jieba, HMM disabled so unknown words are not guessed), computed by jieba-rs
(Rust, through ``rjieba``): the same dictionary and the same arithmetic as jieba 0.42 — the
test suite checks the words are identical — about twenty times faster. Runs of single
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
from functools import cached_property, lru_cache
from types import ModuleType

import rjieba

# Function characters that carry no retrieval signal when they stand alone.
STOP_CHARS = frozenset("的了和与及在是或等之于对为把被也就都而其以并从向着个这那有")

#: Han runs whose segmentation is remembered. An entry costs about 1.4 KB (the run, its token
#: tuples and the LRU links); 65,536 keep most repeats (titles, keywords, query words) for
#: about 90 MB, where 262,144 held about 370 MB on 100k listings for a time saving lost in noise.
SEGMENT_CACHE_SIZE = 65_536

#: A glossary word's frequency: high enough to win over a split into shorter words.
GLOSSARY_FREQUENCY = 100_000


def import_jieba() -> ModuleType:
    """jieba itself: its dictionary file, and the reference the tests compare with."""
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources, whose deprecation warning is not ours to act on.
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    module: ModuleType = jieba
    return module


def _jieba_frequencies() -> dict[str, int]:
    """Word frequencies of jieba's dictionary (the one jieba-rs also ships)."""
    jieba = import_jieba()
    frequencies: dict[str, int] = {}
    with jieba.get_dict_file() as lines:
        for line in lines:
            word, freq = line.decode("utf-8").split(" ", 2)[:2]
            frequencies[word] = int(freq)
    return frequencies


class Segmenter:
    """A private jieba-rs segmenter with the glossary's words, plus a variant map.

    ``variants`` maps a folded regional term (e.g. Hong Kong 数码 for "digital") to the
    canonical mainland term (数字) so both reach the same documents.
    """

    def __init__(self, words: Iterable[str] = (), variants: Mapping[str, str] | None = None):
        self._jieba = rjieba.Jieba()
        self.variants = dict(variants or {})
        self._added = {
            word for word in {*words, *self.variants, *self.variants.values()} if len(word) > 1
        }
        for word in self._added:
            # Never below what jieba already gives it: 中国 (129,470) at the glossary's
            # frequency would change how every text around it is cut.
            known = self._jieba.suggest_freq(word) - 1 if self._jieba.has_word(word) else 0
            self._jieba.add_word(word, max(GLOSSARY_FREQUENCY, known), None)
        self.segment = lru_cache(maxsize=SEGMENT_CACHE_SIZE)(self._segment)
        self.segment_terms = lru_cache(maxsize=SEGMENT_CACHE_SIZE)(self._segment_terms)

    def cut(self, run: str) -> list[str]:
        """The words of a run of Han characters: ``jieba.cut(run, HMM=False)``."""
        return self._jieba.cut(run, False)

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
            if word in STOP_CHARS:
                # A function character ends a run of lone characters: 队的 is no word.
                flush()
            elif len(word) == 1:
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

    def _segment_terms(self, run: str) -> tuple[str, ...]:
        return tuple(self.terms_of_runs(run))

    def terms_of_runs(self, runs: str) -> list[str]:
        """The terms of :meth:`_segment` without offsets, for Han runs joined by newlines: the
        indexing path, written for speed (one segmenter call per text, one pass, no tuples per
        term); the tests hold the two to the same terms."""
        out: list[str] = []
        pending = ""  # consecutive lone characters
        variants = self.variants
        for word in self._jieba.cut(runs, False):
            if len(word) == 1 and word != "\n" and word not in STOP_CHARS:
                pending += word
                continue
            if pending:
                if len(pending) > 1:
                    out += [pending[i : i + 2] for i in range(len(pending) - 1)]
                elif pending not in STOP_CHARS:
                    out.append(pending)
                pending = ""
            if word == "\n" or word in STOP_CHARS:
                continue
            if word in variants:
                word = variants[word]
            out.append(word)
            if len(word) > 2:
                out += [word[i : i + 2] for i in range(len(word) - 1)]
        if len(pending) > 1:
            out += [pending[i : i + 2] for i in range(len(pending) - 1)]
        elif pending and pending not in STOP_CHARS:
            out.append(pending)
        return out

    @cached_property
    def _frequencies(self) -> dict[str, int]:
        # Loaded on first use: only query translation ranks words by frequency.
        return _jieba_frequencies()

    def word_frequency(self, word: str) -> int:
        """jieba dictionary frequency of a word (0 when unknown); used to rank translations."""
        known = self._frequencies.get(word, 0)
        return max(GLOSSARY_FREQUENCY, known) if word in self._added else known
