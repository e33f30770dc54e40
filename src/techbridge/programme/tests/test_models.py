"""Mechanisms, areas and cooperation items."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from techbridge.programme.models import CooperationArea, CooperationItem, Mechanism

pytestmark = pytest.mark.django_db


def test_only_one_mechanism_is_primary() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Mechanism.objects.create(
            code="hk-xx",
            name_en="Another",
            established_year=2020,
            partner_city_en="Elsewhere",
            is_primary=True,
        )


def test_area_codes_unique_within_a_mechanism() -> None:
    conference = Mechanism.objects.get(code="hk-cq")
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperationArea.objects.create(mechanism=conference, code="trade", name_en="Trade 2")
    shanghai = Mechanism.objects.get(code="hk-sh")
    assert CooperationArea.objects.create(mechanism=shanghai, code="trade", name_en="Trade").pk


def test_area_names_follow_the_reader() -> None:
    area = CooperationArea.objects.get(code="chinese_medicine")
    with translation.override("zh-hant"):
        assert str(area) == "中醫藥發展"
    with translation.override("zh-hans"):
        assert str(area) == "中医药发展"
    with translation.override("en"):
        assert str(area) == "Chinese medicine development"


def test_item_needs_a_title_and_valid_status() -> None:
    area = CooperationArea.objects.get(code="innovation_technology")
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperationItem.objects.create(area=area, reference="IT-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperationItem.objects.create(area=area, reference="IT-2", title_en="X", status="lost")
    item = CooperationItem.objects.create(area=area, reference="IT-3", title_zh_hans="联合实验室")
    assert item.status == "planned"
