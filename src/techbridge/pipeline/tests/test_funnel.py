"""The funnel counted from platform events, exactly, with stage durations."""

from __future__ import annotations

import re
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
    client: Client,
    nda_offer: Listing,
    cq_offer: Listing,
    officer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> None:
    from techbridge.programme.models import CooperationArea

    # The Chongqing offer is in logistics as well: its deal counts in both areas.
    cq_offer.areas.add(CooperationArea.objects.get(code="logistics"))
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
        clock.move_to(start + timedelta(days=20))
        client.force_login(officer)  # the owner of one deal, the interested side of the other
        page = client.get("/en/my/funnel/").content.decode()

    assert result.total == {
        "listings": 2,
        "suggestions": 0,
        "interests": 2,
        "ndas": 1,
        "agreements": 1,
        "transfers": 1,
    }
    assert result.by_direction == {
        "hk_cq": {"suggestions": 0, "interests": 1, "ndas": 1, "agreements": 1, "transfers": 1},
        "cq_hk": {"suggestions": 0, "interests": 1, "ndas": 0, "agreements": 0, "transfers": 0},
        "other": {"suggestions": 0, "interests": 0, "ndas": 0, "agreements": 0, "transfers": 0},
    }
    assert result.by_area == {
        "innovation_technology": {
            "listings": 2,
            "suggestions": 0,
            "interests": 2,
            "ndas": 1,
            "agreements": 1,
            "transfers": 1,
        },
        "logistics": {
            "listings": 1,
            "suggestions": 0,
            "interests": 1,
            "ndas": 0,
            "agreements": 0,
            "transfers": 0,
        },
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
    # Hong Kong → Chongqing is the won deal alone; Chongqing → Hong Kong the withdrawn one.
    won_days = {
        "interest": 2.0,
        "screening": 1.0,
        "nda": 4.0,
        "due_diligence": 0.0,
        "negotiation": 0.0,
        "signed": 13.0,
    }
    assert result.median_days_by_direction == {
        "hk_cq": won_days,
        "cq_hk": {"interest": 6.0},
        "other": {},
    }
    assert result.median_days_by_area == {
        "innovation_technology": result.median_days_in_stage,
        "logistics": {"interest": 6.0},
    }

    table = page[
        page.index('id="durations"') : page.index("</table>", page.index('id="durations"'))
    ]
    rows = [
        (header, re.findall(r"<td>([^<]*)</td>", cells))
        for header, cells in re.findall(r'<th scope="row">([^<]*)</th>(.*?)</tr>', table)
    ]
    assert rows == [
        ("All deals", ["4.0", "1.0", "4.0", "0.0", "0.0", "13.0", "—"]),
        ("Hong Kong → Chongqing", ["2.0", "1.0", "4.0", "0.0", "0.0", "13.0", "—"]),
        ("Chongqing → Hong Kong", ["6.0", "—", "—", "—", "—", "—", "—"]),
        ("Other directions", ["—"] * 7),
        ("Innovation and technology", ["4.0", "1.0", "4.0", "0.0", "0.0", "13.0", "—"]),
        ("Logistics", ["6.0", "—", "—", "—", "—", "—", "—"]),
    ]


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


def test_suggestions_counted_by_direction_from_provider_to_recipient(
    client: Client,
    nda_offer: Listing,
    cq_offer: Listing,
    outsider: User,
    reviewer: User,
    cq_enterprise: Organisation,
) -> None:
    from techbridge.catalogue.services import listing_create
    from techbridge.catalogue.tests.factories import need_input_zh_hans
    from techbridge.matching.models import Suggestion
    from techbridge.pipeline.tests.fixtures import publish

    cq_need = publish(
        outsider, reviewer, listing_create(actor=outsider, data=need_input_zh_hans(cq_enterprise))
    )

    def suggest(source: Listing, candidate: Listing) -> None:
        Suggestion.objects.create(
            source=source, candidate=candidate, score=1, relevance=1, factor=1
        )

    suggest(cq_need, nda_offer)  # Hong Kong offer for a Chongqing need: HK → CQ
    suggest(nda_offer, cq_need)  # the same pair seen from the offer: HK → CQ
    suggest(cq_need, cq_offer)  # within Chongqing: other
    result = funnel()
    assert result.total["suggestions"] == 3
    assert {d: stages["suggestions"] for d, stages in result.by_direction.items()} == {
        "hk_cq": 2,
        "cq_hk": 0,
        "other": 1,
    }

    staff = Client()
    log_in_verified(staff, reviewer)
    page = staff.get("/en/secretariat/funnel/").content.decode()
    row = page[page.index("Hong Kong → Chongqing") :].split("</tr>")[0]
    assert row.endswith("<td>—</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td>")


def test_secretariat_finds_the_funnel_from_its_pages(
    client: Client, officer: User, reviewer: User
) -> None:
    from django.contrib.auth.models import Group

    link = 'href="/en/secretariat/funnel/"'
    client.force_login(officer)
    assert link not in client.get("/en/").content.decode()

    secretary = Client()
    Group.objects.get_or_create(name="secretariat")[0].user_set.add(officer)
    log_in_verified(secretary, officer)
    for page in ("/en/", "/en/programme/", "/en/my/deals/"):
        assert link in secretary.get(page).content.decode(), page
    assert secretary.get("/en/secretariat/funnel/").status_code == 200
