"""The owner of an anonymous listing as a canary: its organisation's names in English,
Traditional and Simplified Chinese, its slug and website, and its officer's name and e-mail
address are planted, then every surface a reader can reach is crawled in each language of the
site (pages, the API, the CSV, JSON and XLSX exports, calendar feeds, the funnel and programme
pages, search results and match suggestions, alerts, notifications, the deal, its documents
and its history download, one's personal data page and download) together with every e-mail
sent to the reader.

Until the owner accepts the expression of interest, none of it reaches the interested party,
a member of a third organisation or an anonymous visitor; searching for the owner's names
finds nothing. Once it accepts, the deal surfaces name it to the interested party, and so does
the personal data of its manager, as the recipient of the contact details she shared (nothing
else does: the listing itself stays anonymous to everyone). A declined interest never names it.
The organisation directory names every organisation, this one included, but never with its
anonymous listing."""

from __future__ import annotations

import email
import html
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from email.policy import default
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.privacy import privacy_consent_record
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.services.inputs import IPRightInput
from techbridge.catalogue.tests.factories import need_input_zh_hans, offer_input
from techbridge.core.errors import ServiceValidationError
from techbridge.facilities.ical import user_feed_token
from techbridge.facilities.models import Booking, Instrument
from techbridge.matching.alerts import digest_send as alerts_digest_send
from techbridge.matching.alerts import saved_search_create, saved_searches_check
from techbridge.matching.models import Alert, Suggestion
from techbridge.matching.suggestions import suggestions_refresh
from techbridge.matching.upkeep import index_rebuild
from techbridge.notifications.digest import digest_send as notifications_digest_send
from techbridge.notifications.services import preferences_set
from techbridge.notifications.tests.helpers import run_enqueued_notification_emails
from techbridge.pipeline.models import ContactConsent, CrossBorderTransfer, Deal, DealDocument
from techbridge.pipeline.services import (
    contact_consent_give,
    deal_advance,
    deal_document_upload,
    deal_express_interest,
    deal_message_post,
)
from techbridge.pipeline.tests.fixtures import publish
from techbridge.web.tests.access_matrix import ANONYMOUS_OWNER_NAMES, ANONYMOUS_OWNER_SLUG

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hant", "zh-hans")
OWNER_NAMES = ANONYMOUS_OWNER_NAMES
OWNER_SLUG = ANONYMOUS_OWNER_SLUG
OWNER_WEBSITE = "https://zqxanonsite.example.org"
OFFICER_NAME = "Zqxofficer Person"
OFFICER_EMAIL = "officer@hk.example.org"
CANARIES = (*OWNER_NAMES.values(), OWNER_SLUG, "zqxanonsite", OFFICER_NAME, OFFICER_EMAIL)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def canaries_in(text: str) -> set[str]:
    """The canaries in a response or an e-mail, as written or escaped for HTML, JSON or a
    URL, in any letter case."""
    folded = text.casefold()
    found = set()
    for canary in CANARIES:
        forms = (canary, html.escape(canary), json.dumps(canary)[1:-1], quote(canary))
        if any(form.casefold() in folded for form in forms):
            found.add(canary)
    return found


def leaks(seen: dict[str, str]) -> dict[str, set[str]]:
    return {name: found for name, body in seen.items() if (found := canaries_in(body))}


def url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def readable(response: Any) -> str:
    """What a reader gets, as text: spreadsheets read cell by cell, the rest decoded."""
    streamed = getattr(response, "streaming", False)
    content = b"".join(response.streaming_content) if streamed else response.content
    if "spreadsheetml" in response.get("Content-Type", ""):
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode("utf-8-sig", errors="replace")


def mail_text(message: Any) -> str:
    """An e-mail as its recipient's program reads it: every header, every text part decoded
    from the bytes that would go over SMTP."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=default)
    lines = [f"{name}: {value}" for name, value in parsed.items()]
    for part in parsed.walk():
        if part.get_content_maintype() == "text":
            lines.append(str(part.get_content()))
    return "\n".join(lines)


def mails_to(address: str) -> list[str]:
    return [mail_text(m) for m in mail.outbox if address in m.to]


@dataclass(frozen=True)
class Journey:
    owner: Organisation
    offer: Listing
    need: Listing
    deal: Deal
    document: DealDocument
    instrument: Instrument


@pytest.fixture
def owner(hk_university: Organisation, officer: User) -> Organisation:
    """The Hong Kong university, named in the three languages, with a website, and its
    officer named: everything that would tell who owns the anonymous listing."""
    hk_university.name_en = OWNER_NAMES["en"]
    hk_university.name_zh_hant = OWNER_NAMES["zh-hant"]
    hk_university.name_zh_hans = OWNER_NAMES["zh-hans"]
    hk_university.slug = OWNER_SLUG
    hk_university.website = OWNER_WEBSITE
    hk_university.save()
    officer.full_name = OFFICER_NAME
    officer.save()
    return hk_university


@pytest.fixture
def journey(
    owner: Organisation,
    officer: User,
    outsider: User,
    reviewer: User,
    third_party: User,
    cq_enterprise: Organisation,
    search_index_dir: Path,
    private_uploads: Storage,
    django_capture_on_commit_callbacks: Any,
) -> Iterator[Journey]:
    """An anonymous offer of the university, found by the Chongqing company's saved search
    and suggested for its need; the company is interested, and the university writes, shares
    a document and screens the interest (every e-mail of it sent), but has not accepted."""
    saved_search_create(user=outsider, query="ultrasound")
    patent = IPRightInput(
        right_type="invention_patent",
        number="HK7654321",
        territory="HK",
        status="granted",
        owners=((OWNER_NAMES["en"], Decimal("100")),),
    )
    # The owner's own reference for the listing holds its slug: shown only where the owner is.
    data = offer_input(
        owner, is_anonymous=True, external_ref=f"{OWNER_SLUG}-17", ip_rights=(patent,)
    )
    offer = publish(officer, reviewer, listing_create(actor=officer, data=data))
    need = publish(
        outsider, reviewer, listing_create(actor=outsider, data=need_input_zh_hans(cq_enterprise))
    )
    index_rebuild()
    suggestions_refresh(need.pk)
    suggestion = Suggestion.objects.get(source=need, candidate=offer)
    Alert.objects.get_or_create(
        user=outsider, kind=Alert.Kind.MATCH, listing=offer, suggestion=suggestion
    )
    saved_searches_check()
    assert Alert.objects.filter(
        user=outsider, kind=Alert.Kind.SAVED_SEARCH, listing=offer
    ).exists()  # the offer is a new result of "ultrasound"
    User.objects.filter(pk=outsider.pk).update(digest_frequency="daily")
    preferences_set(user=outsider, choices={"document_added": "digest"})

    # The interested company books an instrument of the third organisation: its own
    # calendar feed has something in it.
    instrument = Instrument.objects.create(
        organisation=third_party.memberships.get().organisation,
        name_en="Confocal microscope",
        category="imaging",
    )
    start = timezone.now() + timedelta(days=3)
    Booking.objects.create(
        instrument=instrument,
        requester=outsider,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )

    with django_capture_on_commit_callbacks(execute=True):
        deal = deal_express_interest(
            actor=outsider, listing=offer, organisation=cq_enterprise, message="We are keen."
        )
        deal_message_post(actor=officer, deal=deal, body="Tell us about your clinics.")
        document = deal_document_upload(
            actor=officer, deal=deal, upload=SimpleUploadedFile("brochure.pdf", PDF)
        )
        deal = deal_advance(actor=officer, deal=deal, event="screen")
        # The company's manager, in Chongqing, shows her contact details to the university:
        # provided across the boundary to an organisation she may not know yet.
        privacy_consent_record(
            user=outsider, residence_region="cq", language="zh-hans", notice=True, cross_border=True
        )
        contact_consent_give(actor=outsider, deal=deal)
    run_enqueued_notification_emails()
    assert notifications_digest_send() == 1  # the document, in the company's daily digest
    assert alerts_digest_send("daily") == 1  # the match and the saved search's new result
    yield Journey(owner, offer, need, deal, document, instrument)


def crawl(
    client: Client,
    journey: Journey,
    *,
    user: User | None,
    deal: Deal | None = None,
    interested: bool = False,
) -> dict[str, str]:
    """Every surface ``user`` may read that could mention the listing or its owner, in each
    language, by name: with ``deal``, that deal's surfaces; when ``interested``, the
    suggestions for the interested company's need."""
    seen: dict[str, str] = {}
    offer = journey.offer

    def get(
        name: str,
        path: str,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        response = client.get(path, data, headers=headers)
        assert response.status_code == 200, (name, path, response.status_code)
        seen[name] = readable(response)

    for language in LANGUAGES:

        def web(name: str, *args: Any, language: str = language) -> str:
            return url(name, *args, language=language)

        api = {"Accept-Language": language}
        get(f"{language} home", web("web:home"))
        get(f"{language} listing", web("web:listing", offer.reference))
        get(f"{language} browse", web("web:search"))
        get(f"{language} search", web("web:search"), {"q": "ultrasound tumour"})
        get(
            f"{language} search htmx",
            web("web:search"),
            {"q": "超声"},
            headers={"HX-Request": "true"},
        )
        for fmt in ("csv", "json", "xlsx"):
            get(f"{language} export {fmt}", web("web:listings_export", fmt))
        get(f"{language} programme", web("web:programme"))
        get(f"{language} programme area", web("web:programme_area", "innovation_technology"))
        get(f"{language} programme table", web("web:programme_table", "indicators"))
        get(f"{language} instruments", web("web:instruments"))
        get(f"{language} api listings", "/api/v1/listings", headers=api)
        get(f"{language} api listing", f"/api/v1/listings/{offer.reference}", headers=api)
        get(f"{language} api search", "/api/v1/search", {"q": "ultrasound"}, headers=api)
        get(f"{language} api search all", "/api/v1/search", headers=api)
        if user is None:
            continue
        get(f"{language} my listings", web("web:my_listings"))
        get(f"{language} my organisations", web("web:my_organisations"))
        get(f"{language} my funnel", web("web:my_funnel"))
        get(f"{language} my bookings", web("web:my_bookings"))
        get(f"{language} alerts", web("web:alerts"))
        get(f"{language} notifications", web("web:notifications"))
        get(f"{language} preferences", web("web:preferences"))
        get(f"{language} tokens", web("web:api_tokens"))
        get(f"{language} calendar", web("web:user_calendar", user_feed_token(user.pk)))
        get(f"{language} my data", web("web:my_data"))
        if deal is None:
            continue
        get(f"{language} my deals", web("web:my_deals"))
        get(f"{language} deal", web("web:deal", deal.pk))
        get(f"{language} api deals", "/api/v1/deals", headers=api)
        get(f"{language} api deal", f"/api/v1/deals/{deal.pk}", headers=api)
        get(f"{language} api deal messages", f"/api/v1/deals/{deal.pk}/messages", headers=api)
        if interested:
            get(f"{language} matches", web("web:listing_matches", journey.need.reference))
    if user is not None:
        get("instrument calendar", url("web:instrument_calendar", journey.instrument.pk))
        download = client.post(url("web:my_data_download"))
        assert download.status_code == 200
        seen["my data download"] = readable(download)
    if deal is not None:
        get("history", url("web:deal_history", deal.pk))
    if deal == journey.deal:
        get("document", url("web:deal_document", deal.pk, journey.document.pk))
    return seen


def found_by_name(client: Client, offer: Listing) -> set[str]:
    """The owner's names (and slug) that find the listing when searched for: words the
    listing's own text does not hold must not make it a hit through its owner."""
    found = set()
    for name in (*OWNER_NAMES.values(), OWNER_SLUG):
        page = client.get(url("web:search"), {"q": name}).content.decode()
        results = page[page.index('<ol class="results">') :]
        api = client.get("/api/v1/search", {"q": name}).json()
        if offer.reference in results[: results.index("</ol>")] or api["count"]:
            found.add(name)
    return found


def history_organisations(client: Client, deal: Deal) -> set[int | None]:
    lines = readable(client.get(url("web:deal_history", deal.pk))).splitlines()
    return {json.loads(line)["organisation"] for line in lines}


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_nothing_names_the_anonymous_owner_before_it_accepts(
    journey: Journey, officer: User, outsider: User, third_party: User, cq_enterprise: Organisation
) -> None:
    # The crawl does reach the owner's names where they may be shown: to the owner itself.
    mine = leaks(crawl(signed_in(officer), journey, user=officer, deal=journey.deal))
    for language in LANGUAGES:
        assert OWNER_NAMES[language] in mine[f"{language} listing"]
        assert OWNER_NAMES[language] in mine[f"{language} deal"]
    # Its own export: its slug, and its name as the owner of the listing's patent.
    assert mine["en export csv"] == {OWNER_SLUG, OWNER_NAMES["en"]}

    interested = signed_in(outsider)
    assert (
        leaks(crawl(interested, journey, user=outsider, deal=journey.deal, interested=True)) == {}
    )
    assert leaks(crawl(signed_in(third_party), journey, user=third_party)) == {}
    assert leaks(crawl(Client(), journey, user=None)) == {}
    for reader in (interested, signed_in(third_party), Client()):
        assert found_by_name(reader, journey.offer) == set()
    assert history_organisations(interested, journey.deal) == {None, cq_enterprise.pk}
    # Her details went across the boundary, to an organisation not named to her yet.
    mine_to_download = interested.post(url("web:my_data_download")).json()["data"]
    assert [
        (row["recipient__slug"], row["from_region"], row["to_region"])
        for row in mine_to_download["cross_border_transfers"]
    ] == [(None, "cq", "hk")]

    # The company was told of the message, the document (in its digest), the screening and
    # its match and search result, and none of it names the university.
    told = mails_to(outsider.email)
    assert len(told) == 4
    assert {address for m in mail.outbox for address in m.to} == {
        officer.email,
        outsider.email,
    }
    assert [canaries_in(text) for text in told] == [set()] * 4


def test_acceptance_names_the_owner_on_the_deal_surfaces_only(
    journey: Journey,
    officer: User,
    outsider: User,
    third_party: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # A third organisation is interested too, and is screened: its deal is its own.
    third = third_party.memberships.get().organisation
    second = deal_express_interest(actor=third_party, listing=journey.offer, organisation=third)
    second = deal_advance(actor=officer, deal=second, event="screen")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deal_advance(actor=officer, deal=journey.deal, event="accept")
    run_enqueued_notification_emails()

    interested = signed_in(outsider)
    named = leaks(crawl(interested, journey, user=outsider, deal=journey.deal, interested=True))
    expected: dict[str, set[str]] = {}
    for language in LANGUAGES:
        expected[f"{language} deal"] = {OWNER_NAMES[language]}
        expected[f"{language} my deals"] = {OWNER_NAMES[language]}
        expected[f"{language} notifications"] = {OWNER_NAMES[language]}
        for api in ("api deals", "api deal", "api deal messages"):
            expected[f"{language} {api}"] = {OWNER_SLUG}
        # To whom the manager's contact details went: now she may know.
        expected[f"{language} my data"] = {OWNER_SLUG}
    expected["my data download"] = {OWNER_SLUG}
    assert named == expected
    assert history_organisations(interested, journey.deal) == {
        journey.owner.pk,
        journey.deal.counterparty_id,
    }
    # The e-mail telling the company of the acceptance names the university, in Chinese.
    [accepted] = mails_to(outsider.email)
    assert canaries_in(accepted) == {OWNER_NAMES["zh-hans"]}

    # Nobody else learns anything, the other interested party included, and the listing
    # stays anonymous.
    assert leaks(crawl(signed_in(third_party), journey, user=third_party, deal=second)) == {}
    assert leaks(crawl(Client(), journey, user=None)) == {}
    assert found_by_name(interested, journey.offer) == set()


def test_a_declined_interest_never_names_the_owner(
    journey: Journey,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deal = deal_advance(actor=officer, deal=journey.deal, event="decline")
    run_enqueued_notification_emails()
    assert (deal.stage, deal.outcome, deal.owner_disclosed_at) == ("closed", "lost", None)

    interested = signed_in(outsider)
    assert (
        leaks(crawl(interested, journey, user=outsider, deal=journey.deal, interested=True)) == {}
    )
    assert history_organisations(interested, deal) == {None, cq_enterprise.pk}
    [declined] = mails_to(outsider.email)
    assert canaries_in(declined) == set()


def test_the_directory_names_the_organisation_never_with_its_anonymous_listing(
    journey: Journey, outsider: User
) -> None:
    client = signed_in(outsider)
    pages = {
        "directory": client.get(url("web:organisations")),
        "api list": client.get("/api/v1/organisations"),
        "api detail": client.get(f"/api/v1/organisations/{OWNER_SLUG}"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        body = readable(response)
        assert OWNER_NAMES["en"] in body or json.dumps(OWNER_NAMES["en"]) in body, name
        assert journey.offer.reference not in body, name
        assert "ultrasound" not in body.casefold(), name


def test_the_owners_people_are_shared_only_once_it_is_named(
    journey: Journey, officer: User, outsider: User
) -> None:
    """Sharing one's name and e-mail address would name the organisation too: the owner's
    people can share theirs once it accepts the interest, not before."""
    deal, owner_page, interested = journey.deal, signed_in(officer), signed_in(outsider)
    page = owner_page.get(url("web:deal", deal.pk)).content.decode()
    assert '<p class="muted" id="contact-withheld">' in page
    assert f"/deals/{deal.pk}/do/consent/" not in page
    events = deal.events.count()

    # Asked all the same (an old page, a script): refused, and nothing recorded.
    refused = owner_page.post(
        url("web:deal_act", deal.pk, "consent"), {"confirmed": "yes"}, follow=True
    )
    assert [str(m) for m in refused.context["messages"]] == [
        "Your organisation is not named to the interested organisation until you accept its "
        "interest: share contact details after accepting."
    ]
    with pytest.raises(ServiceValidationError):
        contact_consent_give(actor=officer, deal=deal)
    assert not ContactConsent.objects.filter(user=officer).exists()
    assert not CrossBorderTransfer.objects.filter(subject=officer).exists()
    assert deal.events.count() == events
    assert canaries_in(interested.get(url("web:deal", deal.pk)).content.decode()) == set()

    deal_advance(actor=officer, deal=deal, event="accept")
    shared = owner_page.post(
        url("web:deal_act", deal.pk, "consent"), {"confirmed": "yes"}, follow=True
    )
    assert [str(m) for m in shared.context["messages"]] == ["Done."]
    page = interested.get(url("web:deal", deal.pk)).content.decode()
    assert f'{OFFICER_NAME} · <a href="mailto:{OFFICER_EMAIL}">{OFFICER_EMAIL}</a>' in page
    assert CrossBorderTransfer.objects.get(subject=officer).to_region == "cq"
