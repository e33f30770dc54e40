"""Facility managers list and edit their organisation's instruments (texts in three
languages, rules, fees in HKD and RMB); nobody else can, and a refused save changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, member_of
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.facilities.instruments import FeeInput, instrument_save
from techbridge.facilities.models import Instrument, InstrumentFee

pytestmark = pytest.mark.django_db


@pytest.fixture
def cq_lab(db: None) -> Organisation:
    return OrganisationFactory.create(
        slug="cq-lab",
        name_zh_hans="重庆测试实验室",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )


@pytest.fixture
def manager(cq_lab: Organisation) -> User:
    return member_of(cq_lab, MembershipRole.FACILITY_MANAGER, email="manager@cq-lab.example.cn")


def _form(**overrides: str) -> dict[str, Any]:
    data = {
        "organisation": "",
        "name_en": "Cryo-electron microscope",
        "name_zh_hans": "冷冻电镜",
        "category": "imaging",
        "location_en": "Building 3, room 101",
        "location_zh_hans": "3号楼101室",
        "capabilities_zh_hans": "单颗粒冷冻电镜三维重构",
        "results_terms_en": "Results belong to the user.",
        "results_terms_zh_hans": "成果归用户所有。",
        "lead_time_days": "2",
        "slot_minutes": "120",
        "requires_training": "on",
        "requires_approval": "on",
        "is_active": "on",
        "fee_internal_cny": "200",
        "fee_cross_boundary_cny": "350",
        "fee_cross_boundary_hkd": "400",
    }
    data.update(overrides)
    return data


def test_manager_lists_an_instrument_with_texts_rules_and_fees(
    client: Client, cq_lab: Organisation, manager: User
) -> None:
    client.force_login(manager)
    # A facility manager confirms the session with the second factor first.
    assert client.get("/en/my/instruments/new/").status_code == 302
    log_in_verified(client, manager)
    response = client.post("/en/my/instruments/new/", _form(organisation=str(cq_lab.pk)))
    assert response.status_code == 302
    instrument = Instrument.objects.get()
    assert response["Location"] == f"/en/my/instruments/{instrument.pk}/edit/"
    assert (instrument.organisation, instrument.slot_minutes, instrument.requires_training) == (
        cq_lab,
        120,
        True,
    )
    assert sorted(instrument.fees.values_list("user_category", "currency", "hourly_rate")) == [
        ("cross_boundary", "CNY", Decimal("350.00")),
        ("cross_boundary", "HKD", Decimal("400.00")),
        ("internal", "CNY", Decimal("200.00")),
    ]
    page = client.get(f"/zh-hant/instruments/{instrument.pk}/").content.decode()
    assert "3號樓101室" in page and "單顆粒冷凍電鏡三維重構" in page  # converted to 繁
    assert "RMB\u00a0350.00" in page and "CNY" not in page
    english = client.get(f"/en/instruments/{instrument.pk}/").content.decode()
    assert "Building 3, room 101" in english and "Results belong to the user." in english
    # Editing replaces the fee table and keeps the organisation.
    edit = _form(name_en="Cryo-EM", fee_cross_boundary_hkd="", fee_internal_cny="150")
    assert client.post(f"/en/my/instruments/{instrument.pk}/edit/", edit).status_code == 302
    instrument.refresh_from_db()
    assert instrument.name_en == "Cryo-EM"
    assert sorted(instrument.fees.values_list("user_category", "currency", "hourly_rate")) == [
        ("cross_boundary", "CNY", Decimal("350.00")),
        ("internal", "CNY", Decimal("150.00")),
    ]
    listing = client.get("/en/my/instruments/").content.decode()
    assert "Cryo-EM" in listing and "RMB\u00a0150.00" in listing


def test_others_cannot_list_or_edit_and_nothing_changes(
    client: Client, cq_lab: Organisation, manager: User, officer: User
) -> None:
    instrument = instrument_save(
        actor=manager,
        organisation=cq_lab,
        data={"name_en": "Lathe", "category": "fabrication"},
        fees=[FeeInput("academic", "CNY", Decimal(100))],
    )
    before = (
        list(Instrument.objects.values_list("pk", "name_en", "updated_at")),
        list(InstrumentFee.objects.values_list("pk", "hourly_rate")),
    )
    client.force_login(officer)  # administers another organisation
    url = f"/en/my/instruments/{instrument.pk}/edit/"
    assert client.get(url).status_code == 403
    assert client.post(url, _form(name_en="Taken over")).status_code == 403
    # Creating for an organisation one does not manage is not offered.
    response = client.post("/en/my/instruments/new/", _form(organisation=str(cq_lab.pk)))
    assert response.status_code == 400
    with pytest.raises(PermissionDenied):
        instrument_save(actor=officer, organisation=cq_lab, data={"name_en": "X"}, fees=[])
    after = (
        list(Instrument.objects.values_list("pk", "name_en", "updated_at")),
        list(InstrumentFee.objects.values_list("pk", "hourly_rate")),
    )
    assert after == before


@pytest.mark.parametrize(
    ("data", "fees", "field"),
    [
        ({"name_en": "", "category": "imaging"}, [], "name_en"),
        ({"name_en": "A", "category": "imaging", "slot_minutes": 2}, [], "slot_minutes"),
        (
            {"name_en": "A", "category": "imaging"},
            [FeeInput("academic", "USD", Decimal(1))],
            "fees",
        ),
        (
            {"name_en": "A", "category": "imaging"},
            [FeeInput("academic", "HKD", Decimal(1)), FeeInput("academic", "HKD", Decimal(2))],
            "fees",
        ),
        (
            {"name_en": "A", "category": "imaging"},
            [FeeInput("academic", "HKD", Decimal(-1))],
            "fees",
        ),
    ],
)
def test_invalid_instruments_are_refused_and_nothing_is_saved(
    cq_lab: Organisation, manager: User, data: dict[str, Any], fees: list[FeeInput], field: str
) -> None:
    with pytest.raises(ServiceValidationError) as raised:
        instrument_save(actor=manager, organisation=cq_lab, data=data, fees=fees)
    assert set(raised.value.message_dict) == {field}
    assert not Instrument.objects.exists() and not InstrumentFee.objects.exists()
