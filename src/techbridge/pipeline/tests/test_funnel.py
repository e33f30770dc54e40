"""The funnel counted from platform events, exactly, with stage durations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.catalogue.models import Listing
from techbridge.pipeline.funnel import funnel
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    deal_advance,
    deal_export_classify,
    deal_express_interest,
    nda_confirm,
)

pytestmark = pytest.mark.django_db


def test_funnel_per_area_and_direction_with_median_days(
    nda_offer: Listing,
    cq_offer: Listing,
    officer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> None:
    start = timezone.now()
    with freeze_time(start) as clock:
        won = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
        clock.tick(timedelta(days=2))
        deal_advance(actor=officer, deal=won, event="screen")
        clock.tick(timedelta(days=1))
        deal_advance(actor=officer, deal=won, event="accept")
        nda_confirm(actor=officer, deal=won)
        clock.tick(timedelta(days=4))
        nda_confirm(actor=outsider, deal=won)
        deal_advance(actor=outsider, deal=won, event="negotiate")
        agreement_record(
            actor=officer,
            deal=won,
            data=AgreementInput(
                deal_type="licence", exclusivity="sole", signed_on=date(2026, 1, 5)
            ),
        )
        deal_advance(actor=officer, deal=won, event="sign")

        # Chongqing technology to Hong Kong: interest, then withdrawn after 6 days.
        lost = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
        deal_export_classify(actor=outsider, deal=lost, classification="free")
        clock.tick(timedelta(days=6))
        deal_advance(actor=officer, deal=lost, event="withdraw")
        result = funnel(now=start + timedelta(days=20))

    assert result.total == {
        "listings": 2,
        "suggestions": 0,
        "interests": 2,
        "ndas": 1,
        "agreements": 1,
        "transfers": 1,
    }
    assert result.by_direction == {
        "hk_cq": {"interests": 1, "ndas": 1, "agreements": 1, "transfers": 1},
        "cq_hk": {"interests": 1, "ndas": 0, "agreements": 0, "transfers": 0},
        "other": {"interests": 0, "ndas": 0, "agreements": 0, "transfers": 0},
    }
    assert result.by_area == {
        "innovation_technology": {
            "listings": 2,
            "suggestions": 0,
            "interests": 2,
            "ndas": 1,
            "agreements": 1,
            "transfers": 1,
        }
    }
    # interest: 2 days (won) and 6 days (withdrawn) → median 4; screening 1; nda 4; the won
    # deal has been "signed" since day 7 of 20 → 13 days.
    assert result.median_days_in_stage == {
        "interest": 4.0,
        "screening": 1.0,
        "nda": 4.0,
        "due_diligence": 0.0,
        "negotiation": 0.0,
        "signed": 13.0,
    }


def test_funnel_pages_scope(
    client: Client, nda_offer: Listing, officer: User, reviewer: User
) -> None:
    client.force_login(officer)
    assert "Transfer funnel" in client.get("/en/my/funnel/").content.decode()
    assert client.get("/en/secretariat/funnel/").status_code == 403
    staff = Client()
    log_in_verified(staff, reviewer)
    page = staff.get("/en/secretariat/funnel/").content.decode()
    assert "All listings and deals on the platform" in page
