"""Conversion between Traditional (Hong Kong usage) and Simplified Chinese.

OpenCC's phrase-level configurations are used rather than character tables so that regional
vocabulary follows the reader (``hk2s``: 軟件→软件; ``s2hk``: 网络→網絡).
"""

from __future__ import annotations

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


def in_reader_language(en: str, hant: str, hans: str) -> str:
    """The text in the active language, converted from the other script, else any text."""
    from django.utils.translation import get_language

    language = get_language() or "en"
    if language == "zh-hant":
        return hant or to_traditional_hk(hans) or en
    if language == "zh-hans":
        return hans or to_simplified(hant) or en
    return en or hant or hans
