"""English token filters: stop words, British → American spelling and the Snowball English
(Porter2) stemmer.

Stemming uses PyStemmer's C implementation of Snowball (Porter 2001, "Snowball: A language
for stemming algorithms").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma
import Stemmer
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

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
    """Snowball English stem of a lower-cased word in American spelling (see
    :func:`american_spelling`) without accents (see :func:`without_accents`); digits and
    codes pass through."""
    if not word.isalpha():
        return word
    if not word.isascii():
        word = without_accents(word)
    return str(_STEMMER.stemWord(american_spelling(word)))


def without_accents(word: str) -> str:
    """A Latin word without its diacritics (temüjin → temujin, café → cafe), as Lucene's
    ASCII folding does: dictionaries and writers drop them as often as not (CC-CEDICT writes
    Temujin). Words of other scripts, and letters that are no accented ASCII letter (ø),
    stay as they are."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return bare if bare.isascii() else word


# A noun in -isation: the verbs in -ise are left to the list, since some are words of their
# own (expertise is no spelling of "expertize", which would stem to expert).
_BRITISH_ISATION = re.compile(r"(\w{3,})isation(s?)")


def american_spelling(word: str) -> str:
    """The American spelling of a lower-cased British one (organisation → organization,
    tumour → tumor, programme → program, centre → center), else the word itself.

    Hong Kong writes British English; CC-CEDICT and much international text write American.
    Stemmed apart, the two spellings never matched ("organis" against "organiz"), and a British
    word missed its dictionary entry or hit a wrong one (programme → 程序员, "programmer").
    The word list is breame's; an -isation noun it lacks (commercialisation, digitalisation)
    takes -ization when simplemma's English lexicon knows the verb in -ize."""
    known = BRITISH_ENGLISH_SPELLINGS.get(word)
    if known is not None:
        return str(known)
    match = _BRITISH_ISATION.fullmatch(word)
    if match and simplemma.is_known(match[1] + "ize", lang="en"):
        return f"{match[1]}ization{match[2]}"
    return word


def is_stop(word: str) -> bool:
    """True for English function words that carry no retrieval signal."""
    return word in STOP_WORDS


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form of a lower-cased English word (led → lead, mice → mouse), from
    simplemma's English lexicon; the word itself when it is not listed."""
    return str(simplemma.lemmatize(word, lang="en"))


def same_word(typed: str, written: str) -> bool:
    """Whether two lower-cased English words are forms of one word (consists and consist,
    tumours and tumor), not merely of one stem (consists and consistent, experience and
    experiment, busy and business share theirs). Words simplemma does not know (ctenophores)
    are compared by stem."""
    if typed == written:
        return True
    if not (simplemma.is_known(typed, lang="en") and simplemma.is_known(written, lang="en")):
        return stem(typed) == stem(written)
    return bool(_dictionary_forms(typed) & _dictionary_forms(written))


@lru_cache(maxsize=200_000)
def _dictionary_forms(word: str) -> frozenset[str]:
    """A word's dictionary form in either spelling (tumours → tumour, tumor), hyphens left out
    (reelections → re-election, reelection)."""
    forms = {
        american_spelling(lemma(word)),
        lemma(american_spelling(word)),
        american_spelling(word),
    }
    return frozenset(form.replace("-", "") for form in forms)
