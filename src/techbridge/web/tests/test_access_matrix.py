"""The access matrix (access_matrix.py), checked route by route and role by role: the exact
status, the confidential canary only where allowed, and no change from a refused request; then
again with the owner's listings anonymous, its name reaching only whom each route states."""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
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
from techbridge.catalogue.services import listing_create, listing_submit_for_review
from techbridge.catalogue.services.media import listing_image_add, listing_summary_set
from techbridge.catalogue.tests.factories import create_offer, offer_input
from techbridge.catalogue.tests.media_files import pdf_bytes, png_bytes
from techbridge.catalogue.tests.published import CANARY, Catalogue
from techbridge.experts.models import ExpertProfile
from techbridge.facilities.models import Booking, Instrument, InstrumentFee, InstrumentTraining
from techbridge.matching.models import SavedSearch, Suggestion, SuggestionFeedback
from techbridge.notifications.models import Notification, NotificationPreference
from techbridge.notifications.services import notify
from techbridge.pipeline.models import Deal, DealEvent, DealMessage
from techbridge.pipeline.services import (
    deal_advance,
    deal_document_upload,
    deal_express_interest,
    deal_message_post,
)
from techbridge.pipeline.tests.fixtures import publish
from techbridge.programme.models import CooperationArea, CooperationItem
from techbridge.web.tests.access_matrix import (
    ANONYMOUS_OWNER_NAMED_TO,
    ANONYMOUS_OWNER_NAMES,
    ANONYMOUS_OWNER_SLUG,
    MATRIX,
    NAMED_ONCE_ACCEPTED,
    ROLES,
    Rule,
)

pytestmark = [
    pytest.mark.django_db,
    # Who may do what is decided in the views and services, the same on either database; the
    # ~1,400 cases run once, on SQLite, where they take a third of the time they take on
    # PostgreSQL (whose own behaviour has its tests: multi-node, locks, constraints).
    pytest.mark.skipif(
        connection.vendor == "postgresql", reason="the access matrix runs on SQLite"
    ),
]


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
    rule: Rule,
    catalogue: Catalogue,
    owner: Organisation,
    author: User,
    requester: User,
    anonymous: bool = False,
) -> str:
    """The rule's URL; creates what it acts on (a listing in review, a token) first."""
    args: list[Any] = []
    if rule.target == "in_review":
        in_review = create_offer(author, owner, keywords=("review",), is_anonymous=anonymous)
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
    elif rule.target == "bookable":
        Instrument.objects.create(
            organisation=owner, name_en="Bookable", category="imaging", lead_time_days=0
        )
    elif rule.target == "programme_item":
        area = CooperationArea.objects.get(mechanism__is_primary=True, code="innovation_technology")
        CooperationItem.objects.create(
            area=area, reference="IT-M", title_en="Matrix item", is_published=True
        )
        args = ["IT-M"]
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
            upload = SimpleUploadedFile("terms.pdf", b"%PDF-1.4\n% matrix\n%%EOF\n")
            args.append(deal_document_upload(actor=author, deal=deal, upload=upload).pk)
    elif rule.target == "suggestion":
        args = [
            Suggestion.objects.create(
                source=catalogue.offer, candidate=catalogue.need, score=1, relevance=1, factor=1
            ).pk
        ]
    elif rule.target == "saved_search":
        args = [SavedSearch.objects.create(user=requester, query="ultrasound").pk]
    elif rule.target == "notification":
        args = [notify([author], "listing_expiring", params={"reference": "X"}, link="/")[0].pk]
    elif rule.target == "expert":
        expert = ExpertProfile.objects.create(
            institution=owner,
            name_en="Matrix Expert",
            is_published=True,
            published_at=timezone.now(),
        )
        expert.listings.add(catalogue.offer)
        args = [expert.pk]
    elif rule.target in ("published_image", "draft_image", "published_summary", "draft_summary"):
        listing = catalogue.offer if rule.target.startswith("published") else catalogue.draft
        args = [listing.reference]
        if rule.target.endswith("image"):
            picture = SimpleUploadedFile("picture.png", png_bytes((40, 30)))
            args.append(listing_image_add(actor=author, listing=listing, upload=picture).pk)
        else:
            summary = SimpleUploadedFile("summary.pdf", pdf_bytes())
            listing_summary_set(actor=author, listing=listing, upload=summary)
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
    if rule.body == "api_booking":
        bookable = Instrument.objects.get(organisation=owner, name_en="Bookable")
        start = (timezone.localtime() + timedelta(days=3)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        body = json.dumps(
            {
                "instrument": bookable.pk,
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(hours=1)).isoformat(),
            }
        )
        return client.post(url, body, content_type="application/json")
    if rule.body == "api_hours":
        return client.post(
            url, json.dumps({"actual_hours": "1.5"}), content_type="application/json"
        )
    if rule.body == "publish":
        return client.post(url, {"decision": "publish"})
    if rule.body == "reason":
        reason = json.dumps({"reason": "Please add the patent number."})
        return client.post(url, reason, content_type="application/json")
    if rule.body == "approve":
        return client.post(url, {"decision": "approve"})
    if rule.body == "confirmed":  # a step that cannot be undone, as confirmed
        return client.post(url, {"confirmed": "yes"})
    if rule.body == "interest":
        organisations = Membership.objects.filter(user__email="outsider@cq.example.org")
        return client.post(url, {"organisation": organisations[0].organisation_id, "message": "Hi"})
    if rule.body == "api_interest":
        cq = Membership.objects.filter(user__email="outsider@cq.example.org")[0].organisation
        offer = Listing.objects.filter(status="published", owner=owner).order_by("pk").first()
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
        sorted(Notification.objects.values_list("pk", "read_at")),
        sorted(NotificationPreference.objects.values_list("user_id", "kind", "delivery")),
    )


def _log_in(client: Client, role: str, officer: User, outsider: User, reviewer: User) -> None:
    user = _user_for(role, officer, outsider, reviewer)
    if user is not None and role == "staff":
        log_in_verified(client, user)
    elif user is not None:
        client.force_login(user)


def _body(response: Any) -> str:
    streamed = getattr(response, "streaming", False)
    content = b"".join(response.streaming_content if streamed else [response.content])
    # Pictures and PDFs are not text: decoded leniently, a name in them would still show.
    return content.decode(errors="replace")


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
    _log_in(client, role, officer, outsider, reviewer)
    url = _url(rule, catalogue, hk_university, officer, outsider)
    before = _state()
    response = _send(rule, client, url, hk_university)
    assert response.status_code == rule.expected[role]
    body = _body(response)
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


def test_every_route_states_what_it_shows_of_an_anonymous_owner() -> None:
    routes = {f"{rule.method} {rule.route}" for rule in MATRIX}
    missing = routes - set(ANONYMOUS_OWNER_NAMED_TO)
    assert not missing, (
        f"say in web/tests/access_matrix.py who these routes name an anonymous owner to: "
        f"{sorted(missing)}"
    )
    assert set(ANONYMOUS_OWNER_NAMED_TO) == routes  # and nothing stale
    assert routes >= NAMED_ONCE_ACCEPTED


def _names_the_owner(body: str) -> bool:
    """Whether a response names the anonymous owner: any of its names or its slug, as
    written or escaped for HTML or JSON."""
    marks = (*ANONYMOUS_OWNER_NAMES.values(), ANONYMOUS_OWNER_SLUG)
    forms = {form for mark in marks for form in (mark, escape(mark), json.dumps(mark)[1:-1])}
    return any(form in body for form in forms)


@pytest.fixture
def anonymous_owner(
    catalogue: Catalogue,
    hk_university: Organisation,
    officer: User,
    outsider: User,
    reviewer: User,
    cq_enterprise: Organisation,
    private_uploads: Any,
) -> Catalogue:
    """The catalogue with every listing of the university anonymous and the university named
    in the three languages; the Chongqing company is interested in another anonymous offer of
    it, to which the university has written, shared a document, and which it screens without
    accepting yet (so that lists of deals and notifications have something to show)."""
    hk_university.name_en = ANONYMOUS_OWNER_NAMES["en"]
    hk_university.name_zh_hant = ANONYMOUS_OWNER_NAMES["zh-hant"]
    hk_university.name_zh_hans = ANONYMOUS_OWNER_NAMES["zh-hans"]
    hk_university.slug = ANONYMOUS_OWNER_SLUG
    hk_university.save()
    # Anonymity is not indexed: the index built by the catalogue fixture stays current.
    Listing.objects.filter(owner=hk_university).update(is_anonymous=True)
    data = offer_input(hk_university, is_anonymous=True, keywords=("screened",))
    screened = publish(officer, reviewer, listing_create(actor=officer, data=data))
    deal = deal_express_interest(
        actor=outsider, listing=screened, organisation=cq_enterprise, message="We are keen."
    )
    deal_message_post(actor=officer, deal=deal, body="Tell us about your clinics.")
    upload = SimpleUploadedFile("brochure.pdf", b"%PDF-1.4\n% screened\n%%EOF\n")
    deal_document_upload(actor=officer, deal=deal, upload=upload)
    deal_advance(actor=officer, deal=deal, event="screen")
    return catalogue


def _owner_writes_in_its_deals(officer: User, owner: Organisation) -> None:
    """The owner writes in each interest in its listings (the rule's own deal included), so
    that every deal has something of the owner's to show."""
    for deal in Deal.objects.filter(owner=owner).exclude(messages__organisation=owner):
        deal_message_post(actor=officer, deal=deal, body="A word from the owner.")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", MATRIX, ids=lambda r: f"{r.method} {r.route} {r.target}")
def test_anonymous_owner_named_only_where_stated(
    rule: Rule,
    role: str,
    client: Client,
    anonymous_owner: Catalogue,
    officer: User,
    outsider: User,
    reviewer: User,
    hk_university: Organisation,
) -> None:
    """Every rule again, with the owner's listings anonymous and its interest not accepted:
    the same status and no other change, and the owner named only to the roles stated."""
    _log_in(client, role, officer, outsider, reviewer)
    url = _url(rule, anonymous_owner, hk_university, officer, outsider, anonymous=True)
    _owner_writes_in_its_deals(officer, hk_university)
    before = _state()
    response = _send(rule, client, url, hk_university)
    assert response.status_code == rule.expected[role]
    assert _names_the_owner(_body(response)) == (
        role in ANONYMOUS_OWNER_NAMED_TO[f"{rule.method} {rule.route}"]
    )
    if role not in rule.changes:
        assert _state() == before


@pytest.mark.parametrize(
    "rule",
    [rule for rule in MATRIX if rule.method == "GET"],
    ids=lambda r: f"{r.method} {r.route} {r.target}",
)
def test_anonymous_owner_named_to_the_interested_party_once_accepted(
    rule: Rule,
    client: Client,
    anonymous_owner: Catalogue,
    officer: User,
    outsider: User,
    reviewer: User,
    hk_university: Organisation,
) -> None:
    """Once the owner accepts the interests in its listings, the interested party learns its
    name on the deal's own surfaces, and nowhere else."""
    _log_in(client, "other_member", officer, outsider, reviewer)
    url = _url(rule, anonymous_owner, hk_university, officer, outsider, anonymous=True)
    _owner_writes_in_its_deals(officer, hk_university)
    for deal in Deal.objects.filter(owner=hk_university, owner_disclosed_at__isnull=True):
        if deal.stage == "interest":
            deal = deal_advance(actor=officer, deal=deal, event="screen")
        deal_advance(actor=officer, deal=deal, event="accept")
    response = _send(rule, client, url, hk_university)
    assert response.status_code == rule.expected["other_member"]
    named = (
        f"{rule.method} {rule.route}" in NAMED_ONCE_ACCEPTED
        or "other_member" in ANONYMOUS_OWNER_NAMED_TO[f"{rule.method} {rule.route}"]
    )
    assert _names_the_owner(_body(response)) == named
