"""The demo catalogue loads through the services, covers every area and kind, and loads once."""

from __future__ import annotations

from collections import Counter

import pytest

from techbridge.accounts.models import Organisation
from techbridge.catalogue.demo.content import demo_listings
from techbridge.catalogue.demo.loader import load_demo_catalogue
from techbridge.catalogue.models import Listing, ListingEvent, ListingText
from techbridge.programme.models import CooperationArea

pytestmark = pytest.mark.django_db


def test_demo_catalogue_loads_completely_and_only_once() -> None:
    expected = len(demo_listings())
    assert expected >= 300

    report = load_demo_catalogue()

    assert report.listings_created == expected
    listings = Listing.objects.all()
    assert listings.count() == expected
    assert not listings.filter(is_demo=False).exists()
    assert set(listings.values_list("kind", flat=True)) == {
        "offer",
        "request",
        "rd_request",
        "expertise",
        "facility",
    }
    used_areas = set(listings.values_list("areas__code", flat=True))
    assert used_areas == set(CooperationArea.objects.values_list("code", flat=True))
    statuses = Counter(listings.values_list("status", flat=True))
    assert set(statuses) == {"draft", "review", "published", "on_hold", "archived", "expired"}
    assert statuses["published"] > expected // 2
    # Hong Kong and Chongqing both take part, in each script.
    regions = set(listings.values_list("owner__region", flat=True))
    assert {"hk", "cq"} <= regions
    originals = Counter(listings.values_list("original_language", flat=True))
    assert set(originals) == {"en", "zh-hant", "zh-hans"}
    # Every Chinese original has its other script by marked conversion or by a person.
    for listing in listings.filter(original_language="zh-hans").prefetch_related("texts")[:20]:
        assert {text.language for text in listing.texts.all()} >= {"zh-hans", "zh-hant"}
    assert ListingText.objects.filter(origin="machine").exists()
    # Every listing has its history.
    assert ListingEvent.objects.filter(verb="created").count() == expected
    assert Organisation.objects.filter(is_demo=True).exists()

    again = load_demo_catalogue()
    assert again.listings_created == 0
    assert again.listings_present == expected
    assert Listing.objects.count() == expected

    # Demo deals on top, through the pipeline's services: every stage, both directions,
    # an intact audit trail, and once only.
    from techbridge.pipeline.demo import load_demo_deals
    from techbridge.pipeline.models import Deal
    from techbridge.pipeline.services import audit_verify

    assert load_demo_deals() == 9
    deals = Deal.objects.all()
    assert set(deals.values_list("stage", flat=True)) == {
        "interest",
        "screening",
        "nda",
        "due_diligence",
        "negotiation",
        "signed",
        "obligations",
    }
    assert Counter(deal.direction for deal in deals) == {"hk_cq": 7, "cq_hk": 2}
    assert set(
        deals.filter(provider_region="cq").values_list("export_classification", flat=True)
    ) == {
        "restricted",
        "free",
    }
    assert audit_verify() == []
    assert load_demo_deals() == 0
