"""Turning engine hits into what a reader needs: snippets in their language and reasons
grouped by query word."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from techbridge.core import languages
from techbridge.core.scripts import in_reader_script, to_simplified, to_traditional_hk
from techbridge.engine import Highlight, TermMatch
from techbridge.engine.text.analyzer import default_analyzer

# Engine field → what a reader calls it, in order of weight.
FIELD_LABELS = {
    "title": _("title"),
    "keywords": _("keywords"),
    "summary": _("summary"),
    "body": _("description"),
    # The listing's word-by-word dictionary translation, indexed beside its text.
    "translation": _("a word-by-word translation of its text"),
}
MAX_SNIPPETS = 2
CHINESE = ("zh-hant", "zh-hans")


@dataclass(frozen=True)
class Reason:
    source: str  # what the reader typed
    alternative: str  # the word looked for
    via: str
    weight: float
    fields: tuple[str, ...]  # translated field names, heaviest first
    # The same fields as the engine names them (title, keywords, summary, body, translation).
    field_codes: tuple[str, ...] = ()
    # The words of a translated phrase (glossary or dictionary) that were found, when not all
    # were ("medical" of "medical treatment"): the sentence says which, not that the phrase
    # was found.
    part: str = ""


# Reasons whose point is the script or the regional form itself keep their words as they are.
KEEP_SCRIPT = ("script", "variant")


def reasons(matches: Sequence[TermMatch], language: str | None = None) -> list[Reason]:
    """One line per (typed word, word looked for): where it was found, its Chinese words in
    the script of ``language`` (the active language when not given)."""
    language = language or get_language() or "en"
    grouped: dict[tuple[str, str, str], tuple[float, dict[str, set[str]]]] = {}
    for match in matches:
        # A word found as typed is the word, not its index term ("optimisation", not "optim").
        word = match.source if match.via == "query" else match.alternative or match.term
        source = match.source
        if match.via not in KEEP_SCRIPT:
            source, word = in_reader_script(source, language), in_reader_script(word, language)
        key = (source, word, match.via)
        _, by_field = grouped.setdefault(key, (match.weight, {}))
        by_field.setdefault(match.field, set()).add(match.term)
    order = list(FIELD_LABELS)
    out = []
    for (source, alternative, via), (weight, by_field) in grouped.items():
        fields, part = set(by_field), ""
        if via in PHRASES:
            fields, part = _where_found(alternative, by_field)
        codes = tuple(sorted(fields, key=lambda f: order.index(f) if f in order else 99))
        out.append(
            Reason(
                source=source,
                alternative=alternative,
                via=via,
                weight=weight,
                fields=tuple(str(FIELD_LABELS.get(code, code)) for code in codes),
                field_codes=codes,
                part=part,
            )
        )
    return out


#: Translations that may be English phrases, whose words are found field by field.
PHRASES = ("glossary", "cedict")


def _where_found(phrase: str, by_field: dict[str, set[str]]) -> tuple[set[str], str]:
    """Where an English ``phrase`` was found (``by_field``: its index terms found in each
    field) and, when only some of its words were found anywhere, those words. The fields
    holding the whole phrase, when any does: "medical" in the title and "treatment" in the
    body is no "medical treatment" in the title."""
    words = phrase.split()
    if len(words) < 2 or not phrase.isascii():
        return set(by_field), ""
    analyzer = default_analyzer()
    wanted = [(w, set(terms)) for w in words if (terms := analyzer.english_terms(w))]

    def found(terms: set[str]) -> list[bool]:
        return [bool(stems & terms) for _, stems in wanted]

    whole = {field for field, terms in by_field.items() if all(found(terms))}
    if whole:
        return whole, ""
    anywhere = found(set().union(*by_field.values()))
    if all(anywhere):
        return set(by_field), ""
    return set(by_field), " ".join(w for (w, _), hit in zip(wanted, anywhere, strict=True) if hit)


def snippets_for(highlights: Sequence[Highlight], language: str) -> list[Highlight]:
    """The reader's language first, then the other Chinese script, then the rest."""

    def preference(highlight: Highlight) -> int:
        if highlight.language == language:
            return 0
        if language in CHINESE and highlight.language in CHINESE:
            return 1
        return 2

    ranked = sorted(highlights, key=preference)  # stable: keeps the engine's field order
    best = preference(ranked[0]) if ranked else 2
    chosen = [h for h in ranked if preference(h) == best][:MAX_SNIPPETS]
    if best == 1:
        return [in_script(h, language) for h in chosen]
    return chosen


def in_script(highlight: Highlight, language: str) -> Highlight:
    """The fragment converted to the reader's Chinese script, marks kept in place.

    Pieces between span boundaries are converted separately, so every span still covers
    the converted form of what it covered (phrase conversion may change lengths).
    """
    convert = to_simplified if language == "zh-hans" else to_traditional_hk
    cuts = sorted({0, len(highlight.text), *(i for span in highlight.spans for i in span)})
    pieces = [convert(highlight.text[a:b]) for a, b in itertools.pairwise(cuts)]
    starts: dict[int, int] = {}
    position = 0
    for cut, piece in zip(cuts, pieces, strict=False):
        starts[cut] = position
        position += len(piece)
    starts[len(highlight.text)] = position
    spans = tuple((starts[a], starts[b]) for a, b in highlight.spans)
    return Highlight(highlight.field, language, "".join(pieces), spans)


_SENTENCES = {
    "glossary": _(
        "“%(source)s” translated as “%(word)s” (technical glossary), found in: %(fields)s"
    ),
    "cedict": _("“%(source)s” translated as “%(word)s” (dictionary), found in: %(fields)s"),
    "glossary-part": _(
        "“%(source)s” translated as “%(word)s” (technical glossary), of which “%(part)s” "
        "found in: %(fields)s"
    ),
    "cedict-part": _(
        "“%(source)s” translated as “%(word)s” (dictionary), of which “%(part)s” found in: "
        "%(fields)s"
    ),
    "script": _("“%(source)s” in the other Chinese script, “%(word)s”, found in: %(fields)s"),
    "variant": _("“%(source)s” as its regional variant “%(word)s”, found in: %(fields)s"),
}
_FOUND = _("“%(source)s” found in: %(fields)s")


def reason_html(reason: Reason) -> SafeString:
    """One "why this result" sentence, escaped. Built here rather than in a template include:
    a results page shows dozens of them, and an include per sentence cost more than the
    search itself."""
    sentence = _SENTENCES.get(reason.via + ("-part" if reason.part else ""), _FOUND)
    # Chinese lists take the enumeration comma (see ``joined``).
    text = format_html(
        str(sentence)
        .replace("%(source)s", "{source}")
        .replace("%(word)s", "{word}")
        .replace("%(part)s", "{part}")
        .replace("%(fields)s", "{fields}"),
        source=reason.source,
        word=reason.alternative,
        part=reason.part,
        fields=joined(reason.fields),
    )
    return text


def clock_end(end: datetime) -> str:
    """The end of a span of time as a clock states it, in local time: a span that ends at
    midnight ends at 24:00 (18:00–24:00), not at 00:00, which reads as the start of a day."""
    local = timezone.localtime(end) if timezone.is_aware(end) else end
    if (local.hour, local.minute) == (0, 0):
        return "24:00"
    return local.strftime("%H:%M")


def joined(items: Iterable[object]) -> str:
    """Items as a sentence lists them in the active language (see ``core.languages.joined``)."""
    return languages.joined(items)


def sentences(parts: Iterable[object]) -> str:
    """Sentences one after another: a space between them in English, none in Chinese, whose
    full stop (。) is full-width and takes no space after it."""
    return ("" if languages.is_chinese() else " ").join(str(part) for part in parts if part)


def slot_length(minutes: int) -> str:
    """An instrument's slot as a sentence: in hours when they are whole ("Slots of 6
    hours."), otherwise in minutes ("Slots of 90 minutes.")."""
    hours, rest = divmod(minutes, 60)
    if hours and not rest:
        return ngettext("Slots of %(hours)s hour.", "Slots of %(hours)s hours.", hours) % {
            "hours": hours
        }
    return ngettext("Slots of %(minutes)s minute.", "Slots of %(minutes)s minutes.", minutes) % {
        "minutes": minutes
    }


def booking_rules(
    lead_time_days: int, slot_minutes: int, requires_training: bool, requires_approval: bool
) -> str:
    """An instrument's booking rules as the sentences its page shows."""
    return sentences(
        (
            # No lead time, no sentence: "Book 0 days ahead" says nothing.
            ngettext("Book %(days)s day ahead.", "Book %(days)s days ahead.", lead_time_days)
            % {"days": lead_time_days}
            if lead_time_days
            else "",
            slot_length(slot_minutes),
            gettext("Training required.") if requires_training else "",
            gettext("Each booking is approved by the managers.") if requires_approval else "",
        )
    )
