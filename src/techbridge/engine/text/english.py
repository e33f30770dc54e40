"""English token filters: stop words and the Snowball English (Porter2) stemmer.

Stemming uses PyStemmer's C implementation of Snowball (Porter 2001, "Snowball: A language
for stemming algorithms").
"""

from __future__ import annotations

from functools import lru_cache

import simplemma
import Stemmer

# A short stop list (after Lucene's EnglishAnalyzer): long lists hurt queries like "IT services".
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
        "we",
        "our",
        "from",
        "can",
        "has",
        "have",
        "its",
        "which",
    ]
)

_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball English stem of a lower-cased word; digits and codes pass through."""
    if not word.isalpha():
        return word
    return str(_STEMMER.stemWord(word))


def is_stop(word: str) -> bool:
    """True for English function words that carry no retrieval signal."""
    return word in STOP_WORDS


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form of a lower-cased English word (led → lead, mice → mouse), from
    simplemma's English lexicon; the word itself when it is not listed."""
    return str(simplemma.lemmatize(word, lang="en"))
