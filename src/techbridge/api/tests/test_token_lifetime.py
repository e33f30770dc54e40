"""API tokens expire, may be read-only, and carry their creator's second factor: a staff
token made without one reads (and acts) as its owner's memberships allow, not at NDA tier."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import formats, timezone
from freezegun import freeze_time

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import StaffFactory
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.api.models import ApiToken
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.choices import DisclosureTier
from techbridge.catalogue.models import ConfidentialView, Listing
from techbridge.catalogue.services import (
    listing_create,
    listing_publish,
    listing_submit_for_review,
)
from techbridge.catalogue.tests.factories import offer_input

pytestmark = pytest.mark.django_db

NDA_CANARY = "zqxndatiercanaryzq"
LISTING_BODY = {
    "kind": "offer",
    "owner": "",
    "original_language": "en",
    "texts": {"en": {"title": "Laser welding of thin steel", "summary": "Fast and clean."}},
    "trl": 5,
    "areas": ["innovation_technology"],
}


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _secret_from(page: str) -> str:
    return page.split('<code id="new-token">', 1)[1].split("</code>", 1)[0]


def test_a_token_expires_after_the_lifetime_with_a_clear_401(client: Client, officer: User) -> None:
    created = timezone.now()
    with freeze_time(created):
        token, secret = api_token_create(user=officer, name="sync")
    assert token.expires_at == created + timedelta(days=90)
    with freeze_time(created + timedelta(days=89, hours=23)):
        assert client.get("/api/v1/listings", headers=_bearer(secret)).status_code == 200
    last_used = ApiToken.objects.get().last_used_at
    with freeze_time(created + timedelta(days=90)):
        refused = client.get("/api/v1/listings", headers=_bearer(secret))
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["WWW-Authenticate"] == "Bearer"
    problem = refused.json()
    assert problem["status"] == 401
    assert problem["detail"].startswith("This API token expired on ")
    assert "Create a new one on your API tokens page." in problem["detail"]
    assert ApiToken.objects.get().last_used_at == last_used  # an expired token is not "used"


def test_the_lifetime_follows_the_setting(officer: User, settings: Any) -> None:
    settings.TECHBRIDGE_API_TOKEN_DAYS = 7
    now = timezone.now()
    token, _secret = api_token_create(user=officer, name="short", now=now)
    assert token.expires_at == now + timedelta(days=7)


def test_a_read_only_token_reads_and_is_refused_every_unsafe_method(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    _token, secret = api_token_create(user=officer, name="reader", read_only=True)
    assert client.get("/api/v1/listings", headers=_bearer(secret)).status_code == 200
    body = {**LISTING_BODY, "owner": hk_university.slug}
    for method in ("post", "put", "patch", "delete"):
        refused = getattr(client, method)(
            "/api/v1/listings", body, content_type="application/json", headers=_bearer(secret)
        )
        assert refused.status_code == 403, method
        assert refused["Content-Type"] == "application/problem+json"
        assert refused.json()["detail"] == (
            "This API token is read-only: it may only read (GET, HEAD, OPTIONS)."
        )
    assert not Listing.objects.exists()
    # The same user's ordinary token may write.
    _token, writer = api_token_create(user=officer, name="writer")
    created = client.post(
        "/api/v1/listings", body, content_type="application/json", headers=_bearer(writer)
    )
    assert created.status_code == 201
    assert Listing.objects.count() == 1


def test_the_token_page_creates_read_only_tokens_and_shows_expiry(
    client: Client, officer: User
) -> None:
    client.force_login(officer)
    page = client.post("/en/my/tokens/", {"name": "dashboard", "read_only": "on"})
    assert page.status_code == 200
    token = ApiToken.objects.get()
    assert (token.read_only, token.second_factor) == (True, False)  # no OTP in this session
    expiry = formats.date_format(timezone.localtime(token.expires_at))
    listing = client.get("/en/my/tokens/").content.decode()
    assert "Read-only" in listing
    assert expiry in listing and f"Expired on {expiry}" not in listing
    assert "A token stops working 90 days after it is created" in listing
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    expires_at = timezone.localtime(ApiToken.objects.get().expires_at).replace(microsecond=0)
    expired_on = formats.date_format(expires_at)
    assert (
        f'Expired on <time datetime="{expires_at.isoformat()}">{expired_on}</time>'
        in client.get("/en/my/tokens/").content.decode()
    )
    client.post("/en/my/tokens/", {"name": "writer"})
    assert ApiToken.objects.get(name="writer").read_only is False


@pytest.fixture
def nda_listing(search_index_dir: Path, officer: User, hk_university: Organisation) -> Listing:
    """Published, its detail for deal parties under NDA (and platform staff) only."""
    english = offer_input(hk_university).texts["en"]
    texts = {"en": replace(english, description=f"{english.description} {NDA_CANARY}")}
    data = replace(offer_input(hk_university, texts=texts), detail_tier=DisclosureTier.PARTIES)
    listing = listing_create(actor=officer, data=data)
    listing_submit_for_review(actor=officer, listing=listing)
    publisher = StaffFactory.create(email="publisher@platform.example.org")
    return listing_publish(actor=publisher, listing=listing)


def test_a_staff_token_made_after_the_second_factor_reads_nda_detail(
    client: Client, nda_listing: Listing
) -> None:
    staff = StaffFactory.create(email="analyst@platform.example.org")
    log_in_verified(client, staff)
    secret = _secret_from(client.post("/en/my/tokens/", {"name": "review"}).content.decode())
    assert ApiToken.objects.get(user=staff).second_factor is True
    client.logout()
    detail = client.get(f"/api/v1/listings/{nda_listing.reference}", headers=_bearer(secret))
    assert detail.status_code == 200
    assert detail.json()["detail_visible"] is True
    assert NDA_CANARY in detail.json()["description"]


def test_a_staff_token_without_the_second_factor_reads_as_a_registered_member(
    client: Client, nda_listing: Listing, officer: User, hk_university: Organisation
) -> None:
    staff = StaffFactory.create(email="analyst@platform.example.org")
    token, secret = api_token_create(user=staff, name="legacy")
    # As a token from before tokens recorded the second factor (migration 0003) is.
    ApiToken.objects.filter(pk=token.pk).update(second_factor=False)
    detail = client.get(f"/api/v1/listings/{nda_listing.reference}", headers=_bearer(secret))
    assert detail.status_code == 200
    data = detail.json()
    assert data["detail_visible"] is False
    assert data["description"] is None
    assert NDA_CANARY not in json.dumps(data)
    assert not ConfidentialView.objects.exists()

    # Nor does it act as a platform administrator: publishing is refused, nothing changes.
    draft = listing_create(actor=officer, data=offer_input(hk_university))
    listing_submit_for_review(actor=officer, listing=draft)
    status_before = Listing.objects.get(pk=draft.pk).status
    refused = client.post(f"/api/v1/listings/{draft.reference}/publish", headers=_bearer(secret))
    assert refused.status_code == 403
    assert Listing.objects.get(pk=draft.pk).status == status_before
    # A token of the same staff member made with the second factor publishes it.
    _token, verified = api_token_create(user=staff, name="fresh")
    published = client.post(
        f"/api/v1/listings/{draft.reference}/publish", headers=_bearer(verified)
    )
    assert published.status_code == 200
    assert Listing.objects.get(pk=draft.pk).status == "published"
