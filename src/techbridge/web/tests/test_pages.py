"""The public pages in three languages: home, search, listing, with disclosure tiers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import User
from techbridge.catalogue.models import ConfidentialView
from techbridge.catalogue.tests.published import CANARY, Catalogue
from techbridge.programme.models import CooperationArea

pytestmark = pytest.mark.django_db


def _url(name: str, language: str, *args: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", html.decode())


def _results(html: bytes) -> str:
    """The results part of a search page (the search box echoes the query)."""
    return _text(html).split('id="results"', 1)[1]


def _snippets(html: bytes) -> list[str]:
    return re.findall(r'<p class="snippet"[^>]*>(.*?)</p>', _text(html))


@pytest.mark.parametrize(
    ("accept", "prefix"),
    [("zh-HK", "/zh-hant/"), ("zh-TW", "/zh-hant/"), ("zh-CN", "/zh-hans/"), ("en-GB", "/en/")],
)
def test_bare_address_goes_to_the_browsers_language(
    client: Client, accept: str, prefix: str
) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == prefix


@pytest.mark.parametrize(
    ("language", "heading", "area_name"),
    [
        ("en", "Find technology and partners", "name_en"),
        ("zh-hant", "尋找", "name_zh_hant"),
        ("zh-hans", "寻找", "name_zh_hans"),
    ],
)
def test_home_counts_published_listings_per_area_in_each_language(
    client: Client, catalogue: Catalogue, language: str, heading: str, area_name: str
) -> None:
    response = client.get(_url("web:home", language))
    page = _text(response.content)
    assert response.status_code == 200
    assert heading in page
    area = CooperationArea.objects.get(code="innovation_technology")
    # The two published listings count; the draft does not.
    expected = f'<span class="area-name">{getattr(area, area_name)}</span> <strong>2</strong>'
    assert expected in page


def test_simplified_need_finds_english_offer_with_reasons(
    client: Client, catalogue: Catalogue
) -> None:
    response = client.get(_url("web:search", "zh-hans"), {"q": "超声 肿瘤", "kind": "offer"})
    page = _text(response.content)
    assert response.status_code == 200
    assert catalogue.offer.reference in page
    assert catalogue.need.reference not in page  # filtered out by kind
    assert "<mark>ultrasound</mark>" in page.lower()
    assert "“超声”" in page and "“ultrasound”" in page  # the translation is explained


def test_a_reason_quotes_the_word_as_typed(client: Client, catalogue: Catalogue) -> None:
    """The engine folds case; the reader's own word comes back as typed, not "tumours"."""
    response = client.get(_url("web:search", "en"), {"q": "Tumours", "kind": "offer"})
    page = _text(response.content)
    assert catalogue.offer.reference in page
    assert "“Tumours” found in:" in page
    assert "“tumours”" not in page


def test_confidential_text_never_reaches_anonymous_search_or_page(
    client: Client, catalogue: Catalogue
) -> None:
    search = client.get(_url("web:search", "en"), {"q": CANARY})
    assert CANARY not in _results(search.content)
    assert "Nothing found. Try fewer words or another language." in _results(search.content)
    page = client.get(_url("web:listing", "en", catalogue.offer.reference))
    assert page.status_code == 200
    assert CANARY not in page.content.decode()
    assert "available to registered users" in _text(page.content)
    assert not ConfidentialView.objects.exists()


def test_registered_reader_sees_detail_and_the_view_is_recorded(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    client.force_login(outsider)
    search = client.get(_url("web:search", "en"), {"q": CANARY})
    assert catalogue.offer.reference in search.content.decode()
    page = client.get(_url("web:listing", "en", catalogue.offer.reference))
    assert CANARY in page.content.decode()
    view = ConfidentialView.objects.get()
    assert (view.listing, view.viewer, view.organisation) == (
        catalogue.offer,
        outsider,
        outsider.memberships.get().organisation,
    )


def test_owner_reads_own_detail_without_a_confidential_view_record(
    client: Client, catalogue: Catalogue, officer: User
) -> None:
    client.force_login(officer)
    page = client.get(_url("web:listing", "en", catalogue.offer.reference))
    assert CANARY in page.content.decode()
    assert not ConfidentialView.objects.exists()


def test_draft_is_absent_for_others_and_visible_to_its_owner(
    client: Client, catalogue: Catalogue, officer: User, outsider: User
) -> None:
    url = _url("web:listing", "en", catalogue.draft.reference)
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_traditional_reader_sees_simplified_need_converted_and_marked(
    client: Client, catalogue: Catalogue
) -> None:
    page = _text(client.get(_url("web:listing", "zh-hant", catalogue.need.reference)).content)
    assert "尋求腫瘤超聲成像軟件" in page  # Hong Kong usage: 軟件
    assert "寻求" not in page
    assert "此內容原以簡體中文撰寫" in page


def test_search_snippets_follow_the_readers_script(client: Client, catalogue: Catalogue) -> None:
    snippets = _snippets(client.get(_url("web:search", "zh-hant"), {"q": "超聲"}).content)
    assert "重慶醫療器械企業尋求網絡化的<mark>超聲</mark>成像軟件。" in snippets
    assert not [snippet for snippet in snippets if "超声" in snippet or "软件" in snippet]


def test_browsing_without_a_query_lists_newest_first(client: Client, catalogue: Catalogue) -> None:
    page = _text(client.get(_url("web:search", "en")).content)
    assert "2 results" in page
    assert page.index(catalogue.need.reference) < page.index(catalogue.offer.reference)
    assert catalogue.draft.reference not in page


def test_facet_counts_keep_other_values_of_a_chosen_facet(
    client: Client, catalogue: Catalogue
) -> None:
    page = _text(client.get(_url("web:search", "en"), {"kind": "offer"}).content)
    assert "1 result" in page
    assert 'value="offer" checked> Technology offer <span class="count">(1)</span>' in page
    assert 'value="request"> Technology request <span class="count">(1)</span>' in page


def test_bad_trl_range_is_explained_in_the_readers_language(
    client: Client, catalogue: Catalogue
) -> None:
    page = _text(client.get(_url("web:search", "zh-hans"), {"trl_min": 7, "trl_max": 3}).content)
    assert "技术成熟度上限不得低于下限" in page


def test_search_page_query_count_is_fixed(
    client: Client, catalogue: Catalogue, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        client.get(_url("web:search", "en"), {"q": "ultrasound"})


def test_home_and_my_listings_query_counts_do_not_grow_with_the_catalogue(
    client: Client, catalogue: Catalogue, officer: User
) -> None:
    from techbridge.catalogue.tests.factories import create_offer

    def counts() -> tuple[int, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as home:
            client.get(_url("web:home", "en"))
        with CaptureQueriesContext(connection) as mine:
            client.get(_url("web:my_listings", "en"))
        return len(home), len(mine)

    client.force_login(officer)
    before = counts()
    for n in range(5):
        create_offer(officer, catalogue.offer.owner, keywords=(f"more{n}",))
    assert counts() == before


def test_expiry_mail_carries_no_confidential_text(catalogue: Catalogue) -> None:
    from django.core import mail

    from techbridge.catalogue.notifications import send_expiry_notice

    send_expiry_notice(catalogue.offer)
    assert mail.outbox
    for message in mail.outbox:
        assert CANARY not in message.subject + str(message.body)
