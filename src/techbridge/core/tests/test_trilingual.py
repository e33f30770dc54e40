"""A text kept in English, Traditional and Simplified Chinese, as each reader sees it: their own
language, else the other Chinese script converted (Chinese readers), else the original as
entered."""

from __future__ import annotations

import pytest
from django.utils import translation

from techbridge.catalogue.models import Sector
from techbridge.core.scripts import in_reader_language, text_for_language

HANS, HANT = "冷冻电镜", "冷凍電鏡"


@pytest.mark.parametrize(
    ("language", "columns", "original", "shown"),
    [
        # The reader's own column first.
        ("en", ("Cryo-EM", HANT, HANS), "zh-hans", "Cryo-EM"),
        ("zh-hant", ("Cryo-EM", HANT, HANS), "", HANT),
        ("zh-hans", ("Cryo-EM", HANT, HANS), "", HANS),
        # A Chinese reader gets the other script converted before any English.
        ("zh-hant", ("Cryo-EM", "", HANS), "en", HANT),
        ("zh-hans", ("Cryo-EM", HANT, ""), "en", HANS),
        # Chinese readers with English only.
        ("zh-hant", ("Cryo-EM", "", ""), "", "Cryo-EM"),
        # English readers without English: the original script as entered, not a conversion.
        ("en", ("", HANT, HANS), "zh-hans", HANS),
        ("en", ("", HANT, HANS), "zh-hant", HANT),
        ("en", ("", "", HANS), "", HANS),
        ("en", ("", HANT, ""), "", HANT),
        # Unknown original with both scripts: Traditional, as before.
        ("en", ("", HANT, HANS), "", HANT),
        # An original whose column is empty falls through to any text.
        ("en", ("", "", HANS), "zh-hant", HANS),
    ],
)
def test_text_for_language(
    language: str, columns: tuple[str, str, str], original: str, shown: str
) -> None:
    assert text_for_language(language, *columns, original) == shown


def test_the_original_is_asked_only_when_needed() -> None:
    asked: list[str] = []

    def original() -> str:
        asked.append("asked")
        return "zh-hans"

    assert text_for_language("en", "Cryo-EM", HANT, HANS, original) == "Cryo-EM"
    assert text_for_language("zh-hant", "", "", HANS, original) == HANT
    assert asked == []
    assert text_for_language("en", "", HANT, HANS, original) == HANS
    assert asked == ["asked"]


def test_in_reader_language_follows_the_active_language() -> None:
    with translation.override("zh-hant"):
        assert in_reader_language("", "", HANS) == HANT
    with translation.override("en"):
        assert in_reader_language("", HANT, HANS, "zh-hans") == HANS


@pytest.mark.django_db
def test_trilingual_name_model_uses_the_same_order() -> None:
    sector = Sector(name_en="", name_zh_hant="", name_zh_hans="生物医药")
    assert sector.name_in("en") == "生物医药"
    assert sector.name_in("zh-hant") == "生物醫藥"
    assert sector.name_in("zh-hans") == "生物医药"
    with translation.override("zh-hant"):
        assert sector.name == str(sector) == "生物醫藥"
