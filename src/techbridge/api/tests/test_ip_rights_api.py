"""IP rights over the API: written with a listing, read back with its detail at the detail
tier only, refused with the service's field errors, and kept when an update leaves them out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.models import IPRight, Listing, ListingEvent
from techbridge.catalogue.tests.published import Catalogue

pytestmark = pytest.mark.django_db


def _bearer(user: User) -> dict[str, str]:
    _token, secret = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {secret}"}


def _right(**changes: Any) -> dict[str, Any]:
    right = {
        "type": "invention_patent",
        "number": "ZL202310001234.5",
        "territory": "CN",
        "status": "granted",
        "filed_on": "2023-01-05",
        "granted_on": "2024-06-01",
        "owners": [
            {"name": "University A", "share_percent": "60"},
            {"name": "Chongqing B", "share_percent": "40"},
        ],
    }
    right.update(changes)
    return right


def _body(owner: Organisation, **changes: Any) -> dict[str, Any]:
    body = {
        "kind": "offer",
        "owner": owner.slug,
        "original_language": "en",
        "texts": {"en": {"title": "Laser welding of thin steel", "summary": "Fast and clean."}},
        "trl": 5,
        "ip_rights": [_right()],
    }
    body.update(changes)
    return body


def _rights(listing: Listing) -> list[tuple[Any, ...]]:
    return [
        (
            right.right_type,
            right.territory,
            right.number,
            right.status,
            right.filed_on,
            right.granted_on,
            [(owner.name, owner.share_percent) for owner in right.owners.all()],
        )
        for right in listing.ip_rights.all()
    ]


def test_rights_written_on_create_are_read_back_in_the_detail(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    headers = _bearer(officer)
    created = client.post(
        "/api/v1/listings", _body(hk_university), content_type="application/json", headers=headers
    )
    assert created.status_code == 201
    listing = Listing.objects.get()
    assert _rights(listing) == [
        (
            "invention_patent",
            "CN",
            "ZL202310001234.5",
            "granted",
            date(2023, 1, 5),
            date(2024, 6, 1),
            [("University A", Decimal("60.00")), ("Chongqing B", Decimal("40.00"))],
        )
    ]
    detail = client.get(f"/api/v1/listings/{listing.reference}", headers=headers).json()
    assert detail["ip_rights"] == [
        {
            **_right(),
            "owners": [
                {"name": "University A", "share_percent": "60.00"},
                {"name": "Chongqing B", "share_percent": "40.00"},
            ],
        }
    ]


def test_shares_not_adding_up_are_refused_as_problem_json_and_nothing_changes(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    headers = _bearer(officer)
    bad = _right(
        owners=[{"name": "A", "share_percent": "60"}, {"name": "B", "share_percent": "30"}]
    )
    refused = client.post(
        "/api/v1/listings",
        _body(hk_university, ip_rights=[bad]),
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["errors"] == {
        "ip_rights_1_owners": ["The owners' shares must add up to 100%."]
    }
    assert not Listing.objects.exists()

    client.post(
        "/api/v1/listings", _body(hk_university), content_type="application/json", headers=headers
    )
    listing = Listing.objects.get()
    before, events = _rights(listing), ListingEvent.objects.count()
    late_grant = _right(filed_on="2024-06-01", granted_on="2023-01-05")
    twice = [_right(), _right(type="utility_model")]
    for rights, key in ((twice, "ip_rights_2_number"), ([late_grant], "ip_rights_1_granted_on")):
        refused = client.put(
            f"/api/v1/listings/{listing.reference}",
            _body(hk_university, ip_rights=rights),
            content_type="application/json",
            headers=headers,
        )
        assert refused.status_code == 400
        assert set(refused.json()["errors"]) == {key}
    assert _rights(listing) == before
    assert ListingEvent.objects.count() == events


def test_update_replaces_rights_and_an_update_without_them_keeps_them(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    headers = _bearer(officer)
    client.post(
        "/api/v1/listings", _body(hk_university), content_type="application/json", headers=headers
    )
    listing = Listing.objects.get()
    url = f"/api/v1/listings/{listing.reference}"
    hk = _right(number="HK30012345", territory="HK", status="filed", granted_on=None)
    hk["owners"] = [{"name": "University A", "share_percent": "100"}]
    replaced = client.put(
        url, _body(hk_university, ip_rights=[hk]), content_type="application/json", headers=headers
    )
    assert replaced.status_code == 200
    expected = [
        (
            "invention_patent",
            "HK",
            "HK30012345",
            "filed",
            date(2023, 1, 5),
            None,
            [("University A", Decimal("100.00"))],
        )
    ]
    assert _rights(listing) == expected
    event = ListingEvent.objects.filter(listing=listing).latest("pk")
    assert event.verb == "updated" and set(event.changes) == {"ip_rights"}

    without = _body(hk_university)
    del without["ip_rights"]
    assert client.put(url, without, content_type="application/json", headers=headers).status_code
    assert _rights(listing) == expected

    cleared = client.put(
        url, _body(hk_university, ip_rights=[]), content_type="application/json", headers=headers
    )
    assert cleared.status_code == 200
    assert not IPRight.objects.filter(listing=listing).exists()


def test_rights_are_null_below_the_detail_tier(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    url = f"/api/v1/listings/{catalogue.offer.reference}"
    assert catalogue.offer.ip_rights.exists()
    assert client.get(url).json()["ip_rights"] is None
    registered = client.get(url, headers=_bearer(outsider)).json()
    assert [right["number"] for right in registered["ip_rights"]] == ["HK1234567"]
