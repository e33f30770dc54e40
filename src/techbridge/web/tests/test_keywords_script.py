"""Keywords are stored as they were typed, in one script; a Chinese page shows them in its own
script, beside a text converted to it, and an English page as typed."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from techbridge.catalogue.tests.published import Catalogue

pytestmark = pytest.mark.django_db

KEYWORDS = re.compile(r"<dt>(?:Technology keywords|技術關鍵詞|技术关键词)</dt><dd>([^<]*)</dd>")


@pytest.mark.parametrize(
    ("language", "shown"),
    [("zh-hant", "超聲"), ("zh-hans", "超声"), ("en", "超声")],
)
def test_keywords_follow_the_readers_script(
    client: Client, catalogue: Catalogue, language: str, shown: str
) -> None:
    # The need's keyword was typed in Simplified: 超声.
    page = client.get(f"/{language}/listings/{catalogue.need.reference}/")
    assert page.status_code == 200
    assert KEYWORDS.findall(unescape(page.content.decode())) == [shown]


@pytest.mark.parametrize(
    ("language", "term", "separator"),
    [
        ("en", "Partnership sought", "; "),
        ("zh-hant", "尋求的合作方式", "、"),
        ("zh-hans", "寻求的合作方式", "、"),
    ],
)
def test_a_list_of_names_is_separated_as_the_language_writes_it(
    client: Client, catalogue: Catalogue, language: str, term: str, separator: str
) -> None:
    page = unescape(
        client.get(f"/{language}/listings/{catalogue.offer.reference}/").content.decode()
    )
    (listed,) = re.findall(rf"<dt>{term}</dt><dd>([^<]*)</dd>", page)
    # The offer seeks two partnership types: a licence and joint R&D.
    assert len(listed.split(separator)) == 2
    assert ";" not in listed if separator == "、" else "、" not in listed
