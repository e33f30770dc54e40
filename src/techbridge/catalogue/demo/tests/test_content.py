"""Checks of the demo catalogue data: counts, codes, owners, IP shares and scripts.

Plain pytest, no database: the content is pure data.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from opencc import OpenCC

from techbridge.accounts.choices import OrganisationType, Region, SizeBand
from techbridge.accounts.reference_data import INSTITUTIONS, INSTITUTIONS_BY_KEY
from techbridge.catalogue.choices import (
    Currency,
    IPRightStatus,
    IPRightType,
    IPStatus,
    IPTerritory,
    ListingKind,
    PartnershipType,
    PriceTerms,
)
from techbridge.catalogue.demo.content import (
    ADDED_TOPICS,
    TOPICS,
    demo_listings,
    demo_organisations,
)
from techbridge.catalogue.reference_data import SECTOR_CODES, SECTORS

AREAS = {
    "trade",
    "finance",
    "innovation_technology",
    "logistics",
    "tourism",
    "education",
    "talent_exchange",
    "youth_development",
    "legal_services",
    "chinese_medicine",
    "hk_residents",
}
LANGUAGES = {"en", "zh-hant", "zh-hans"}
TEXT_FIELDS = ("title", "summary", "description", "advantages", "requirements")

_T2S = OpenCC("t2s")
_S2HK = OpenCC("s2hk")
# Characters that are correct in Hong Kong Traditional text although OpenCC's
# Simplified-to-Traditional table would rewrite them (干擾, 公里, 批准, 臨床, 平台 ...).
_SHARED_CHARACTERS = set("床台游群峰干里厘准")


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _simplified_only(text: str) -> list[str]:
    """Characters that exist only in Simplified Chinese."""
    return [
        c
        for c in text
        if _is_han(c)
        and c not in _SHARED_CHARACTERS
        and _T2S.convert(c) == c
        and _S2HK.convert(c) != c
    ]


LISTINGS = demo_listings()
ORGANISATIONS = demo_organisations()
OWNER_KEYS = {o.key for o in ORGANISATIONS} | set(INSTITUTIONS_BY_KEY)


def test_listing_count():
    assert len(LISTINGS) >= 320


def test_every_kind_present():
    kinds = Counter(listing.kind for listing in LISTINGS)
    assert set(kinds) == set(ListingKind.values)


def test_every_area_present_and_no_unknown_area():
    used = {area for listing in LISTINGS for area in listing.areas}
    assert used == AREAS


def test_every_language_is_an_original_language():
    originals = Counter(listing.texts[0].language for listing in LISTINGS)
    assert set(originals) == LANGUAGES


def test_external_refs_unique_and_well_formed():
    refs = [listing.external_ref for listing in LISTINGS]
    assert len(refs) == len(set(refs))
    assert all(ref.startswith("DEMO-") for ref in refs)


def test_listings_are_deterministic():
    demo_listings.cache_clear()
    assert demo_listings() == LISTINGS


def test_every_owner_resolves():
    assert {listing.owner_key for listing in LISTINGS} <= OWNER_KEYS


def test_organisation_keys_do_not_clash_with_institutions():
    keys = [o.key for o in ORGANISATIONS]
    assert len(keys) == len(set(keys))
    assert not set(keys) & set(INSTITUTIONS_BY_KEY)


def test_organisation_codes_valid():
    for org in ORGANISATIONS:
        assert org.org_type in OrganisationType.values
        assert org.region in Region.values
        assert org.size_band in {*SizeBand.values, ""}
        assert (org.size_band != "") == (org.org_type == "enterprise")
        assert org.names and set(org.names) <= LANGUAGES


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.external_ref)
def test_listing_codes_valid(listing):
    assert listing.kind in ListingKind.values
    assert listing.ip_status in IPStatus.values
    assert listing.price_terms in PriceTerms.values
    assert listing.currency in {*Currency.values, ""}
    assert listing.partnership_types
    assert set(listing.partnership_types) <= set(PartnershipType.values)
    assert listing.areas and set(listing.areas) <= AREAS
    assert listing.sectors and set(listing.sectors) <= SECTOR_CODES
    assert listing.keywords
    if listing.kind in ("expertise", "facility"):
        assert listing.trl is None
    else:
        assert listing.trl is not None and 1 <= listing.trl <= 9
    if listing.price_terms == "fixed":
        assert listing.price_amount is not None and listing.price_amount > 0
        assert listing.currency
    else:
        assert listing.price_amount is None


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.external_ref)
def test_ip_rights_valid(listing):
    if listing.ip_rights:
        assert listing.kind == "offer"
    for right in listing.ip_rights:
        assert right.right_type in IPRightType.values
        assert right.territory in IPTerritory.values
        assert right.status in IPRightStatus.values
        assert right.number.startswith("DEMO-")
        assert right.owners
        assert sum(share for _, share in right.owners) == 100
        assert all(name and share > 0 for name, share in right.owners)


def test_patented_offers_carry_rights():
    for listing in LISTINGS:
        if listing.kind == "offer" and listing.ip_status.startswith("patent_"):
            assert listing.ip_rights, listing.external_ref


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.external_ref)
def test_texts_complete_and_in_the_right_script(listing):
    languages = [text.language for text in listing.texts]
    assert len(languages) == len(set(languages))
    assert set(languages) <= LANGUAGES
    for text in listing.texts:
        assert text.title and text.summary and text.description
        assert "{" not in text.description and "}" not in text.description
        joined = "".join(getattr(text, name) for name in TEXT_FIELDS)
        if text.language == "zh-hans":
            assert joined == _T2S.convert(joined), text.title
        elif text.language == "zh-hant":
            assert not _simplified_only(joined), (text.title, _simplified_only(joined))
            assert joined != _T2S.convert(joined), text.title
        else:
            han = sum(_is_han(c) for c in joined)
            assert han == 0, text.title


#: The demo's listings before any topic was added, each with its place, which picks its
#: lifecycle state and publication date when loaded: a digest of "place:external_ref" lines.
EARLIER_LISTINGS = (322, "fe1ebb75e92faf45")


def test_added_topics_come_last_and_leave_every_earlier_listing_in_its_place():
    """References, states and dates of the demo's listings stay put when a topic is added:
    the earlier listings keep their places (pinned by a digest taken before any was added),
    and the added ones take the lifecycle slots that follow the topics' (not the
    facilities', whose states would otherwise be taken twice)."""
    earlier = [f"{i}:{item.external_ref}" for i, item in enumerate(LISTINGS) if item.slot is None]
    digest = hashlib.sha256("\n".join(earlier).encode()).hexdigest()[:16]
    assert (len(earlier), digest) == EARLIER_LISTINGS
    added = LISTINGS[len(earlier) :]
    assert len(added) == 4 * len(ADDED_TOPICS) > 0
    first_slot = 4 * len(TOPICS)
    assert [listing.slot for listing in added] == list(range(first_slot, first_slot + len(added)))
    assert [listing.external_ref for listing in added[:4]] == [
        "DEMO-OFF-0073",
        "DEMO-REQ-0073",
        "DEMO-RDR-0073",
        "DEMO-EXP-0073",
    ]


def test_most_requests_ask_for_the_readiness_on_offer_and_some_for_more():
    """A need's minimum TRL beside the offer of its own topic: most are met, a quarter are
    not, so the demo shows both a full match and one capped by readiness."""
    offered = {item.external_ref[-4:]: item.trl or 0 for item in LISTINGS if item.kind == "offer"}
    steps = [
        (item.trl or 0) - offered[item.external_ref[-4:]]
        for item in LISTINGS
        if item.kind == "request"
    ]
    short = [step for step in steps if step > 0]
    assert 0.2 < len(short) / len(steps) < 0.3
    assert set(short) == {1}


def test_requests_state_requirements():
    for listing in LISTINGS:
        if listing.kind in ("request", "rd_request"):
            assert all(text.requirements for text in listing.texts), listing.external_ref


def test_authors_write_in_their_own_languages():
    """Chongqing enterprises post requests mostly in Simplified Chinese; Hong Kong owners
    write offers mostly in English or Traditional Chinese."""
    regions = {o.key: o.region for o in ORGANISATIONS}
    regions |= {i.key: i.region for i in INSTITUTIONS}
    cq_requests = [
        listing
        for listing in LISTINGS
        if listing.kind == "request" and regions[listing.owner_key] == "cq"
    ]
    assert cq_requests
    assert all(listing.texts[0].language == "zh-hans" for listing in cq_requests)
    hk_offers = [
        listing
        for listing in LISTINGS
        if listing.kind == "offer" and regions[listing.owner_key] == "hk"
    ]
    assert hk_offers
    assert all(listing.texts[0].language in ("en", "zh-hant") for listing in hk_offers)
    assert any(len(listing.texts) == 2 for listing in hk_offers)


def test_some_listings_are_anonymous_and_some_in_usd():
    assert any(listing.anonymous for listing in LISTINGS)
    assert any(listing.currency == "USD" for listing in LISTINGS)


def test_anonymous_listings_do_not_name_their_owner():
    names = {o.key: o.names for o in ORGANISATIONS} | {i.key: i.names for i in INSTITUTIONS}
    for listing in LISTINGS:
        if not listing.anonymous:
            continue
        for text in listing.texts:
            body = "".join(getattr(text, name) for name in TEXT_FIELDS)
            for name in names[listing.owner_key].values():
                assert name not in body, (listing.external_ref, name)


# Reference data


def test_institution_keys_unique_and_names_complete():
    keys = [i.key for i in INSTITUTIONS]
    assert len(keys) == len(set(keys))
    for inst in INSTITUTIONS:
        assert set(inst.names) == LANGUAGES
        assert all(inst.names.values())
        assert inst.org_type in OrganisationType.values
        assert inst.region in Region.values
        assert inst.website == "" or inst.website.startswith("https://")


def test_institution_chinese_names_in_the_right_script():
    for inst in INSTITUTIONS:
        hant, hans = inst.names["zh-hant"], inst.names["zh-hans"]
        assert hans == _T2S.convert(hans)
        assert _T2S.convert(hant) == hans, inst.key
        assert not _simplified_only(hant), inst.key


def test_required_institutions_present():
    required = {
        "hku",
        "cuhk",
        "hkust",
        "polyu",
        "cityu",
        "hkbu",
        "lingnan",
        "eduhk",
        "hkstp",
        "hkpc",
        "astri",
        "cqu",
        "swu",
        "cqmu",
        "cqupt",
        "jinfeng",
    }
    assert required <= set(INSTITUTIONS_BY_KEY)
    assert INSTITUTIONS_BY_KEY["hku"].names["zh-hant"] == "香港大學"
    assert INSTITUTIONS_BY_KEY["astri"].names["zh-hant"] == "香港應用科技研究院"


def test_sectors_unique_and_complete():
    codes = [code for code, *_ in SECTORS]
    assert len(codes) == len(set(codes))
    assert 18 <= len(SECTORS) <= 30
    for code, en, hant, hans in SECTORS:
        assert code and en and hant and hans
        assert hans == _T2S.convert(hans)
        assert not _simplified_only(hant), code
