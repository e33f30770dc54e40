"""A result that lacks one of the typed words says which ("不含：软件"), in the reader's
script; a result that has them all says nothing of the kind; a query
with no indexable word finds nothing rather than everything."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.services import listing_create, listing_publish, listing_submit_for_review
from techbridge.catalogue.services.inputs import TextInput
from techbridge.catalogue.tests.factories import need_input_zh_hans
from techbridge.catalogue.tests.published import Catalogue
from techbridge.matching.upkeep import index_rebuild

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

    # Typed in capitals, the words compare as typed with what was found and are shown so.
    capitals = client.get("/en/search/", {"q": "Ultrasound Software"}).content.decode()
    assert (
        '<p class="missing">Missing: <s>Software</s></p>'
        in _cards(capitals)[catalogue.offer.reference]
    )
    assert 'class="missing"' not in _cards(capitals)[catalogue.need.reference]

    single = client.get("/zh-hans/search/", {"q": "超声"}).content.decode()
    assert 'class="missing"' not in single


def test_a_query_with_no_indexable_word_finds_nothing(client: Client, catalogue: Catalogue) -> None:
    for query in ("the of and", "？？？"):
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert _cards(html) == {}
        # Not "try fewer words": there was no word to look for.
        assert "Nothing to search for: the words typed are too common, or only punctuation." in html
        assert "Try fewer words" not in html
        assert "0 results" not in html  # the sentence says it once
        chinese = client.get("/zh-hans/search/", {"q": query}).content.decode()
        assert "没有可搜索的词：输入的词过于常用，或只有标点符号。" in chinese
    unmatched = client.get("/en/search/", {"q": "nothingmatcheszq"}).content.decode()
    assert "Nothing found. Try fewer words or another language." in unmatched
    filtered = client.get("/en/search/", {"q": "nothingmatcheszq", "kind": "offer"})
    assert "Try fewer words, another language, or remove filters." in filtered.content.decode()
    browse = client.get("/en/search/").content.decode()
    assert len(_cards(browse)) == 2  # an empty box still lists the published listings


def test_a_one_word_search_says_what_a_hit_lacks_when_nothing_explains_it(
    client: Client,
    catalogue: Catalogue,
    outsider: User,
    reviewer: User,
    cq_enterprise: Organisation,
) -> None:
    """A test ground with a lift is ranked for "fall detection" on "fall" (升降, rise and fall)
    and "detect" (测试) from two words of its dictionary translation; its card says the phrase
    is missing rather than showing nothing at all."""
    arena = need_input_zh_hans(
        cq_enterprise,
        texts={"zh-hans": TextInput(title="室内测试场设有升降机", summary="机器人测试场。")},
        keywords=(),
    )
    listing = listing_create(actor=outsider, data=arena)
    listing_submit_for_review(actor=outsider, listing=listing)
    listing_publish(actor=reviewer, listing=listing)
    index_rebuild()
    html = client.get("/en/search/", {"q": "fall detection"}).content.decode()
    assert (
        '<p class="missing">Missing: <s>fall detection</s></p>' in _cards(html)[listing.reference]
    )
