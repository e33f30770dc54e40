"""A suggestion's reasons as a person reads them, in the reader's language.

At most three, stored with the suggestion (``reasons["shown"]``, see
``engine.matching.shown_reasons``): which words of the subject the candidate shares and
where ("超声 = ultrasound, in the title"), then the structured reason that says most
("TRL 7, you need ≥ 5"). No weights or scores: those are for the administrators' details.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from techbridge.catalogue.choices import PartnershipType
from techbridge.core.languages import joined
from techbridge.core.money import format_money
from techbridge.core.scripts import in_reader_script

FIELDS = {
    "title": gettext_lazy("in the title"),
    "keywords": gettext_lazy("in the keywords"),
    "summary": gettext_lazy("in the summary"),
    "body": gettext_lazy("in the description"),
    "translation": gettext_lazy("in a word-by-word translation of its text"),
}
CROSS_LINGUAL = frozenset({"glossary", "cedict"})


def reason_sentences(shown: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each stored reason as one sentence in the active language (unknown codes skipped)."""
    language = get_language() or "en"
    out = []
    for reason in shown:
        sentence = _sentence(reason, language)
        if sentence:
            out.append(sentence)
    return out


def _sentence(reason: Mapping[str, Any], language: str) -> str:
    code = reason.get("code")
    if code == "subject":
        return _subject(reason, language)
    if code == "trl_met":
        return _("TRL %(offered)s, ≥ %(required)s needed") % reason
    if code == "trl_short":
        return _("TRL %(offered)s, below the %(required)s needed") % reason
    if code == "partnership_shared":
        names = dict(PartnershipType.choices)
        types = joined((names.get(t, t) for t in reason.get("types", [])), language)
        return _("Both consider: %(types)s") % {"types": types}
    if code == "partnership_none":
        return _("No partnership type in common")
    if code in ("within_budget", "over_budget"):
        amounts = {
            "price": format_money(reason.get("price"), reason.get("currency", "")),
            "budget": format_money(reason.get("budget"), reason.get("currency", "")),
        }
        if code == "within_budget":
            return _("Price %(price)s, within the budget of %(budget)s") % amounts
        return _("Price %(price)s, above the budget of %(budget)s") % amounts
    if code == "cross_boundary":
        return _("Across the boundary: Hong Kong ↔ mainland")
    if code == "area_shared":
        return _("Same cooperation area")
    if code == "sector_shared":
        return _("Same sector")
    return ""


def _subject(reason: Mapping[str, Any], language: str) -> str:
    where = str(FIELDS.get(str(reason.get("field")), FIELDS["body"]))
    source = in_reader_script(str(reason.get("source", "")), language)
    word = in_reader_script(str(reason.get("word", "")), language)
    if reason.get("via") in CROSS_LINGUAL and word.casefold() != source.casefold():
        sentence = _("%(source)s = %(word)s, %(where)s") % {
            "source": source,
            "word": word,
            "where": where,
        }
    else:
        sentence = _("“%(source)s”, %(where)s") % {"source": source, "where": where}
    if reason.get("partial"):
        sentence = _("%(reason)s (partly)") % {"reason": sentence}
    return sentence
