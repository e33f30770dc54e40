"""The access matrix (access_matrix.py), checked route by route and role by role: the exact
status, the confidential canary only where allowed, and no change from a refused request."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from techbridge.accounts.models import JoinRequest, Membership, Organisation, User
from techbridge.accounts.organisations import organisation_request_join
from techbridge.accounts.tests.factories import UserFactory
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.api.models import ApiToken
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.services import listing_submit_for_review
from techbridge.catalogue.tests.factories import create_offer
from techbridge.catalogue.tests.published import CANARY, Catalogue
from techbridge.facilities.models import Booking, Instrument, InstrumentFee, InstrumentTraining
from techbridge.matching.models import SavedSearch, Suggestion, SuggestionFeedback
from techbridge.pipeline.models import Deal, DealEvent, DealMessage
from techbridge.pipeline.services import deal_document_upload, deal_express_interest
from techbridge.web.tests.access_matrix import MATRIX, ROLES, Rule

pytestmark = pytest.mark.django_db


def _all_routes() -> set[str]:
    def walk(resolver: URLResolver, prefix: str) -> set[str]:
        names: set[str] = set()
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                namespace = pattern.namespace
                if namespace in ("admin", "secretariat"):
                    names.add(f"{namespace}:index")  # admin sites check their own permissions
                    continue
                names |= walk(pattern, f"{prefix}{namespace}:" if namespace else prefix)
            elif pattern.name:
                names.add(prefix + pattern.name)
        return names

    return walk(get_resolver(), "")


def test_every_route_is_in_the_matrix() -> None:
    missing = _all_routes() - {rule.route for rule in MATRIX}
    assert not missing, f"add these routes to web/tests/access_matrix.py: {sorted(missing)}"


def _user_for(role: str, officer: User, outsider: User, reviewer: User) -> User | None:
    if role == "registered":
        return UserFactory.create(email="reader@example.org")
    return {"member": officer, "other_member": outsider, "staff": reviewer}.get(role)


def _write_body(owner: Organisation, title: str) -> dict[str, Any]:
    return {
        "kind": "offer",
        "owner": owner.slug,
        "original_language": "en",
        "texts": {"en": {"title": title, "summary": "A summary.", "description": CANARY}},
        "trl": 4,
    }


def _url(
    rule: Rule, catalogue: Catalogue, owner: Organisation, author: User, requester: User
) -> str:
    """The rule's URL; creates what it acts on (a listing in review, a token) first."""
    args: list[Any] = []
    if rule.target == "in_review":
        in_review = create_offer(author, owner, keywords=("review",))
        listing_submit_for_review(actor=author, listing=in_review)
        args = [in_review.reference]
    elif rule.target == "members_token":
        args = [api_token_create(user=author, name="matrix")[0].pk]
    elif rule.target == "booking":
        microscope = Instrument.objects.create(
            organisation=owner, name_en="Microscope", category="imaging", lead_time_days=0
        )
        start = timezone.now() + timedelta(days=3)
        args = [
            Booking.objects.create(
                instrument=microscope,
                requester=requester,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
            ).pk
        ]
    elif rule.target == "used_booking":
        lathe = Instrument.objects.create(
            organisation=owner, name_en="Lathe", category="fabrication", lead_time_days=0
        )
        start = timezone.now() - timedelta(days=1)
        args = [
            Booking.objects.create(
                instrument=lathe,
                requester=requester,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                status="approved",
            ).pk
        ]
    elif rule.target == "instrument":
        args = [
            Instrument.objects.create(
                organisation=owner, name_en="Microscope", category="imaging"
            ).pk
        ]
    elif rule.target in ("deal", "deal_message", "deal_document"):
        deal = deal_express_interest(
            actor=requester,
            listing=catalogue.offer,
            organisation=Membership.objects.filter(user=requester).first().organisation,  # type: ignore[union-attr]
        )
        args = [deal.pk]
        if rule.target == "deal_message":
            args.append("message")
        if rule.target == "deal_document":
            upload = SimpleUploadedFile("terms.pdf", b"%PDF-1.4\n% matrix\n")
            args.append(deal_document_upload(actor=author, deal=deal, upload=upload).pk)
    elif rule.target == "suggestion":
        args = [
            Suggestion.objects.create(
                source=catalogue.offer, candidate=catalogue.need, score=1, relevance=1, factor=1
            ).pk
        ]
    elif rule.target == "saved_search":
        args = [SavedSearch.objects.create(user=requester, query="ultrasound").pk]
    elif rule.target == "join_request":
        applicant = UserFactory.create(email="applicant@example.org")
        args = [organisation_request_join(actor=applicant, organisation=owner).pk]
    else:
        args = {
            "published": [catalogue.offer.reference],
            "draft": [catalogue.draft.reference],
            "bad_token": ["not-a-token"],
            "bad_reset": ["MQ", "bad-token"],
            "organisation": [owner.slug],
            "export_csv": ["csv"],
            "area": ["innovation_technology"],
            "programme_csv": ["indicators"],
            "area_csv": ["innovation_technology", "indicators"],
        }.get(rule.target, [])
    with translation.override("en"):
        return reverse(rule.route, args=args)


def _send(rule: Rule, client: Client, url: str, owner: Organisation) -> Any:
    query = {"q": CANARY} if rule.target == "canary_query" else {}
    if rule.method == "GET":
        return client.get(url, query)
    if rule.body in ("new_listing", "edit_draft"):
        title = "Created by API" if rule.body == "new_listing" else "Edited by API"
        body = json.dumps(_write_body(owner, title))
        send = client.post if rule.method == "POST" else client.put
        return send(url, body, content_type="application/json")
    if rule.body == "publish":
        return client.post(url, {"decision": "publish"})
    if rule.body == "reason":
        reason = json.dumps({"reason": "Please add the patent number."})
        return client.post(url, reason, content_type="application/json")
    if rule.body == "approve":
        return client.post(url, {"decision": "approve"})
    if rule.body == "interest":
        organisations = Membership.objects.filter(user__email="outsider@cq.example.org")
        return client.post(url, {"organisation": organisations[0].organisation_id, "message": "Hi"})
    if rule.body == "api_interest":
        cq = Membership.objects.filter(user__email="outsider@cq.example.org")[0].organisation
        offer = Listing.objects.filter(status="published", owner=owner).first()
        assert offer is not None
        body = json.dumps({"listing": offer.reference, "organisation": cq.slug})
        return client.post(url, body, content_type="application/json")
    if rule.body == "hours":
        return client.post(url, {"actual_hours": "1.5"})
    if rule.body == "trainee":
        return client.post(url, {"email": "outsider@cq.example.org"})
    if rule.body == "instrument":
        return client.post(
            url,
            {
                "organisation": owner.pk,
                "name_en": "Listed by the matrix",
                "category": "imaging",
                "lead_time_days": "1",
                "slot_minutes": "60",
                "requires_approval": "on",
                "is_active": "on",
                "fee_academic_hkd": "300",
            },
        )
    if rule.body == "useful":
        return client.post(url, {"useful": "1"})
    if rule.body == "save_search":
        return client.post(url, {"q": "ultrasound", "kind": "offer"})
    if rule.body == "api_screen":
        return client.post(url, json.dumps({"event": "screen"}), content_type="application/json")
    if rule.body == "message" and rule.route.startswith("api:"):
        body = json.dumps({"body": "A question about the licence."})
        return client.post(url, body, content_type="application/json")
    if rule.body == "message":
        return client.post(url, {"body": "A question about the licence."})
    if rule.body == "invite":
        return client.post(url, {"email": "new.colleague@example.org", "role": "member"})
    return client.post(url, {"language": "zh-hans"} if rule.route == "set_language" else {})


def _state() -> tuple[Any, ...]:
    return (
        sorted(Listing.objects.values_list("reference", "status", "updated_at")),
        ListingEvent.objects.count(),
        sorted(ApiToken.objects.values_list("pk", "revoked_at")),
        sorted(Membership.objects.values_list("user_id", "organisation_id", "role")),
        sorted(JoinRequest.objects.values_list("pk", "status")),
        len(mail.outbox),
        sorted(Booking.objects.values_list("pk", "status")),
        sorted(Instrument.objects.values_list("pk", "name_en", "updated_at")),
        sorted(InstrumentFee.objects.values_list("instrument_id", "user_category", "hourly_rate")),
        sorted(InstrumentTraining.objects.values_list("instrument_id", "user_id")),
        sorted(Deal.objects.values_list("pk", "stage", "event_count")),
        DealEvent.objects.count(),
        DealMessage.objects.count(),
        sorted(SuggestionFeedback.objects.values_list("user_id", "useful")),
        sorted(SavedSearch.objects.values_list("pk", "user_id", "query")),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", MATRIX, ids=lambda r: f"{r.method} {r.route} {r.target}")
def test_matrix(
    rule: Rule,
    role: str,
    client: Client,
    catalogue: Catalogue,
    officer: User,
    outsider: User,
    reviewer: User,
    hk_university: Organisation,
    private_uploads: Any,
) -> None:
    user = _user_for(role, officer, outsider, reviewer)
    if user is not None and role == "staff":
        log_in_verified(client, user)
    elif user is not None:
        client.force_login(user)
    url = _url(rule, catalogue, hk_university, officer, outsider)
    before = _state()
    response = _send(rule, client, url, hk_university)
    assert response.status_code == rule.expected[role]
    streamed = getattr(response, "streaming", False)
    body = b"".join(response.streaming_content if streamed else [response.content]).decode()
    if rule.target == "canary_query":
        # The query itself is echoed in the search box; count results, not occurrences.
        found = catalogue.offer.reference in body
        assert found == (role in rule.sees)
    elif role in rule.sees:
        assert CANARY in body
    else:
        assert CANARY not in body
    if role not in rule.changes:
        assert _state() == before
