"""Conversion between Traditional (Hong Kong usage) and Simplified Chinese.

OpenCC's phrase-level configurations are used rather than character tables so that regional
vocabulary follows the reader (``hk2s``: 軟件→软件; ``s2hk``: 网络→網絡).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional (Hong Kong or Taiwan) → Simplified, mainland usage."""
    return _converter("hk2s").convert(text) if text else text


def to_traditional_hk(text: str) -> str:
    """Simplified → Traditional with Hong Kong character and phrase variants."""
    return _converter("s2hk").convert(text) if text else text


def text_for_language(
    language: str,
    en: str,
    hant: str,
    hans: str,
    original: str | Callable[[], str] = "",
) -> str:
    """A text kept in three columns, as a reader of ``language`` should see it.

    In order: the reader's own column; for a Chinese reader, the other Chinese script
    converted to theirs; then the column of the ``original`` language (the one the text was
    entered in), unconverted; then whichever column holds text (English, Traditional,
    Simplified). So an English page shows a name entered in Simplified Chinese in Simplified,
    as entered, even when a Traditional conversion is stored beside it. ``original`` may be a
    callable, asked only when the first steps find nothing.
    """
    if language == "zh-hant":
        if hant or hans:
            return hant or to_traditional_hk(hans)
    elif language == "zh-hans":
        if hans or hant:
            return hans or to_simplified(hant)
    elif en:
        return en
    columns = {"en": en, "zh-hant": hant, "zh-hans": hans}
    source = original() if callable(original) else original
    return columns.get(source, "") or en or hant or hans


def in_reader_language(
    en: str, hant: str, hans: str, original: str | Callable[[], str] = ""
) -> str:
    """The text in the active language (see ``text_for_language``)."""
    from django.utils.translation import get_language

    return text_for_language(get_language() or "en", en, hant, hans, original)


def in_reader_script(word: str, language: str) -> str:
    """Chinese words in the reader's script: Hong Kong Traditional on zh-hant, Simplified on
    zh-hans; unchanged for any other language."""
    if language == "zh-hant":
        return to_traditional_hk(word)
    if language == "zh-hans":
        return to_simplified(word)
    return word
