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

    # Instruments with three years of bookings, and the programme over all of it.
    _demo_instruments_and_programme()


def _demo_instruments_and_programme() -> None:
    from datetime import date
    from decimal import Decimal

    from django.test import Client
    from freezegun import freeze_time

    from techbridge.facilities.demo import load_demo_instruments
    from techbridge.facilities.models import Booking, Instrument, InstrumentFee
    from techbridge.programme.dashboard import dashboard
    from techbridge.programme.demo import load_demo_programme
    from techbridge.programme.models import Indicator, Measurement, Mechanism, Meeting, Milestone

    with freeze_time("2026-11-23 12:00:00+08:00", tick=True):
        today = date(2026, 11, 23)
        assert load_demo_instruments() == (8, 128)
        instruments = Instrument.objects.select_related("organisation")
        assert {i.organisation.region for i in instruments} == {"hk", "cq"}
        assert InstrumentFee.objects.count() == 8 * 4
        statuses = Counter(Booking.objects.values_list("status", flat=True))
        assert statuses == {"completed": 112, "approved": 8, "requested": 8}
        assert Booking.objects.filter(is_cross_boundary=True).count() > 0
        assert Booking.objects.filter(user_category="internal").count() > 0

        assert load_demo_programme(today) == 6
        assert Meeting.objects.count() == 2
        rags = {m.rag(today) for m in Milestone.objects.all()}
        assert rags == {"green", "amber", "red"}
        assert Indicator.objects.filter(is_published=True).count() == 8
        assert Measurement.objects.count() == 10

        board = dashboard(Mechanism.objects.get(is_primary=True), 2026, today)
        values = {row.indicator.code: row for row in board.indicators}
        assert values["joint_labs"].value == Decimal(4)
        assert values["exchange_students"].value == Decimal(310)
        # The demo's two signed licences (15 October 2026) are Hong Kong offers to Chongqing.
        assert values["transfers"].value == 2
        assert values["transfers"].split == {"hk_cq": 2, "cq_hk": 0, "other": 0}
        this_year = Booking.objects.filter(
            status="completed", starts_at__year=2026, is_cross_boundary=True
        )
        assert values["cross_boundary_hours"].value == sum(b.actual_hours or 0 for b in this_year)
        assert values["cross_boundary_hours"].value > 0
        assert len(board.meetings) == 2
        assert board.overdue and board.due_soon

        page = Client().get("/en/programme/?year=2026").content.decode()
        assert "Partner laboratory network" in page
        assert "Innovation and technology working group" in page

        assert load_demo_instruments() == (0, 0)
        assert load_demo_programme(today) == 0
        assert Booking.objects.count() == 128
