"""Only a deal's two parties see it: the administration site shows staff no deal, agreement or
NDA of anyone's (the secretariat works from aggregate figures)."""

from __future__ import annotations

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import StaffFactory
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import NDA, Agreement, Deal
from techbridge.pipeline.tests.fixtures import signed_deal

pytestmark = pytest.mark.django_db


def test_staff_find_no_deal_in_the_administration_site(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
) -> None:
    deal = signed_deal(nda_offer, officer, outsider, cq_enterprise)
    assert (Deal.objects.count(), Agreement.objects.count(), NDA.objects.count()) == (1, 1, 1)
    superuser = StaffFactory.create(email="root@platform.example.org", is_superuser=True)
    log_in_verified(client, superuser)

    index = client.get("/en/admin/")
    assert index.status_code == 200
    page = index.content.decode()
    assert "/en/admin/pipeline/ndatemplate/" in page
    for model in ("deal", "agreement", "nda", "dealevent"):
        assert f"/en/admin/pipeline/{model}/" not in page
        assert client.get(f"/en/admin/pipeline/{model}/").status_code == 404
    assert client.get(f"/en/admin/pipeline/deal/{deal.pk}/change/").status_code == 404
    assert nda_offer.reference not in client.get("/en/admin/pipeline/").content.decode()
