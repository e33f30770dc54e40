"""The platform's standard mutual non-disclosure agreement, by version.

The texts are in ``nda_texts/v<version>.<language>.txt``. A published version never changes
(parties confirmed that text); a new wording is a new version file set. The English,
Traditional Chinese (Hong Kong) and Simplified Chinese texts are equally authentic.
"""

from __future__ import annotations

from pathlib import Path

TEXTS = Path(__file__).with_name("nda_texts")
VERSIONS = (1,)


def nda_text(version: int, language: str) -> str:
    return (TEXTS / f"v{version}.{language}.txt").read_text(encoding="utf-8").strip()


def sync_nda_templates(apps: object) -> int:
    """Create any missing version; existing versions are never rewritten."""
    NDATemplate = apps.get_model("pipeline", "NDATemplate")  # type: ignore[attr-defined]
    for version in VERSIONS:
        NDATemplate.objects.get_or_create(
            version=version,
            defaults={
                "text_en": nda_text(version, "en"),
                "text_zh_hant": nda_text(version, "zh-hant"),
                "text_zh_hans": nda_text(version, "zh-hans"),
            },
        )
    return int(NDATemplate.objects.count())
