"""Highlights and match explanations computed from a hit's original text.

The stored original is re-analysed with the same analyzer, so highlights are taken from the
text the author wrote (Traditional stays Traditional) while matching happens on folded terms.
Fragments are sentences; the best fragment of a field is the one covering the most distinct
query terms (a simplified form of Lucene's highlighter fragment scoring).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from techbridge.engine.documents import (
    FIELD_BOOSTS,
    TRANSLATION_WEIGHT,
    Document,
    Highlight,
    TermMatch,
)
from techbridge.engine.index.schema import field_of
from techbridge.engine.lexicon.translate import Alternative, Concept
from techbridge.engine.text.analyzer import Analyzer

#: The pseudo-field of a document's dictionary translation in explanations.
TRANSLATION = "translation"

_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?|[。！？!?；;\n]")
MAX_FRAGMENT = 240


def _fields(document: Document) -> list[tuple[str, str, str]]:
    """(index field, language, original text) for every text of the document."""
    out = [
        (field_of(name), lang, text)
        for lang, texts in document.texts.items()
        for name, text in texts.items()
        if text.strip()
    ]
    out += [("keywords", "", keyword) for keyword in document.keywords]
    return out


def highlights(
    document: Document, terms: set[str], analyzer: Analyzer, limit: int = 3
) -> tuple[Highlight, ...]:
    """Up to ``limit`` fragments (best field first) with the matched words marked."""
    scored: list[tuple[float, int, Highlight]] = []
    for order, (field, lang, text) in enumerate(_fields(document)):
        if field == "keywords":
            continue
        best: tuple[int, Highlight] | None = None
        for match in _SENTENCE_RE.finditer(text):
            fragment = match.group(0).strip()
            if not fragment:
                continue
            tokens, aligned = analyzer.tokens(fragment)
            hit = {t.term for t in tokens if t.term in terms}
            if not hit:
                continue
            # Offsets index the normalised fragment; NFKC + casefold keep length for nearly
            # all text, and when they do not we mark the whole fragment.
            if aligned and len(fragment.casefold()) == len(fragment):
                spans = _merge([(t.start, t.end) for t in tokens if t.term in terms], fragment)
            else:
                spans = [(0, len(fragment))]
            if best is None or len(hit) > best[0]:
                best = (len(hit), Highlight(field, lang, fragment[:MAX_FRAGMENT], _clip(spans)))
        if best is not None:
            scored.append((best[0] * FIELD_BOOSTS[field], -order, best[1]))
    scored.sort(key=lambda s: (-s[0], -s[1]))
    return tuple(h for _, _, h in scored[:limit])


#: Hyphens that join two matched words into one mark ("gene-editing"); spaced, a dash is
#: punctuation between them ("CRISPR - platform") and each keeps its own mark.
_HYPHENS = frozenset("-\u2010\u2011")


def _joined(gap: str) -> bool:
    """Whether two matched words this far apart read as one phrase: only white space (any,
    no-break and ideographic included) or a bare hyphen between them."""
    return gap.isspace() or (len(gap) == 1 and gap in _HYPHENS)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Overlapping spans, and spans apart only by a space or a hyphen, as one."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and (a <= merged[-1][1] or _joined(text[merged[-1][1] : a])):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _clip(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    return tuple((a, min(b, MAX_FRAGMENT)) for a, b in spans if a < MAX_FRAGMENT)


def explain(
    document: Document,
    concepts: list[Concept],
    analyzer: Analyzer,
    glosser: Callable[[list[str]], list[str]] | None = None,
) -> tuple[TermMatch, ...]:
    """Which query terms (typed, script-folded, variant or translated) matched which fields;
    ``translation`` is the document's own dictionary translation (``glosser``: words →
    their translations' terms, as when indexing)."""
    field_terms: dict[str, set[str]] = {}
    # Each word's own translation: a phrase is in the document's translation only when one
    # word translates to all of it (跌倒检测 → "fall detection"), not when "fall" comes from
    # 升降 (rise and fall) and "detect" from 测试 in a text about a test arena. Only glosses of
    # two or more terms can hold a phrase; each is kept once, under each of its terms.
    glossed: dict[str, set[frozenset[str]]] = {}
    for field, _, text in _fields(document):
        terms, written = analyzer.index_terms_and_words(text)
        field_terms.setdefault(field, set()).update(terms)
        if glosser is not None and field != "keywords":
            translation = field_terms.setdefault(TRANSLATION, set())
            for word in dict.fromkeys(written):
                gloss = frozenset(glosser([word]))
                translation |= gloss
                if len(gloss) > 1:
                    for term in gloss:
                        glossed.setdefault(term, set()).add(gloss)
    out: list[TermMatch] = []
    seen: set[tuple[str, str, str]] = set()
    everywhere = set().union(*field_terms.values()) if field_terms else set()
    for concept in concepts:
        for alternative in concept.alternatives:
            if not whole_enough(alternative, everywhere):
                continue  # as the search requires (see index.search._occur)
            in_translation = True
            if len(alternative.terms) > 1 and not alternative.part:
                wanted = set(alternative.terms)
                in_translation = any(
                    wanted <= words for words in glossed.get(alternative.terms[0], ())
                )
            for term in alternative.terms:
                for field, present in field_terms.items():
                    key = (term, field, alternative.via)
                    if field == TRANSLATION and not in_translation:
                        continue
                    if term in present and key not in seen:
                        seen.add(key)
                        out.append(
                            TermMatch(
                                source=concept.source,
                                term=term,
                                via=alternative.via,
                                field=field,
                                weight=alternative.weight,
                                boost=FIELD_BOOSTS[field]
                                if field != TRANSLATION
                                else float(TRANSLATION_WEIGHT),
                                alternative=alternative.text,
                            )
                        )
    return tuple(out)


def whole_enough(alternative: Alternative, present: set[str]) -> bool:
    """A glossary term's bigrams count only with its first and last bigram both present, a
    glossary phrase only with all its words (as ``index.search._occur`` requires)."""
    if len(alternative.terms) < 2:
        return True
    if alternative.anchored:
        return alternative.terms[0] in present and alternative.terms[-1] in present
    if alternative.via == "glossary":
        return all(term in present for term in alternative.terms)
    return True
