"""A result that lacks one of the typed words says which ("不含：软件"), in the reader's
script; a result that has them all, or a one-word search, says nothing of the kind; a query
with no indexable word finds nothing rather than everything."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from techbridge.catalogue.tests.published import Catalogue

pytestmark = pytest.mark.django_db


def _cards(html: str) -> dict[str, str]:
    """Each result card's HTML by the listing reference it shows."""
    out = {}
    for card in re.findall(
        r'<li class="result card">(.*?)</li>\s*(?=<li class="result card">|</ol>)', html, re.S
    ):
        reference = re.search(r"T[OR][HC][KQ]\d+", card)
        assert reference is not None
        out[reference.group(0)] = card
    return out


def test_a_result_lacking_a_typed_word_says_which(client: Client, catalogue: Catalogue) -> None:
    html = client.get("/zh-hans/search/", {"q": "超声 软件"}).content.decode()
    cards = _cards(html)
    assert set(cards) == {catalogue.offer.reference, catalogue.need.reference}
    # The English offer has ultrasound, not software; the Chinese need has both.
    assert '<p class="missing">不含：<s>软件</s></p>' in cards[catalogue.offer.reference]
    assert 'class="missing"' not in cards[catalogue.need.reference]

    traditional = client.get("/zh-hant/search/", {"q": "超聲 軟件"}).content.decode()
    assert "<s>軟件</s>" in _cards(traditional)[catalogue.offer.reference]
    # Two missing words: the enumeration comma in Chinese, a space in English.
    two = client.get("/zh-hant/search/", {"q": "超聲 軟件 咖啡"}).content.decode()
    assert (
        '<p class="missing">不含：<s>軟件</s>、<s>咖啡</s></p>'
        in _cards(two)[catalogue.offer.reference]
    )
    english = client.get("/en/search/", {"q": "ultrasound software coffee"}).content.decode()
    assert (
        '<p class="missing">Missing: <s>software</s> <s>coffee</s></p>'
        in _cards(english)[catalogue.offer.reference]
    )

    single = client.get("/zh-hans/search/", {"q": "超声"}).content.decode()
    assert 'class="missing"' not in single


def test_a_query_with_no_indexable_word_finds_nothing(client: Client, catalogue: Catalogue) -> None:
    for query in ("the of and", "？？？"):
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert _cards(html) == {}
        assert "Nothing found. Try fewer words or another language." in html
        assert "0 results" not in html  # the sentence says it once
    filtered = client.get("/en/search/", {"q": "nothingmatcheszq", "kind": "offer"})
    assert "Try fewer words, another language, or remove filters." in filtered.content.decode()
    browse = client.get("/en/search/").content.decode()
    assert len(_cards(browse)) == 2  # an empty box still lists the published listings
