"""Character normalisation and Chinese script folding.

* Unicode NFKC (UAX #15) folds full-width Latin letters and digits, half-width katakana and
  compatibility ideographs to their canonical forms; we then case-fold.
* Traditional Chinese is folded to Simplified with OpenCC, phrase-level: first ``hk2t``
  (Hong Kong variant characters → OpenCC standard Traditional), then ``tw2sp`` (Taiwan phrases
  such as 軟體/網路/資訊 → mainland 软件/网络/信息, then character conversion). Running both
  means Hong Kong and Taiwan text fold to the same mainland form; Simplified input passes
  through unchanged because the OpenCC tables are keyed on Traditional forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
HAN_RE = re.compile(f"[{HAN_RANGES}]")
_HK_TO_T = opencc.OpenCC("hk2t.json")
_TW_TO_S = opencc.OpenCC("tw2sp.json")
_T_TO_S = opencc.OpenCC("t2s.json")


def normalize(text: str) -> str:
    """NFKC + case folding; full-width ＡＢＣ１２３ becomes abc123."""
    return unicodedata.normalize("NFKC", text).casefold()


def has_han(text: str) -> bool:
    """True when the text contains at least one CJK ideograph."""
    return HAN_RE.search(text) is not None


def fold_chinese_once(text: str) -> str:
    """Fold Traditional (HK or TW, phrase-level) to Simplified; Simplified is unchanged."""
    if not has_han(text):
        return text
    return str(_TW_TO_S.convert(_HK_TO_T.convert(text)))


#: The same, remembered: queries and highlighted fields repeat; documents being indexed do not
#: (they use :func:`fold_chinese_once`, sparing the cache's cost and memory).
fold_chinese = lru_cache(maxsize=65536)(fold_chinese_once)


def is_traditional(text: str) -> bool:
    """Script detection: the text changes under character-level t2s conversion."""
    return has_han(text) and str(_T_TO_S.convert(text)) != text


def detect_language(text: str) -> str:
    """Per-field language and script detection: ``en``, ``zh-hant`` or ``zh-hans``.

    Text counts as Chinese when ideographs make up at least a fifth of its letters, which keeps
    mixed strings such as 基于CRISPR的基因编辑 Chinese and an English title quoting 中国 English.
    """
    han = len(HAN_RE.findall(text))
    letters = sum(1 for ch in text if ch.isalpha())
    if han == 0 or han * 5 < letters:
        return "en"
    return "zh-hant" if is_traditional(text) else "zh-hans"


def as_written(word: str, text: str) -> str:
    """``word`` as ``text`` writes it ("HIFU", not the index's "hifu"): the engine's concepts
    are case-folded, the reader should see the author's or the searcher's word. Only Latin
    letters and digits bound a word, so HIFU is found in 采用HIFU技术; a word not in the text
    stays as it is."""
    if not word.isascii():
        return word
    # A phrase's words as typed may be joined by a hyphen or several spaces (Hot-Pot).
    phrase = r"[\s\-]+".join(re.escape(part) for part in word.split())
    pattern = rf"(?<![A-Za-z0-9]){phrase}(?![A-Za-z0-9])"
    found = re.search(pattern, unicodedata.normalize("NFKC", text), re.IGNORECASE)
    return found.group(0) if found else word
