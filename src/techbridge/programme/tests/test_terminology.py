"""One term for one thing in each Chinese catalogue: Hong Kong government usage in 繁體
(發布, 合作範疇, 匯總, 伺服器), and the Conference named 港渝 in both scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext


def _msgstrs(locale: str) -> str:
    root = Path(settings.LOCALE_PATHS[0])
    lines = (root / locale / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8").splitlines()
    out, in_msgstr = [], False
    for line in lines:
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if in_msgstr:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("avoided", ["發佈", "合作領域", "彙總", "服務器", "軟體", "網路"])
def test_traditional_catalogue_uses_hong_kong_terms(avoided: str) -> None:
    assert avoided not in _msgstrs("zh_Hant")


def test_the_conference_is_hong_kong_chongqing_in_both_scripts() -> None:
    assert "渝港合作" not in _msgstrs("zh_Hans")
    assert "渝港科技" not in _msgstrs("zh_Hans")
    with translation.override("zh-hant"):
        assert "伺服器" in gettext(
            "PDF reports need the Pango library on the server (Debian: libpango-1.0-0)."
        )


@pytest.mark.parametrize(
    ("language", "figure", "money"), [("zh-hant", "數值", "金額"), ("zh-hans", "数值", "金额")]
)
def test_an_indicator_value_is_not_an_amount(language: str, figure: str, money: str) -> None:
    with translation.override(language):
        assert pgettext("indicator value", "Value") == figure
        assert gettext("Value") == money


@pytest.mark.parametrize(
    ("language", "locale", "item", "avoided"),
    [
        ("zh-hant", "zh_Hant", "合作事項", "合作項目"),
        ("zh-hans", "zh_Hans", "合作事项", "合作项目"),
    ],
)
def test_a_cooperation_item_is_one_term(
    language: str, locale: str, item: str, avoided: str
) -> None:
    """A cooperation item of the programme is 合作事項 / 合作事项 everywhere: 項目 / 项目 is what
    the catalogue calls a listing, so "合作項目" would read as a listing."""
    assert avoided not in _msgstrs(locale)
    with translation.override(language):
        for msgid in ("Cooperation item", "Cooperation items", "cooperation item"):
            assert gettext(msgid) == item
        assert gettext("cooperation items") == item
        assert item in gettext("Roll-up from items to areas to the mechanism")
