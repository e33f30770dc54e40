"""The platform's standard mutual non-disclosure agreement, by version.

The texts are in ``nda_texts/v<version>.<language>.txt``. A published version never changes
(parties confirmed that text); a new wording is a new version file set. From version 2 the
text names its governing law and forum, chosen per deal from ``v<version>.law.json``, and says
which language prevails (English under Hong Kong law, Simplified Chinese under PRC law).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from string import Template
from typing import Any

TEXTS = Path(__file__).with_name("nda_texts")
VERSIONS = (1, 2)
LANGUAGES = ("en", "zh-hant", "zh-hans")
PREVAILING_BY_LAW = {"hk_courts": "en", "hk_hkiac": "en", "prc_cietac": "zh-hans"}


def nda_text(version: int, language: str) -> str:
    return (TEXTS / f"v{version}.{language}.txt").read_text(encoding="utf-8").strip()


def nda_clauses(version: int) -> dict[str, Any]:
    law = TEXTS / f"v{version}.law.json"
    if not law.exists():
        return {}
    prevailing = TEXTS / f"v{version}.prevailing.json"
    return {
        "law": json.loads(law.read_text(encoding="utf-8")),
        "prevailing": json.loads(prevailing.read_text(encoding="utf-8")),
    }


def default_law(owner_region: str) -> str:
    """What the standard NDA proposes: arbitration in Hong Kong for a Hong Kong or overseas
    owner (its awards are enforced on the mainland under the 2000 arrangement), CIETAC for
    a mainland owner. Either party may change it before both confirm."""
    return "hk_hkiac" if owner_region in ("hk", "intl") else "prc_cietac"


def render_nda(texts: dict[str, str], clauses: dict[str, Any], law: str, language: str) -> str:
    """The text the parties confirm, in one language, with the chosen law filled in."""
    text = texts[language]
    if not clauses or not law:
        return text
    return Template(text).safe_substitute(
        governing_law=clauses["law"][law][language],
        prevailing_language=clauses["prevailing"][PREVAILING_BY_LAW[law]][language],
    )


def nda_fingerprint(texts: dict[str, str], clauses: dict[str, Any], law: str) -> str:
    """SHA-256 of the three language versions as agreed, so a copy can be checked later."""
    agreed = "\n\n".join(render_nda(texts, clauses, law, language) for language in LANGUAGES)
    return hashlib.sha256(agreed.encode("utf-8")).hexdigest()


def sync_nda_templates(apps: object, versions: tuple[int, ...] = VERSIONS) -> int:
    """Create any missing version; existing versions are never rewritten. (A migration names
    the versions its model state can hold.)"""
    NDATemplate = apps.get_model("pipeline", "NDATemplate")  # type: ignore[attr-defined]
    for version in versions:
        defaults: dict[str, Any] = {
            "text_en": nda_text(version, "en"),
            "text_zh_hant": nda_text(version, "zh-hant"),
            "text_zh_hans": nda_text(version, "zh-hans"),
        }
        clauses = nda_clauses(version)
        if clauses:
            defaults["clauses"] = clauses
        NDATemplate.objects.get_or_create(version=version, defaults=defaults)
    return int(NDATemplate.objects.count())
