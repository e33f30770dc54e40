"""The admin's editable vocabularies refuse control characters in their texts, like every
other door, and a refused change leaves the row as it was."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from techbridge.accounts.models import User
from techbridge.catalogue.admin import SectorAdmin
from techbridge.catalogue.models import Sector

pytestmark = pytest.mark.django_db


def test_sector_admin_form_refuses_control_characters(reviewer: User) -> None:
    sector = Sector.objects.create(code="medtech", name_en="Medical technology")
    request = RequestFactory().post("/en/admin/catalogue/sector/")
    request.user = reviewer
    form_class = SectorAdmin(Sector, admin.site).get_form(request, sector)
    data = {
        "code": "medtech",
        "name_en": "Medical\x0btechnology",
        "name_zh_hant": "醫療\x1b科技",
        "name_zh_hans": "医疗科技",
    }
    form = form_class(data, instance=sector)
    assert not form.is_valid()
    assert set(form.errors) == {"name_en", "name_zh_hant"}
    assert form.errors["name_en"] == [
        "This text contains line breaks, tabs or control characters; remove them."
    ]
    sector.refresh_from_db()
    assert (sector.name_en, sector.name_zh_hant) == ("Medical technology", "")

    accepted = form_class(
        {**data, "name_en": "Medical technology", "name_zh_hant": "醫療科技"}, instance=sector
    )
    assert accepted.is_valid(), accepted.errors
