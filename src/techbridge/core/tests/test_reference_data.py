"""The reference data is in the database after migrating, complete in three languages."""

from __future__ import annotations

import pytest
from django.apps import apps

from techbridge.accounts.models import Organisation
from techbridge.accounts.reference_data import INSTITUTIONS
from techbridge.catalogue.models import PartnershipTypeRef, Sector, TRLLevel
from techbridge.catalogue.reference_data import SECTORS
from techbridge.core.reference_sync import sync_reference_data
from techbridge.programme.models import CooperationArea, Mechanism

pytestmark = pytest.mark.django_db

AREA_CODES = [
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
]


def test_the_conference_and_its_eleven_areas() -> None:
    conference = Mechanism.objects.get(is_primary=True)
    assert conference.code == "hk-cq"
    assert (conference.name_zh_hant, conference.name_zh_hans) == ("港渝合作會議", "港渝合作会议")
    areas = list(CooperationArea.objects.filter(mechanism=conference).order_by("position"))
    assert [area.code for area in areas] == AREA_CODES
    assert all(area.name_en and area.name_zh_hant and area.name_zh_hans for area in areas)
    assert areas[2].name_zh_hant == "創新科技"


def test_other_mechanisms_recorded_with_their_years() -> None:
    years = dict(Mechanism.objects.values_list("code", "established_year"))
    assert years == {"hk-cq": None, "hk-sh": 2003, "hk-bj": 2004}


def test_trl_crosswalk() -> None:
    ladder = list(TRLLevel.objects.values_list("level", "een_stage", "maturity_stage"))
    assert ladder == [
        (1, "concept", "concept"),
        (2, "concept", "concept"),
        (3, "lab_tested", "laboratory"),
        (4, "lab_tested", "laboratory"),
        (5, "prototype", "small_pilot"),
        (6, "prototype", "pilot"),
        (7, "field_tested", "pilot"),
        (8, "demonstration", "industrial"),
        (9, "on_market", "industrial"),
    ]


def test_partnership_types_sectors_and_institutions() -> None:
    assert list(PartnershipTypeRef.objects.values_list("code", flat=True)) == [
        "licence",
        "assignment",
        "joint_rd",
        "technical_service",
        "investment",
        "manufacturing",
    ]
    assert Sector.objects.count() == len(SECTORS)
    reference = Organisation.objects.filter(is_reference=True)
    assert reference.count() == len(INSTITUTIONS)
    assert all(org.is_verified for org in reference)
    hku = Organisation.objects.get(slug="hku")
    assert (hku.name_en, hku.name_zh_hant, hku.name_zh_hans) == (
        "The University of Hong Kong",
        "香港大學",
        "香港大学",
    )


def test_sync_is_idempotent_and_keeps_admin_decisions() -> None:
    hku = Organisation.objects.get(slug="hku")
    Organisation.objects.filter(pk=hku.pk).update(is_verified=False, verified_at=None)
    before = sync_reference_data(apps)
    after = sync_reference_data(apps)
    assert before == after
    assert before["areas"] == 11
    assert not Organisation.objects.get(slug="hku").is_verified
