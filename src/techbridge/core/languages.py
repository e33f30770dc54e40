"""Language codes used everywhere in techbridge.

English is the source language; Traditional Chinese follows Hong Kong usage and Simplified
Chinese follows mainland usage. The codes are exactly those of Django's ``LANGUAGES`` setting.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

EN = "en"
ZH_HANT = "zh-hant"
ZH_HANS = "zh-hans"

LANGUAGE_CODES: tuple[str, ...] = (EN, ZH_HANT, ZH_HANS)

LANGUAGE_CHOICES = [
    (EN, "English"),
    (ZH_HANT, "繁體中文"),
    (ZH_HANS, "简体中文"),
]

# Lazy labels for forms and admin, where the label should follow the reader's language.
LANGUAGE_LABELS = {
    EN: _("English"),
    ZH_HANT: _("Traditional Chinese"),
    ZH_HANS: _("Simplified Chinese"),
}


def is_chinese(language: str | None = None) -> bool:
    """Whether ``language``, or the active one, is one of the two Chinese languages: their
    punctuation is full-width and takes no space after it."""
    return (language or get_language() or EN) in (ZH_HANT, ZH_HANS)


def joined(items: Iterable[object], language: str | None = None) -> str:
    """Items as a sentence lists them: "a, b, c" in English, "a、b、c" (the enumeration comma)
    in Chinese; in ``language``, or the active one."""
    return ("、" if is_chinese(language) else ", ").join(str(item) for item in items)
