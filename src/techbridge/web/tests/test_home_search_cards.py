"""The home page's newest listings, search results as cards, and the grouped header menu."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.choices import DisclosureTier
from techbridge.catalogue.models import Listing
from techbridge.catalogue.selectors import recent_public_listings, recent_public_listings_by_area
from techbridge.catalogue.services import listing_create, listing_publish, listing_submit_for_review
from techbridge.catalogue.tests.factories import offer_input
from techbridge.catalogue.tests.published import Catalogue
from techbridge.matching.upkeep import index_rebuild

pytestmark = pytest.mark.django_db


def _url(name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name)


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", html.decode())


def _cards(page: str, cls: str = "card") -> list[str]:
    return re.findall(rf'<li class="{cls}">(.*?)</li> (?=<li class="{cls}">|</ul>)', page)


def _publish(actor: User, reviewer: User, listing: Listing) -> Listing:
    listing_submit_for_review(actor=actor, listing=listing)
    return listing_publish(actor=reviewer, listing=listing)


def _offer(
    officer: User, reviewer: User, owner: Organisation, title: str, **changes: object
) -> Listing:
    data = offer_input(owner, **changes)
    english = replace(data.texts["en"], title=title)
    data = replace(data, texts={"en": english})
    return _publish(officer, reviewer, listing_create(actor=officer, data=data))


@pytest.fixture
def more(
    catalogue: Catalogue, officer: User, reviewer: User, hk_university: Organisation
) -> dict[str, Listing]:
    listings = {
        "anonymous": _offer(
            officer, reviewer, hk_university, "Anonymous sensor offer", is_anonymous=True
        ),
        "members": _offer(
            officer,
            reviewer,
            hk_university,
            "Members only teaser",
            teaser_tier=DisclosureTier.REGISTERED,
            detail_tier=DisclosureTier.REGISTERED,
        ),
    }
    index_rebuild()
    return listings


def test_recent_public_listings_are_newest_first_and_public_only(
    catalogue: Catalogue, more: dict[str, Listing]
) -> None:
    recent = recent_public_listings(8)
    assert recent == [more["anonymous"], catalogue.need, catalogue.offer]
    by_area = recent_public_listings_by_area(per_area=2)
    assert [(area.code, listings) for area, listings in by_area] == [
        ("innovation_technology", [more["anonymous"], catalogue.need])
    ]


def test_home_shows_recent_teasers_as_cards_without_naming_anonymous_owners(
    client: Client,
    catalogue: Catalogue,
    more: dict[str, Listing],
    outsider: User,
    hk_university: Organisation,
) -> None:
    client.force_login(outsider)  # signed in or not, the home page shows public teasers only
    page = _text(client.get(_url("web:home")).content)
    recent = page.split('id="recent-heading"', 1)[1].split("</section>", 1)[0]
    cards = _cards(recent)
    assert len(cards) == 3
    assert [re.search(r'class="muted">([A-Z0-9]+)</span>', card)[1] for card in cards] == [  # type: ignore[index]
        more["anonymous"].reference,
        catalogue.need.reference,
        catalogue.offer.reference,
    ]
    assert "Anonymous sensor offer" in cards[0] and "Not disclosed" in cards[0]
    assert hk_university.name not in cards[0]
    assert "Hong Kong" in cards[0] and "TRL 6" in cards[0] and "Published" in cards[0]
    assert "Innovation and technology" in cards[0]
    assert hk_university.name in cards[2]
    assert "Members only teaser" not in page
    assert more["members"].reference not in page
    assert catalogue.draft.reference not in page


def test_search_results_are_cards_with_owner_region_date_and_no_title_snippet(
    client: Client, catalogue: Catalogue, more: dict[str, Listing], hk_university: Organisation
) -> None:
    page = _text(client.get(_url("web:search"), {"q": "sensor"}).content)
    results = page.split('id="results"', 1)[1]
    card = re.search(r'<li class="result card">(.*?)</li> </ol>', results)
    assert card is not None
    assert "Anonymous sensor offer" in card[1] and "Not disclosed" in card[1]
    assert hk_university.name not in card[1]
    snippets = re.findall(r'<p class="snippet"[^>]*>(.*?)</p>', card[1])
    # The only match is in the title: no snippet repeats it, the summary is quoted instead.
    assert snippets == [more["anonymous"].texts.get(language="en").summary]
    assert card[1].count("Anonymous sensor offer") == 1  # the heading only
    assert "<mark>" not in card[1].split('class="why"', 1)[0]

    named = _text(client.get(_url("web:search"), {"q": "ultrasound"}).content)
    assert hk_university.name in named.split('id="results"', 1)[1]


def test_search_hides_empty_facets_and_folds_filters_before_the_results(
    client: Client, catalogue: Catalogue
) -> None:
    page = _text(client.get(_url("web:search"), {"q": "nothingmatcheszq"}).content)
    assert "Nothing found. Try fewer words or another language." in page
    assert "0 results" not in page and "remove filters" not in page  # none applied
    assert "No values among the matches." not in page
    assert "<legend>Kind</legend>" not in page
    assert "Technology readiness (TRL)" in page  # the range can still be set
    filters = page.index('<details class="filters" id="filters"> <summary>Filters</summary>')
    assert page.index('class="searchbar"') < filters < page.index('id="results"')
    assert 'class="empty-state"' in page


def test_search_htmx_swaps_the_cards_alone(client: Client, catalogue: Catalogue) -> None:
    response = client.get(_url("web:search"), {"q": "ultrasound"}, HTTP_HX_REQUEST="true")
    fragment = _text(response.content)
    assert "<html" not in fragment and '<details class="filters"' not in fragment
    assert fragment.count('<li class="result card">') == 2
    assert catalogue.offer.reference in fragment


MENU_LINKS = (
    "My listings",
    "My deals",
    "My bookings",
    "My organisations",
    "Alerts",
    "API tokens",
    "Preferences",
    "Your personal data",
)


def test_header_groups_personal_links_in_one_menu(client: Client, officer: User) -> None:
    anonymous = _text(client.get(_url("web:home")).content)
    header = anonymous.split("</header>", 1)[0]
    assert 'id="my-menu"' not in header and 'class="bell"' not in header
    assert ">Log in</a>" in header and ">Create an account</a>" in header

    client.force_login(officer)
    header = _text(client.get(_url("web:home")).content).split("</header>", 1)[0]
    top, group = header.split('<details class="nav-group" id="my-menu">', 1)
    group = group.split("</details>", 1)[0]
    for text in ("Search the catalogue", "Instruments", "Cooperation programme", "Organisations"):
        assert f">{text}</a>" in top
    assert "<summary>My techbridge</summary>" in group
    assert [
        re.sub(r"<.*?>", "", link) for link in re.findall(r"<li>(<a .*?</a>)</li>", group)
    ] == list(MENU_LINKS)
    assert "Log out" in group and "Review queue" not in group  # staff links for staff only
    # The bell stays outside the menu; on a phone it is an icon that keeps its name.
    assert '<span class="visually-hidden-narrow">Notifications</span></a>' in top


def test_staff_links_sit_in_the_same_menu(client: Client, reviewer: User) -> None:
    client.force_login(reviewer)
    # Staff are asked for their second factor first: that page has the same header.
    response = client.get(_url("web:home"), follow=True)
    header = _text(response.content).split("</header>", 1)[0]
    group = header.split('id="my-menu">', 1)[1].split("</details>", 1)[0]
    for text in ("Transfer funnel", "Review queue", "Administration"):
        assert f">{text}</a>" in group
