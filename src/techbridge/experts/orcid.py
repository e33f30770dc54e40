"""ORCID iDs: sixteen characters in four groups, the last a check character computed with
ISO 7064 MOD 11-2 over the first fifteen digits (https://support.orcid.org, "Structure of the
ORCID Identifier")."""

from __future__ import annotations

import re

_ORCID_URL_PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/")
_SHAPE = re.compile(r"^\d{15}[\dX]$")


def check_character(base_digits: str) -> str:
    """The ISO 7064 MOD 11-2 check character for fifteen digits ("X" stands for ten)."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(value: str) -> str:
    """``value`` as stored (``0000-0002-1825-0097``): accepts the iD with or without hyphens
    or spaces, as a URL, lower-case x; raises ValueError when it is not a valid iD."""
    text = value.strip()
    for prefix in _ORCID_URL_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    compact = re.sub(r"[\s-]", "", text).upper()
    if not _SHAPE.match(compact):
        raise ValueError("an ORCID iD has sixteen characters: fifteen digits and a check digit")
    if check_character(compact[:15]) != compact[15]:
        raise ValueError("the ORCID iD's check digit does not match")
    return "-".join(compact[i : i + 4] for i in range(0, 16, 4))
