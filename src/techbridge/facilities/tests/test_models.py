"""Instruments and fees keep their constraints in the database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from techbridge.accounts.models import Organisation
from techbridge.facilities.models import Instrument, InstrumentFee

pytestmark = pytest.mark.django_db


def _instrument(owner: Organisation) -> Instrument:
    return Instrument.objects.create(
        organisation=owner,
        name_en="Cryo-electron microscope",
        name_zh_hant="冷凍電子顯微鏡",
        category="imaging",
        slot_minutes=120,
    )


def test_fee_per_category_and_currency_is_unique(hk_university: Organisation) -> None:
    instrument = _instrument(hk_university)
    InstrumentFee.objects.create(
        instrument=instrument,
        user_category="cross_boundary",
        currency="HKD",
        hourly_rate=Decimal("1200"),
    )
    InstrumentFee.objects.create(
        instrument=instrument,
        user_category="cross_boundary",
        currency="CNY",
        hourly_rate=Decimal("1100"),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentFee.objects.create(
            instrument=instrument,
            user_category="cross_boundary",
            currency="HKD",
            hourly_rate=Decimal("1"),
        )
    assert instrument.fees.count() == 2


def test_negative_fee_and_zero_slot_are_refused(hk_university: Organisation) -> None:
    instrument = _instrument(hk_university)
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentFee.objects.create(
            instrument=instrument,
            user_category="industry",
            currency="USD",
            hourly_rate=Decimal("-5"),
        )
    instrument.slot_minutes = 0
    with pytest.raises(IntegrityError), transaction.atomic():
        instrument.save()


def test_simplified_name_derived_for_mainland_readers(hk_university: Organisation) -> None:
    instrument = _instrument(hk_university)
    with translation.override("zh-hans"):
        assert instrument.name == "冷冻电子显微镜"
