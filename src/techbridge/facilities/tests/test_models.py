"""Instruments and fees keep their constraints in the database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from techbridge.accounts.models import Organisation
from techbridge.catalogue.models import Listing
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


def test_english_readers_see_the_name_in_its_original_script(cq_offer: Listing) -> None:
    """Entered in Simplified (its listing's original), converted to Traditional beside it."""
    Listing.objects.filter(pk=cq_offer.pk).update(original_language="zh-hans")
    instrument = Instrument.objects.create(
        organisation=cq_offer.owner,
        listing=Listing.objects.get(pk=cq_offer.pk),
        name_zh_hant="冷凍電鏡",
        name_zh_hans="冷冻电镜",
        location_zh_hant="重慶",
        location_zh_hans="重庆",
        category="imaging",
    )
    with translation.override("en"):
        assert (instrument.name, instrument.location) == ("冷冻电镜", "重庆")
    with translation.override("zh-hant"):
        assert instrument.name == "冷凍電鏡"
    without_listing = Instrument.objects.create(
        organisation=cq_offer.owner, name_zh_hans="质谱仪", category="analytical"
    )
    assert without_listing.name_in("en") == "质谱仪"
    assert without_listing.name_in("zh-hant") == "質譜儀"
