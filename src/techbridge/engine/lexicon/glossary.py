"""The curated technical glossary shipped as ``glossary.tsv`` beside this module.

Each row gives English terms, the canonical mainland Simplified term and regional variants
(Hong Kong, Taiwan, Traditional script). Variants whose folded form differs from the canonical
term (數碼 → 数码 ≠ 数字) become a variant map applied while indexing and querying.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from techbridge.engine.text.english import is_stop, stem
from techbridge.engine.text.normalize import fold_chinese, normalize

_WORD_RE = re.compile(r"[^\W_]+")
_ACRONYM_RE = re.compile(r"[A-Z]{2,}")


def english_key(phrase: str) -> tuple[str, ...]:
    """The lookup key of an English phrase: its stems without stop words."""
    return tuple(stem(w) for w in english_words(phrase))


def english_words(phrase: str) -> tuple[str, ...]:
    """The words of an English phrase that its key is made of, as written (lower case)."""
    return tuple(w for w in _WORD_RE.findall(normalize(phrase)) if not is_stop(w))


def written_words(phrase: str) -> tuple[str, ...]:
    """:func:`english_words`, except that an acronym keeps its capitals: LED (发光二极管) is
    not "led", the past of "lead" (see ``translate._same_word_as_typed``)."""
    if _ACRONYM_RE.fullmatch(phrase):
        return (phrase,)
    return english_words(phrase)


@dataclass
class Glossary:
    """English ⇄ Chinese term pairs with regional variants."""

    en_to_zh: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    #: The English terms of each ``en_to_zh`` entry as written, its words in lower case, in the
    #: same order (the key is made of stems, which "engine" and "engineering" share).
    en_words: dict[tuple[str, ...], list[list[tuple[str, ...]]]] = field(default_factory=dict)
    zh_to_en: dict[str, list[str]] = field(default_factory=dict)
    variant_map: dict[str, str] = field(default_factory=dict)

    def add(self, english: list[str], chinese: str, variants: list[str]) -> None:
        """Add one row; the first English term is the preferred translation."""
        canonical = fold_chinese(normalize(chinese))
        for term in english:
            key = english_key(term)
            if not key:
                continue
            entries = self.en_to_zh.setdefault(key, [])
            written = self.en_words.setdefault(key, [])
            if canonical not in entries:
                entries.append(canonical)
                written.append([])
            written[entries.index(canonical)].append(written_words(term))
        self.zh_to_en.setdefault(canonical, []).extend(english)
        for variant in variants:
            folded = fold_chinese(normalize(variant))
            if folded != canonical:
                self.variant_map[folded] = canonical
                self.zh_to_en.setdefault(folded, []).extend(english)

    def chinese_words(self) -> list[str]:
        """Every canonical Chinese term (added to the segmenter's dictionary)."""
        return list(self.zh_to_en)

    def variants(self) -> dict[str, str]:
        """Folded regional variant → canonical term."""
        return dict(self.variant_map)

    def max_english_words(self) -> int:
        """Length in words of the longest English key (bounds the phrase matcher)."""
        return max((len(k) for k in self.en_to_zh), default=1)


def parse_glossary(text: str, name: str = "glossary.tsv") -> Glossary:
    """Parse the TSV format described at the top of ``glossary.tsv``."""
    glossary = Glossary()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not cells[0].strip() or not cells[1].strip():
            raise ValueError(f"{name} line {number}: expected 'english<TAB>chinese<TAB>variants'")
        english = [e.strip() for e in cells[0].split("|") if e.strip()]
        variants = [v.strip() for v in cells[2].split("|") if v.strip()]
        glossary.add(english, cells[1].strip(), variants)
    return glossary


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The packaged glossary (parsed once per process)."""
    text = resources.files("techbridge.engine.lexicon").joinpath("glossary.tsv").read_text("utf-8")
    return parse_glossary(text)
