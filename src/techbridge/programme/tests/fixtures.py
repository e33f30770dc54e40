"""A small programme over real platform events, built through the services: the fixture of
the indicator, dashboard and report tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, member_of
from techbridge.catalogue.models import Listing
from techbridge.facilities.models import Instrument
from techbridge.facilities.services import booking_approve, booking_complete, booking_request
from techbridge.pipeline.models import Deal
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    deal_advance,
    deal_express_interest,
    nda_confirm,
)
from techbridge.programme.models import (
    CooperationArea,
    CooperationItem,
    Indicator,
    Initiative,
    Measurement,
    Mechanism,
    Milestone,
)

YEAR = 2026
TODAY = "2026-11-23 12:00:00+08:00"


@dataclass(frozen=True)
class Programme:
    mechanism: Mechanism
    innovation: CooperationArea
    education: CooperationArea
    won: Deal
    transfers: Indicator
    labs_a: Indicator
    labs_b: Indicator


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(YEAR, month, day, hour))


def _won_deal(offer: Listing, officer: User, outsider: User, buyer: Organisation) -> Deal:
    deal = deal_express_interest(actor=outsider, listing=offer, organisation=buyer)
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)
    deal_advance(actor=outsider, deal=deal, event="negotiate")
    agreement_record(
        actor=officer,
        deal=deal,
        data=AgreementInput(
            deal_type="licence",
            exclusivity="exclusive",
            signed_on=date(YEAR, 11, 1),
            value=Decimal("800000"),
            currency="CNY",
        ),
    )
    return deal_advance(actor=officer, deal=deal, event="sign")


def _bookings(officer: User) -> None:
    """A Chongqing lab's instrument: 3.5 h used by Hong Kong (cross-boundary), 2 h by its own
    staff, 1.5 h by another Chongqing institute (external, not cross-boundary), and one more
    cross-boundary booking approved but not yet used. Each hour figure differs from the
    others, so a mix-up of sources cannot pass."""
    lab = OrganisationFactory.create(
        slug="cq-lab", org_type=OrganisationType.LABORATORY, region=Region.CHONGQING
    )
    manager = member_of(lab, MembershipRole.FACILITY_MANAGER)
    own = member_of(lab, MembershipRole.MEMBER)
    neighbour = member_of(
        OrganisationFactory.create(
            slug="cq-institute",
            org_type=OrganisationType.RESEARCH_INSTITUTE,
            region=Region.CHONGQING,
        ),
        MembershipRole.MEMBER,
    )
    instrument = Instrument.objects.create(
        organisation=lab, name_zh_hans="冷冻电镜", category="imaging", lead_time_days=0
    )
    # On the hour: bookings start on the instrument's hourly slot grid.
    past = (timezone.now() - timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
    for user, start, hours in (
        (officer, past, Decimal("3.5")),
        (own, past + timedelta(days=1), Decimal("2")),
        (officer, past + timedelta(days=2), None),
        (neighbour, past + timedelta(days=3), Decimal("1.5")),
    ):
        booking = booking_request(
            actor=user,
            instrument=instrument,
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            now=start - timedelta(days=1),  # requested the day before, a month ago
        )
        booking = booking_approve(actor=manager, booking=booking)
        if hours is not None:
            booking_complete(actor=manager, booking=booking, actual_hours=hours)


@pytest.fixture
def programme_clock() -> Iterator[None]:
    """The programme's figures are for YEAR: its tests run on a fixed day late in it."""
    with freeze_time(TODAY, tick=True):
        yield


@pytest.fixture
def programme(
    programme_clock: None,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
) -> Programme:
    mechanism = Mechanism.objects.get(is_primary=True)
    innovation = CooperationArea.objects.get(mechanism=mechanism, code="innovation_technology")
    education = CooperationArea.objects.get(mechanism=mechanism, code="education")
    won = _won_deal(nda_offer, officer, outsider, cq_enterprise)
    _bookings(officer)
    item_a = CooperationItem.objects.create(
        area=innovation, reference="IT-1", title_en="Joint laboratories", is_published=True
    )
    item_b = CooperationItem.objects.create(
        area=innovation, reference="IT-2", title_zh_hans="科技成果转化基地", is_published=True
    )
    initiative = Initiative.objects.create(
        item=item_a,
        title_en="Partner laboratory network",
        hk_unit_en="Innovation, Technology and Industry Bureau",
        hk_unit_zh_hant="創新科技及工業局",
        cq_unit_zh_hans="重庆市科学技术局",
        is_published=True,
    )
    for title, due, status, done in (
        ("Network charter signed", date(YEAR, 3, 31), "done", date(YEAR, 3, 20)),
        ("First joint call", date(YEAR, 11, 30), "in_progress", None),
        ("Shared instrument list", date(YEAR, 10, 31), "planned", None),
    ):
        Milestone.objects.create(
            initiative=initiative, title_en=title, due_on=due, status=status, done_on=done
        )
    common: dict[str, Any] = {"mechanism": mechanism, "target_year": YEAR, "is_published": True}
    transfers = Indicator.objects.create(
        **common,
        code="transfers",
        name_en="Achieved technology transfers",
        name_zh_hant="已實現的技術轉移",
        name_zh_hans="已实现的技术转移",
        unit_en="agreements",
        unit_zh_hant="份協議",
        unit_zh_hans="份协议",
        definition_en="Licences, assignments and joint ventures signed in the year",
        definition_zh_hans="年内签署的许可、转让及合资协议",
        source="agreements_achieved",
        disaggregation="direction",
        target=Decimal("10"),
    )
    labs = {
        "name_en": "Joint laboratories",
        "name_zh_hant": "聯合實驗室",
        "name_zh_hans": "联合实验室",
        "unit_en": "laboratories",
        "period": "quarter",
        "target": Decimal("12"),
    }
    labs_a = Indicator.objects.create(
        **common, **labs, code="joint_labs", area=innovation, item=item_a
    )
    labs_b = Indicator.objects.create(
        **common, **labs, code="joint_labs", area=innovation, item=item_b
    )
    for indicator, start, end, value in (
        (labs_a, date(YEAR, 1, 1), date(YEAR, 4, 1), "2"),
        (labs_a, date(YEAR, 7, 1), date(YEAR, 10, 1), "1"),
        (labs_b, date(YEAR, 4, 1), date(YEAR, 7, 1), "4"),
        (labs_b, date(YEAR - 1, 4, 1), date(YEAR - 1, 7, 1), "9"),  # last year: not counted
    ):
        Measurement.objects.create(
            indicator=indicator,
            period_start=start,
            period_end=end,
            value=Decimal(value),
            evidence="Signed laboratory agreements on file",
        )
    return Programme(mechanism, innovation, education, won, transfers, labs_a, labs_b)
