"""Structured compatibility between a need and an offer (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from techbridge.engine.matching import MatchProfile, combined_score, compatibility


def test_every_factor_with_its_reason() -> None:
    need = MatchProfile(
        trl=5,
        partnerships=frozenset({"licence", "investment"}),
        areas=frozenset({"innovation_technology"}),
        sectors=frozenset({"health"}),
        region="cq",
        amount=Decimal("1000000"),
        currency="HKD",
    )
    offer = MatchProfile(
        trl=6,
        partnerships=frozenset({"licence", "joint_rd"}),
        areas=frozenset({"innovation_technology", "education"}),
        sectors=frozenset({"health"}),
        region="hk",
        amount=Decimal("500000"),
        currency="HKD",
    )
    factor, reasons = compatibility(need, offer)
    assert [(r.code, r.params) for r in reasons] == [
        ("trl_met", {"offered": 6, "required": 5}),
        ("partnership_shared", {"types": ["licence"]}),
        ("area_shared", {"areas": ["innovation_technology"]}),
        ("sector_shared", {"sectors": ["health"]}),
        ("within_budget", {"price": "500000", "budget": "1000000", "currency": "HKD"}),
        ("cross_boundary", {"from": "hk", "to": "cq"}),
    ]
    assert factor == pytest.approx(1.2 * 1.2 * 1.1 * 1.1 * 1.1 * 1.15)


def test_shortfalls_lower_the_factor() -> None:
    need = MatchProfile(
        trl=7,
        partnerships=frozenset({"assignment"}),
        region="hk",
        amount=Decimal("10"),
        currency="USD",
    )
    offer = MatchProfile(
        trl=3,
        partnerships=frozenset({"licence"}),
        region="hk",
        amount=Decimal("20"),
        currency="USD",
    )
    factor, reasons = compatibility(need, offer)
    assert [r.code for r in reasons] == ["trl_short", "partnership_none", "over_budget"]
    assert factor == pytest.approx(0.5 * 0.85 * 0.8)


def test_unknown_fields_and_other_currencies_are_neutral() -> None:
    need = MatchProfile(amount=Decimal("10"), currency="CNY", region="cq")
    offer = MatchProfile(trl=9, amount=Decimal("20"), currency="HKD", region="mainland")
    assert compatibility(need, offer) == (1.0, [])


def test_combined_score_scales_relevance_to_the_best() -> None:
    assert combined_score(5.0, 10.0, 1.2) == pytest.approx(0.6)
    assert combined_score(5.0, 0.0, 1.2) == 0.0
