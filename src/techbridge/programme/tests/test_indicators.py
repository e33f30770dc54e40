"""Indicator values computed from platform events and entered measurements, exactly; periods
and roll-ups from items to areas to the mechanism."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from techbridge.programme.indicators import (
    Period,
    computed_value,
    indicator_trend,
    periods_of,
    roll_up,
    year_period,
)
from techbridge.programme.models import Indicator
from techbridge.programme.tests.fixtures import YEAR, Programme

pytestmark = pytest.mark.django_db
THIS_YEAR = year_period(YEAR)


def test_computed_sources_count_platform_events(programme: Programme) -> None:
    area = programme.innovation
    assert computed_value("agreements_achieved", None, THIS_YEAR) == (
        Decimal(1),
        {"hk_cq": Decimal(1), "cq_hk": Decimal(0), "other": Decimal(0)},
    )
    assert computed_value("agreements_achieved", area, THIS_YEAR)[0] == 1
    assert computed_value("agreements_achieved", programme.education, THIS_YEAR)[0] == 0
    assert computed_value("agreements_achieved", None, year_period(YEAR - 1))[0] == 0
    assert computed_value("interests", area, THIS_YEAR)[0] == 1
    assert computed_value("listings_published", area, THIS_YEAR)[0] == 1
    assert computed_value("cross_boundary_bookings", None, THIS_YEAR)[0] == 2
    assert computed_value("machine_hours", None, THIS_YEAR)[0] == Decimal("7")
    assert computed_value("external_hours", None, THIS_YEAR)[0] == Decimal("5")
    assert computed_value("cross_boundary_hours", None, THIS_YEAR)[0] == Decimal("3.5")


def test_a_withdrawn_or_lost_deal_is_no_achieved_transfer(programme: Programme) -> None:
    from techbridge.pipeline.models import Deal

    Deal.objects.filter(pk=programme.won.pk).update(stage="closed", outcome="lost")
    assert computed_value("agreements_achieved", None, THIS_YEAR)[0] == 0


def test_quarters_and_years() -> None:
    quarterly = Indicator(period="quarter")
    assert [p.label for p in periods_of(quarterly, 2026)] == [
        "2026 Q1",
        "2026 Q2",
        "2026 Q3",
        "2026 Q4",
    ]
    assert periods_of(quarterly, 2026)[3] == Period(date(2026, 10, 1), date(2027, 1, 1))
    assert [p.label for p in periods_of(Indicator(period="year"), 2026)] == ["2026"]


def test_roll_up_from_items_to_area_to_mechanism(programme: Programme) -> None:
    labs = roll_up(programme.mechanism, "joint_labs", THIS_YEAR)
    assert labs.items == {"IT-1": Decimal(3), "IT-2": Decimal(4)}
    assert labs.areas == {"innovation_technology": Decimal(7)}
    assert labs.mechanism == Decimal(7)
    last_year = roll_up(programme.mechanism, "joint_labs", year_period(YEAR - 1))
    assert (last_year.items, last_year.mechanism) == (
        {"IT-1": None, "IT-2": Decimal(9)},
        Decimal(9),
    )
    # An area's own indicator takes precedence over the sum of its items.
    Indicator.objects.create(
        mechanism=programme.mechanism,
        area=programme.innovation,
        code="joint_labs",
        name_en="Joint laboratories",
        name_zh_hant="聯合實驗室",
        name_zh_hans="联合实验室",
        unit_en="laboratories",
        source="listings_published",
        target=Decimal(1),
        target_year=YEAR,
    )
    assert roll_up(programme.mechanism, "joint_labs", THIS_YEAR).areas == {
        "innovation_technology": Decimal(1)
    }


def test_quarterly_trend(programme: Programme) -> None:
    trend = indicator_trend(programme.labs_a, [YEAR])
    assert [(p.label, v) for p, v in trend] == [
        (f"{YEAR} Q1", Decimal(2)),
        (f"{YEAR} Q2", None),
        (f"{YEAR} Q3", Decimal(1)),
        (f"{YEAR} Q4", None),
    ]
