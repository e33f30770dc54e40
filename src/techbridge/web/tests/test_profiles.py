"""Organisation profiles and expert profiles as the public reads them, and experts found by
search. An anonymous listing never appears on its owner's profile or an expert's page, and
never names its experts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.tests.factories import offer_input
from techbridge.catalogue.tests.published import Catalogue
from techbridge.experts.models import ExpertProfile
from techbridge.experts.services import (
    ExpertInput,
    PublicationInput,
    expert_create,
    expert_set_published,
)
from techbridge.facilities.models import Instrument
from techbridge.matching.changelog import all_documents
from techbridge.matching.upkeep import index_catch_up
from techbridge.pipeline.tests.fixtures import publish

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _expert(officer: User, institution: Organisation, *references: str) -> ExpertProfile:
    data = ExpertInput(
        name_en="Chan Siu-ming",
        name_zh_hant="陳兆明",
        name_zh_hans="陈兆明",
        position_en="Professor of Acoustic Imaging",
        area_codes=("innovation_technology",),
        keywords=("beamforming",),
        orcid="0000-0002-1825-0097",
        publications=(
            PublicationInput(
                "Sparse arrays for handheld ultrasound", 2023, "10.5555/sparse-arrays"
            ),
        ),
        listing_references=references,
    )
    return expert_create(actor=officer, institution=institution, data=data)


@pytest.fixture
def anonymous_offer(officer: User, reviewer: User, hk_university: Organisation) -> Listing:
    english = offer_input(hk_university).texts["en"]
    texts = {"en": replace(english, title="Zqxhidden anonymous probe")}
    data = offer_input(hk_university, is_anonymous=True, texts=texts, keywords=("hidden",))
    return publish(officer, reviewer, listing_create(actor=officer, data=data))


def test_an_expert_page_exists_only_once_published(
    client: Client, catalogue: Catalogue, officer: User, hk_university: Organisation
) -> None:
    expert = _expert(officer, hk_university, catalogue.offer.reference)
    assert client.get(url("web:expert", expert.pk)).status_code == 404

    expert_set_published(actor=officer, expert=expert, published=True)
    page = client.get(url("web:expert", expert.pk)).content.decode()
    assert "<h1>Chan Siu-ming</h1>" in page
    assert "陳兆明" in page and "陈兆明" in page  # the name in all three scripts
    assert "Professor of Acoustic Imaging" in page
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in page
    assert 'href="https://doi.org/10.5555/sparse-arrays"' in page
    assert url("web:listing", catalogue.offer.reference) in page
    assert url("web:organisation", hk_university.slug) in page

    expert_set_published(actor=officer, expert=expert, published=False)
    assert client.get(url("web:expert", expert.pk)).status_code == 404


def test_a_listing_names_its_published_experts_but_an_anonymous_one_never(
    client: Client,
    catalogue: Catalogue,
    officer: User,
    hk_university: Organisation,
    anonymous_offer: Listing,
) -> None:
    expert = _expert(officer, hk_university, catalogue.offer.reference, anonymous_offer.reference)
    listing_page = client.get(url("web:listing", catalogue.offer.reference)).content.decode()
    assert url("web:expert", expert.pk) not in listing_page  # not published yet

    expert_set_published(actor=officer, expert=expert, published=True)
    listing_page = client.get(url("web:listing", catalogue.offer.reference)).content.decode()
    assert f'<a href="{url("web:expert", expert.pk)}">Chan Siu-ming</a>' in listing_page
    assert f'href="{url("web:organisation", hk_university.slug)}"' in listing_page

    hidden = client.get(url("web:listing", anonymous_offer.reference)).content.decode()
    assert "Zqxhidden anonymous probe" in hidden
    assert "Chan Siu-ming" not in hidden
    assert url("web:expert", expert.pk) not in hidden
    assert hk_university.slug not in hidden

    expert_page = client.get(url("web:expert", expert.pk)).content.decode()
    assert catalogue.offer.reference in expert_page
    assert anonymous_offer.reference not in expert_page
    assert "Zqxhidden" not in expert_page


def test_the_organisation_profile_shows_published_non_anonymous_listings_and_instruments(
    client: Client,
    catalogue: Catalogue,
    officer: User,
    hk_university: Organisation,
    anonymous_offer: Listing,
) -> None:
    hk_university.about_en = "A research university in Kowloon."
    hk_university.is_verified, hk_university.verified_at = True, timezone.now()
    hk_university.website = "https://uni.example.org"
    hk_university.save()
    microscope = Instrument.objects.create(
        organisation=hk_university, name_en="Zqx Electron Microscope", category="imaging"
    )
    Instrument.objects.create(
        organisation=hk_university,
        name_en="Zqx Retired Lathe",
        category="fabrication",
        is_active=False,
    )
    Instrument.objects.create(
        organisation=hk_university,
        name_en="Zqx Anonymous Rig",
        category="imaging",
        listing=anonymous_offer,
    )
    expert = _expert(officer, hk_university)
    expert_set_published(actor=officer, expert=expert, published=True)

    response = client.get(url("web:organisation", hk_university.slug))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Test HK University" in page and "verified" in page
    assert "A research university in Kowloon." in page
    assert 'href="https://uni.example.org"' in page
    assert url("web:listing", catalogue.offer.reference) in page
    assert catalogue.draft.reference not in page  # not published
    assert anonymous_offer.reference not in page and "Zqxhidden" not in page
    assert catalogue.need.reference not in page  # another organisation's
    assert f'href="{url("web:instrument", microscope.pk)}"' in page
    assert "Zqx Retired Lathe" not in page
    assert "Zqx Anonymous Rig" not in page
    assert url("web:expert", expert.pk) in page

    assert client.get(url("web:organisation", "no-such-organisation")).status_code == 404


def test_cards_link_the_owner_to_its_profile_unless_anonymous(
    client: Client, catalogue: Catalogue, hk_university: Organisation, anonymous_offer: Listing
) -> None:
    index_catch_up()
    results = client.get(url("web:search"), {"q": "ultrasound"}).content.decode()
    assert anonymous_offer.reference in results and catalogue.offer.reference in results
    assert results.count(f'href="{url("web:organisation", hk_university.slug)}"') == 1


def test_the_administrator_edits_the_about_text_others_are_refused(
    client: Client, officer: User, outsider: User, hk_university: Organisation
) -> None:
    form = {
        "name_en": "Test HK University",
        "name_zh_hant": "測試香港大學",
        "name_zh_hans": "",
        "org_type": hk_university.org_type,
        "region": hk_university.region,
        "size_band": "",
        "website": "",
        "about_en": "Teaching and research.",
        "about_zh_hant": "教學與研究。",
        "about_zh_hans": "",
    }
    client.force_login(outsider)
    assert client.post(url("web:organisation_edit", hk_university.slug), form).status_code == 403
    hk_university.refresh_from_db()
    assert (hk_university.about_en, hk_university.name_zh_hant) == ("", "")

    client.force_login(officer)
    response = client.post(url("web:organisation_edit", hk_university.slug), form)
    assert response.status_code == 302
    hk_university.refresh_from_db()
    assert (hk_university.about_en, hk_university.about_zh_hant) == (
        "Teaching and research.",
        "教學與研究。",
    )
    page = client.get(url("web:organisation", hk_university.slug, language="zh-hant"))
    assert "教學與研究。" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "query"),
    [("en", "Chan Siu-ming"), ("zh-hans", "陈兆明"), ("zh-hant", "陳兆明"), ("en", "beamforming")],
)
def test_search_finds_a_published_expert_by_name_or_field(
    client: Client,
    catalogue: Catalogue,
    officer: User,
    hk_university: Organisation,
    language: str,
    query: str,
) -> None:
    expert = _expert(officer, hk_university)
    index_catch_up()
    link = f'href="{url("web:expert", expert.pk, language=language)}"'
    page = client.get(url("web:search", language=language), {"q": query}).content.decode()
    assert link not in page  # not published: not searchable

    expert_set_published(actor=officer, expert=expert, published=True)
    index_catch_up()
    page = client.get(url("web:search", language=language), {"q": query}).content.decode()
    assert link in page
    # The listing results and their counts are listings only.
    assert f"expert:{expert.pk}" not in page
    if query == "Chan Siu-ming":  # found as a person only: the listings say they found none
        listings = page.split("<h2>Listings</h2>", 1)[1]
        assert '<p class="muted">0 results</p>' in listings
        assert "empty-state" not in listings

    ids = {document.id for document in all_documents()}
    assert f"expert:{expert.pk}" in ids


def test_a_withdrawn_expert_leaves_search(
    client: Client, catalogue: Catalogue, officer: User, hk_university: Organisation
) -> None:
    expert = _expert(officer, hk_university)
    expert_set_published(actor=officer, expert=expert, published=True)
    index_catch_up()
    link = f'href="{url("web:expert", expert.pk)}"'
    assert link in client.get(url("web:search"), {"q": "陈兆明"}).content.decode()
    expert_set_published(actor=officer, expert=expert, published=False)
    # Even before the index hears of it, the database decides.
    assert link not in client.get(url("web:search"), {"q": "陈兆明"}).content.decode()
    index_catch_up()
    assert link not in client.get(url("web:search"), {"q": "陈兆明"}).content.decode()
    assert f"expert:{expert.pk}" not in {document.id for document in all_documents()}


def test_a_member_adds_an_expert_on_the_page_and_an_administrator_makes_it_public(
    client: Client,
    catalogue: Catalogue,
    officer: User,
    outsider: User,
    hk_university: Organisation,
) -> None:
    from techbridge.accounts.choices import MembershipRole
    from techbridge.accounts.tests.factories import member_of

    member = member_of(hk_university, MembershipRole.MEMBER, email="member@hk.example.org")
    form = {
        "name_en": "Ho Ka-lok",
        "name_zh_hant": "何家樂",
        "name_zh_hans": "何家乐",
        "position_en": "Research fellow",
        "areas": ["innovation_technology"],
        "keywords": "acoustics, 超声",
        "orcid": "0000 0002 1825 0097",
        "publications": "2022 | Quiet probes | 10.5555/quiet\nUntitled notes",
        "patents": "hk | HK30099999 | Probe grip",
        "listings": [catalogue.offer.reference],
        "is_published": "on",
    }
    new = url("web:expert_new", hk_university.slug)

    client.force_login(outsider)
    assert client.get(new).status_code == 403
    assert client.post(new, form).status_code == 403
    assert not ExpertProfile.objects.exists()

    client.force_login(member)
    page = client.get(new).content.decode()
    assert 'name="is_published"' not in page  # only administrators make a profile public
    assert client.post(new, form).status_code == 302
    expert = ExpertProfile.objects.get()
    assert (expert.name_zh_hans, expert.orcid, expert.is_published) == (
        "何家乐",
        "0000-0002-1825-0097",
        False,
    )
    assert expert.keywords == ["acoustics", "超声"]
    assert expert.publications == [
        {"title": "Quiet probes", "year": 2022, "link": "https://doi.org/10.5555/quiet"},
        {"title": "Untitled notes", "year": None, "link": ""},
    ]
    assert expert.patents == [{"number": "HK30099999", "territory": "HK", "title": "Probe grip"}]
    assert list(expert.listings.all()) == [catalogue.offer]

    bad = client.post(url("web:expert_edit", expert.pk), {**form, "orcid": "0000-0002-1825-0098"})
    assert bad.status_code == 400
    assert "not a valid ORCID iD" in bad.content.decode()
    expert.refresh_from_db()
    assert expert.orcid == "0000-0002-1825-0097"

    client.force_login(officer)
    assert client.post(url("web:expert_edit", expert.pk), form).status_code == 302
    expert.refresh_from_db()
    assert expert.is_published
    assert client.get(url("web:expert", expert.pk)).status_code == 200
