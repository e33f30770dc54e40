"""The demo instruments read in Chinese for Chinese readers, including those whose facility
listing was written in English only."""

from __future__ import annotations

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.services.inputs import TextInput
from techbridge.catalogue.tests.factories import create_offer
from techbridge.facilities.demo import _instrument_for

pytestmark = pytest.mark.django_db


def test_an_english_only_demo_facility_gets_its_chinese_texts(
    client: Client, hk_university: Organisation, officer: User
) -> None:
    listing = create_offer(
        officer,
        hk_university,
        texts={
            "en": TextInput(
                title="300 kV cryo-electron microscope",
                summary="A 300 kV cryo-TEM with direct electron detector and automated data "
                "collection.",
            )
        },
    )
    instrument = _instrument_for(listing)
    instrument.refresh_from_db()
    assert (instrument.name_zh_hant, instrument.name_zh_hans) == (
        "300 kV 冷凍電子顯微鏡",
        "300 kV 冷冻电子显微镜",
    )
    assert instrument.capabilities_zh_hant == (
        "300 kV 冷凍透射電子顯微鏡，配備直接電子偵測器及自動數據收集系統。"
    )
    assert instrument.capabilities_zh_hans == (
        "300 kV 冷冻透射电子显微镜，配备直接电子探测器和自动数据采集系统。"
    )
    assert instrument.name_en == "300 kV cryo-electron microscope"

    feed = client.get(f"/zh-hant/instruments/{instrument.pk}/calendar.ics").content.decode()
    assert "X-WR-CALNAME:300 kV 冷凍電子顯微鏡" in feed
