"""Deals over the API: interest with an idempotency key, steps, messages, and nothing for
anyone outside the deal."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import Deal, DealEvent

pytestmark = pytest.mark.django_db


def _bearer(user: User) -> dict[str, str]:
    secret = api_token_create(user=user, name="test")[1]
    return {"Authorization": f"Bearer {secret}"}


def test_interest_steps_and_messages_with_idempotency(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    third_party: User,
    cq_enterprise: Organisation,
) -> None:
    buyer, seller = _bearer(outsider), _bearer(officer)
    body = {"listing": nda_offer.reference, "organisation": cq_enterprise.slug, "message": "Hi"}
    first = client.post(
        "/api/v1/deals",
        json.dumps(body),
        content_type="application/json",
        headers={**buyer, "Idempotency-Key": "retry-1"},
    )
    again = client.post(
        "/api/v1/deals",
        json.dumps(body),
        content_type="application/json",
        headers={**buyer, "Idempotency-Key": "retry-1"},
    )
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["id"] == again.json()["id"]
    deal = Deal.objects.get()
    assert first.json() | {"stage_entered_at": None, "created_at": None} == {
        "id": deal.pk,
        "listing": nda_offer.reference,
        "owner": "test-hk-uni",  # a named listing: its owner is known from the start
        "owner_region": "hk",
        "owner_type": "university",
        "counterparty": "test-cq-co",
        "stage": "interest",
        "outcome": "",
        "stage_entered_at": None,
        "direction": "hk_cq",
        "export_classification": "",
        "created_at": None,
        "your_side": "counterparty",
        "next_events": ["withdraw"],
    }
    assert DealEvent.objects.count() == 2  # interest and its message, once

    for _ in range(2):
        screened = client.post(
            f"/api/v1/deals/{deal.pk}/events",
            json.dumps({"event": "screen"}),
            content_type="application/json",
            headers={**seller, "Idempotency-Key": "screen-1"},
        )
        assert screened.status_code == 200
    assert screened.json()["stage"] == "screening"
    assert screened.json()["next_events"] == ["accept", "decline"]
    assert DealEvent.objects.filter(verb="screen").count() == 1

    refused = client.post(
        f"/api/v1/deals/{deal.pk}/events",
        json.dumps({"event": "accept"}),
        content_type="application/json",
        headers=buyer,
    )
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert Deal.objects.get().stage == "screening"

    posted = client.post(
        f"/api/v1/deals/{deal.pk}/messages",
        json.dumps({"body": "NDA draft attached?"}),
        content_type="application/json",
        headers=seller,
    )
    assert posted.status_code == 201
    thread = client.get(f"/api/v1/deals/{deal.pk}/messages", headers=buyer).json()["results"]
    assert [(m["organisation"], m["body"]) for m in thread] == [
        ("test-cq-co", "Hi"),
        ("test-hk-uni", "NDA draft attached?"),
    ]

    stranger = _bearer(third_party)
    assert client.get(f"/api/v1/deals/{deal.pk}", headers=stranger).status_code == 404
    assert client.get("/api/v1/deals", headers=stranger).json()["count"] == 0
    events_before = DealEvent.objects.count()
    sneaky = client.post(
        f"/api/v1/deals/{deal.pk}/messages",
        json.dumps({"body": "x"}),
        content_type="application/json",
        headers=stranger,
    )
    assert sneaky.status_code == 404
    assert DealEvent.objects.count() == events_before


def test_message_sent_twice_with_one_key_is_posted_once(
    client: Client, nda_offer: Listing, outsider: User, cq_enterprise: Organisation
) -> None:
    from techbridge.pipeline.models import DealMessage
    from techbridge.pipeline.services import deal_express_interest

    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    buyer = _bearer(outsider)
    responses = [
        client.post(
            f"/api/v1/deals/{deal.pk}/messages",
            json.dumps({"body": "Can we see the data sheet?"}),
            content_type="application/json",
            headers={**buyer, "Idempotency-Key": "msg-1"},
        )
        for _ in range(2)
    ]
    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].json() == responses[1].json()
    assert list(DealMessage.objects.values_list("body", flat=True)) == [
        "Can we see the data sheet?"
    ]
    assert list(
        DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", flat=True)
    ) == ["interest_expressed", "message_posted"]

    # Without a key, each request is its own message.
    client.post(
        f"/api/v1/deals/{deal.pk}/messages",
        json.dumps({"body": "Can we see the data sheet?"}),
        content_type="application/json",
        headers=buyer,
    )
    assert DealMessage.objects.count() == 2


def test_prohibited_technology_refusal_is_explained_in_the_problem(
    client: Client, cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    from techbridge.pipeline.services import (
        deal_advance,
        deal_export_classify,
        deal_express_interest,
        nda_confirm,
    )

    deal = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    deal_advance(actor=outsider, deal=deal, event="screen")
    deal_export_classify(actor=outsider, deal=deal, classification="free")
    deal_advance(actor=outsider, deal=deal, event="accept")
    nda_confirm(actor=outsider, deal=deal)
    nda_confirm(actor=officer, deal=deal)
    deal_export_classify(actor=outsider, deal=deal, classification="prohibited")
    deal.refresh_from_db()
    before = (deal.stage, deal.event_count)
    response = client.post(
        f"/api/v1/deals/{deal.pk}/events",
        json.dumps({"event": "negotiate"}),
        content_type="application/json",
        headers={**_bearer(officer), "Accept-Language": "zh-hant"},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": response.json()["title"],
        "status": 400,
        "detail": "該技術禁止出口，交易不能繼續。",
        "errors": {"__all__": ["該技術禁止出口，交易不能繼續。"]},
    }
    deal.refresh_from_db()
    assert (deal.stage, deal.event_count) == before


def test_a_key_reused_for_another_request_is_refused_with_422(
    client: Client, nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    buyer = _bearer(outsider)
    body = {"listing": nda_offer.reference, "organisation": cq_enterprise.slug}
    created = client.post(
        "/api/v1/deals",
        json.dumps(body),
        content_type="application/json",
        headers={**buyer, "Idempotency-Key": "k-1"},
    )
    assert created.status_code == 201
    deal = Deal.objects.get()
    for path, payload in (
        (f"/api/v1/deals/{deal.pk}/events", {"event": "withdraw"}),
        (f"/api/v1/deals/{deal.pk}/messages", {"body": "Hello"}),
    ):
        refused = client.post(
            path,
            json.dumps(payload),
            content_type="application/json",
            headers={**buyer, "Idempotency-Key": "k-1", "Accept-Language": "zh-hant"},
        )
        assert refused.status_code == 422, path
        assert refused["Content-Type"] == "application/problem+json"
        assert refused.json() == {
            "type": "about:blank",
            "title": "冪等鍵已被使用。",
            "status": 422,
            "detail": "此冪等鍵已用於另一個請求；新的請求請使用新的鍵。",
        }
    deal.refresh_from_db()
    assert (deal.stage, deal.outcome, deal.event_count) == ("interest", "", 1)
    assert list(DealEvent.objects.values_list("verb", flat=True)) == ["interest_expressed"]


def test_a_key_sent_again_with_another_message_is_refused_with_422(
    client: Client, nda_offer: Listing, outsider: User, cq_enterprise: Organisation
) -> None:
    buyer = _bearer(outsider)
    body = {"listing": nda_offer.reference, "organisation": cq_enterprise.slug}
    created = client.post(
        "/api/v1/deals", json.dumps(body), content_type="application/json", headers=buyer
    )
    deal = Deal.objects.get(pk=created.json()["id"])
    path = f"/api/v1/deals/{deal.pk}/messages"
    responses = [
        client.post(
            path,
            json.dumps({"body": text}),
            content_type="application/json",
            headers={**buyer, "Idempotency-Key": "m-1"},
        )
        for text in ("Hello", "Hello", "Goodbye")
    ]
    # A replay answers as the first request did.
    assert [r.status_code for r in responses] == [201, 201, 422]
    assert responses[1].json() == responses[0].json()
    assert responses[2].json()["title"] == "The idempotency key was already used."
    assert list(deal.messages.values_list("body", flat=True)) == ["Hello"]
