"""The owner of an anonymous listing stays unnamed to the interested organisation on every deal
surface (deal page, my deals, messages, documents, history and its download) until it accepts
the interest; the owner sees who is interested from the start. A step that ends the deal for
good (decline, withdraw, close as lost) asks for confirmation first."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.services.inputs import TextInput
from techbridge.catalogue.tests.factories import offer_input
from techbridge.pipeline.models import Deal
from techbridge.pipeline.services import (
    deal_advance,
    deal_document_upload,
    deal_express_interest,
    deal_message_post,
)
from techbridge.pipeline.tests.fixtures import publish

pytestmark = pytest.mark.django_db

OWNER_MARKS = ("Test HK University", "test-hk-uni")
LABEL = "Not disclosed yet: University, Hong Kong"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def deal(
    officer: User,
    reviewer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
    private_uploads: Storage,
) -> Deal:
    data = offer_input(hk_university, is_anonymous=True)
    listing = publish(officer, reviewer, listing_create(actor=officer, data=data))
    deal = deal_express_interest(
        actor=outsider, listing=listing, organisation=cq_enterprise, message="We are keen."
    )
    # The owner talks and shares a file before deciding: still unnamed.
    deal_message_post(actor=officer, deal=deal, body="Tell us about your clinics.")
    deal_document_upload(actor=officer, deal=deal, upload=SimpleUploadedFile("brochure.pdf", PDF))
    return deal_advance(actor=officer, deal=deal, event="screen")


def _surfaces(client: Client, deal: Deal) -> dict[str, str]:
    history = client.get(f"/en/deals/{deal.pk}/history.jsonl")
    assert history.status_code == 200
    return {
        "deal page": client.get(f"/en/deals/{deal.pk}/").content.decode(),
        "my deals": client.get("/en/my/deals/").content.decode(),
        "history download": history.content.decode(),
    }


def test_interested_party_sees_region_and_type_only_until_the_owner_accepts(
    client: Client, deal: Deal, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    client.force_login(outsider)
    surfaces = _surfaces(client, deal)
    for name, content in surfaces.items():
        for mark in OWNER_MARKS:
            assert mark not in content, f"{mark} on {name}"
    page = surfaces["deal page"]
    assert f'<dd id="deal-owner">{LABEL}</dd>' in page
    # the owner line, the message, the document, and three events in the history
    assert page.count(LABEL) == 1 + 1 + 1 + 3
    assert f"<td>{LABEL}</td>" in surfaces["my deals"]
    lines = [json.loads(line) for line in surfaces["history download"].splitlines()]
    redacted = [line["verb"] for line in lines if "redacted" in line]
    assert redacted == ["message_posted", "document_uploaded", "screen"]
    assert {line["organisation"] for line in lines} == {None, cq_enterprise.pk}
    assert {line["actor"] for line in lines} == {outsider.pk, None}

    deal_advance(actor=officer, deal=deal, event="accept")
    deal.refresh_from_db()
    assert deal.owner_disclosed_at is not None
    surfaces = _surfaces(client, deal)
    assert '<dd id="deal-owner">Test HK University</dd>' in surfaces["deal page"]
    assert LABEL not in surfaces["deal page"]
    assert "<td>Test HK University</td>" in surfaces["my deals"]
    assert "redacted" not in surfaces["history download"]


def test_owner_sees_who_is_interested_from_the_start(
    client: Client, deal: Deal, officer: User
) -> None:
    client.force_login(officer)
    surfaces = _surfaces(client, deal)
    assert '<dd id="deal-owner">Test HK University</dd>' in surfaces["deal page"]
    assert "测试重庆企业" in surfaces["deal page"]
    assert LABEL not in surfaces["deal page"] and "redacted" not in surfaces["history download"]


def test_a_declined_interest_never_discloses_the_owner(
    client: Client, deal: Deal, officer: User, outsider: User
) -> None:
    deal_advance(actor=officer, deal=deal, event="decline")
    client.force_login(outsider)
    for name, content in _surfaces(client, deal).items():
        for mark in OWNER_MARKS:
            assert mark not in content, f"{mark} on {name}"


def test_a_named_listing_names_its_owner_at_once(
    client: Client,
    officer: User,
    reviewer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> None:
    listing = publish(
        officer, reviewer, listing_create(actor=officer, data=offer_input(hk_university))
    )
    deal = deal_express_interest(actor=outsider, listing=listing, organisation=cq_enterprise)
    client.force_login(outsider)
    assert '<dd id="deal-owner">Test HK University</dd>' in _surfaces(client, deal)["deal page"]


@pytest.mark.parametrize(
    ("actor_name", "event"), [("officer", "decline"), ("outsider", "withdraw")]
)
def test_a_final_step_asks_first_and_changes_nothing_until_confirmed(
    client: Client, deal: Deal, request: pytest.FixtureRequest, actor_name: str, event: str
) -> None:
    client.force_login(request.getfixturevalue(actor_name))
    events = deal.events.count()
    url = f"/en/deals/{deal.pk}/do/advance/"

    asked = client.post(url, {"event": event, "idempotency_key": "k1"})
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "for good" in page and "cannot be reopened" in page
    assert '<input type="hidden" name="confirmed" value="yes">' in page
    assert '<input type="hidden" name="idempotency_key" value="k1">' in page
    deal.refresh_from_db()
    assert (deal.stage, deal.events.count()) == ("screening", events)

    done = client.post(url, {"event": event, "idempotency_key": "k1", "confirmed": "yes"})
    assert done.status_code == 302
    deal.refresh_from_db()
    assert (deal.stage, deal.events.count()) == ("closed", events + 1)


def test_a_reversible_step_needs_no_confirmation(client: Client, deal: Deal, officer: User) -> None:
    client.force_login(officer)
    response = client.post(f"/en/deals/{deal.pk}/do/advance/", {"event": "accept"})
    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.stage == "nda"


def test_the_deal_api_names_the_owner_only_after_acceptance(
    client: Client, deal: Deal, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    from techbridge.api.tokens import api_token_create

    _token, secret = api_token_create(user=outsider, name="test")
    headers = {"Authorization": f"Bearer {secret}"}
    shown = client.get(f"/api/v1/deals/{deal.pk}", headers=headers).json()
    assert (shown["owner"], shown["owner_region"], shown["owner_type"]) == (
        None,
        "hk",
        "university",
    )
    listed = client.get("/api/v1/deals", headers=headers).json()
    assert [item["owner"] for item in listed["results"]] == [None]
    messages = client.get(f"/api/v1/deals/{deal.pk}/messages", headers=headers).json()
    assert [m["organisation"] for m in messages["results"]] == [cq_enterprise.slug, None]
    for body in (shown, listed, messages):
        for mark in OWNER_MARKS:
            assert mark not in str(body)

    deal_advance(actor=officer, deal=deal, event="accept")
    shown = client.get(f"/api/v1/deals/{deal.pk}", headers=headers).json()
    assert shown["owner"] == "test-hk-uni"
    messages = client.get(f"/api/v1/deals/{deal.pk}/messages", headers=headers).json()
    assert [m["organisation"] for m in messages["results"]] == [cq_enterprise.slug, "test-hk-uni"]


@pytest.mark.parametrize(
    ("language", "title", "secondary"),
    [
        ("en", "Portable ultrasound tumour imaging", "Deal on {reference} · "),
        ("zh-hant", "便攜式超聲腫瘤成像", "關於 {reference} 的交易 · "),
        ("zh-hans", "便携式超声肿瘤成像", "关于 {reference} 的交易 · "),
    ],
)
def test_the_deal_page_is_titled_by_the_listing_in_the_readers_language(
    client: Client,
    officer: User,
    reviewer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
    language: str,
    title: str,
    secondary: str,
) -> None:
    data = offer_input(hk_university, is_anonymous=True)
    texts = {
        **data.texts,
        "zh-hans": TextInput(title="便携式超声肿瘤成像", summary="手持超声探头。"),
    }
    listing = publish(
        officer, reviewer, listing_create(actor=officer, data=replace(data, texts=texts))
    )
    deal = deal_express_interest(actor=outsider, listing=listing, organisation=cq_enterprise)
    client.force_login(outsider)
    page = client.get(f"/{language}/deals/{deal.pk}/").content.decode()
    reference = listing.reference
    assert f"<title>{title} · " in page
    assert f"<h1>{title}</h1>" in page
    # The reference stays, as secondary text beside the way to the listing.
    assert (
        f'<p class="kind">{secondary.format(reference=reference)}'
        f'<a href="/{language}/listings/{reference}/">'
    ) in page
    # The listing's title names no owner: the anonymous owner stays unnamed.
    for mark in OWNER_MARKS:
        assert mark not in page
