"""A canary planted in a listing's confidential detail (released to deal parties under an NDA)
followed across every surface a reader can reach: nobody but the owner sees it before the
NDA is in force; afterwards the interested organisation sees it where detail is shown (the
listing page, the API record, the CSV, JSON and XLSX exports), and still nowhere that only
quotes teasers (search snippets and reasons on the page and the API, the API list, the
matches and alerts pages, the interest and digest e-mails, the deal page and the deal API)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.tests.factories import need_input_zh_hans
from techbridge.catalogue.tests.published import CANARY
from techbridge.matching.alerts import digest_send
from techbridge.matching.models import Alert, Suggestion
from techbridge.matching.suggestions import suggestions_refresh
from techbridge.matching.upkeep import index_rebuild
from techbridge.notifications.tests.helpers import run_enqueued_notification_emails
from techbridge.pipeline.models import Deal
from techbridge.pipeline.services import deal_advance, deal_express_interest, nda_confirm
from techbridge.pipeline.tests.fixtures import publish

pytestmark = pytest.mark.django_db

# Where the NDA releases the detail to the interested organisation.
DETAIL_SURFACES = {"page", "api_record", "export_csv", "export_json", "export_xlsx"}


def url(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def surfaces(
    client: Client, listing: Listing, need: Listing | None, deal: Deal | None
) -> dict[str, str]:
    """Everything one reader can fetch that mentions the listing."""

    def get(path: str, data: dict[str, str] | None = None) -> str:
        response = client.get(path, data)
        assert response.status_code == 200, path
        return response.content.decode("utf-8-sig")

    seen = {
        "page": get(url("web:listing", listing.reference)),
        "api_record": get(f"/api/v1/listings/{listing.reference}"),
        "api_list": get("/api/v1/listings"),
        "export_csv": get(url("web:listings_export", "csv")),
        "export_json": get(url("web:listings_export", "json")),
        "export_xlsx": xlsx_text(client.get(url("web:listings_export", "xlsx")).content),
        "alerts": get(url("web:alerts")),
    }
    for words in ("ultrasound tumour", CANARY, "beamforming sparse array"):
        page = get(url("web:search"), {"q": words})
        # The results only: the search box rightly shows what the reader typed.
        results = page[page.index('<ol class="results">') :]
        seen[f"search {words}"] = results[: results.index("</ol>")]
        seen[f"api search {words}"] = get("/api/v1/search", {"q": words})
    if need is not None:
        seen["matches"] = get(url("web:listing_matches", need.reference))
    if deal is not None:
        seen["my_deals"] = get(url("web:my_deals"))
        seen["api_deals"] = get("/api/v1/deals")
        seen["deal"] = get(url("web:deal", deal.pk))
        seen["api_deal"] = get(f"/api/v1/deals/{deal.pk}")
        seen["api_deal_messages"] = get(f"/api/v1/deals/{deal.pk}/messages")
    return seen


def leaked(seen: dict[str, str]) -> set[str]:
    return {name for name, body in seen.items() if CANARY in body}


@pytest.fixture
def cq_need(outsider: User, reviewer: User, cq_enterprise: Organisation) -> Listing:
    return publish(
        outsider, reviewer, listing_create(actor=outsider, data=need_input_zh_hans(cq_enterprise))
    )


def test_canary_released_by_the_nda_on_detail_surfaces_only(
    client: Client,
    search_index_dir: Path,
    nda_offer: Listing,
    cq_need: Listing,
    officer: User,
    outsider: User,
    third_party: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    index_rebuild()
    suggestions_refresh(cq_need.pk)
    suggestion = Suggestion.objects.get(source=cq_need, candidate=nda_offer)
    for user in (outsider, third_party):
        Alert.objects.get_or_create(
            user=user, kind=Alert.Kind.MATCH, listing=nda_offer, suggestion=suggestion
        )
        User.objects.filter(pk=user.pk).update(digest_frequency="daily")

    third = Client()
    third.force_login(third_party)
    client.force_login(outsider)
    owner = Client()
    owner.force_login(officer)
    # The owner sees its own detail: the surfaces do reach it.
    assert {"page", "api_record", "export_csv"} <= leaked(surfaces(owner, nda_offer, None, None))

    assert leaked(surfaces(client, nda_offer, cq_need, None)) == set()
    assert leaked(surfaces(third, nda_offer, None, None)) == set()
    # Not even as a hit: words found only in the confidential detail find nothing.
    for reader in (client, third):
        for words in (CANARY, "beamforming"):
            found = reader.get("/api/v1/search", {"q": words}).json()
            assert (found["count"], found["results"]) == (0, []), words

    with django_capture_on_commit_callbacks(execute=True):
        deal = deal_express_interest(
            actor=outsider, listing=nda_offer, organisation=cq_enterprise, message="Interested."
        )
    run_enqueued_notification_emails()  # the worker e-mails it after the commit
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    nda_confirm(actor=officer, deal=deal)
    assert leaked(surfaces(client, nda_offer, cq_need, deal)) == set()

    nda_confirm(actor=outsider, deal=deal)
    assert leaked(surfaces(client, nda_offer, cq_need, deal)) == DETAIL_SURFACES
    assert leaked(surfaces(third, nda_offer, None, None)) == set()
    assert third.get("/api/v1/search", {"q": CANARY}).json()["count"] == 0

    assert digest_send("daily") == 2
    assert len(mail.outbox) == 3  # the owner's interest e-mail and two digests
    assert [m for m in mail.outbox if CANARY in f"{m.subject}\n{m.body}"] == []
    assert {m.to[0] for m in mail.outbox} == {
        "officer@hk.example.org",
        "outsider@cq.example.org",
        "third@example.org",
    }


def test_prohibited_reclassification_withholds_the_detail_released_by_the_nda(
    client: Client,
    search_index_dir: Path,
    cq_offer: Listing,
    officer: User,
    outsider: User,
    hk_university: Organisation,
) -> None:
    """Chongqing technology going to Hong Kong: released under the NDA while freely
    exportable, withheld everywhere once reclassified as prohibited during due diligence."""
    from techbridge.catalogue.models import ConfidentialView
    from techbridge.pipeline.models import DealEvent
    from techbridge.pipeline.services import deal_export_classify

    index_rebuild()
    deal = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    deal_advance(actor=outsider, deal=deal, event="screen")
    deal_export_classify(actor=outsider, deal=deal, classification="free")
    deal_advance(actor=outsider, deal=deal, event="accept")
    nda_confirm(actor=outsider, deal=deal)
    nda_confirm(actor=officer, deal=deal)
    client.force_login(officer)
    assert leaked(surfaces(client, cq_offer, None, deal)) == DETAIL_SURFACES

    deal_export_classify(actor=outsider, deal=deal, classification="prohibited")
    views = ConfidentialView.objects.filter(listing=cq_offer).count()
    viewed = DealEvent.objects.filter(deal=deal, verb="confidential_viewed").count()
    assert leaked(surfaces(client, cq_offer, None, deal)) == set()
    assert ConfidentialView.objects.filter(listing=cq_offer).count() == views
    assert DealEvent.objects.filter(deal=deal, verb="confidential_viewed").count() == viewed

    withheld = "The listing's confidential detail is withheld from the interested"
    for reader in (officer, outsider):
        client.force_login(reader)
        assert withheld in client.get(url("web:deal", deal.pk)).content.decode()
    with translation.override("zh-hant"):
        page = client.get(reverse("web:deal", args=[deal.pk])).content.decode()
    assert "項目的保密詳情不向意向機構開放：該技術被列為禁止出口至香港或海外。" in page
    assert "已向意向機構開放" not in page

    # Reclassified as freely exportable, the NDA releases the detail again.
    deal_export_classify(actor=outsider, deal=deal, classification="free")
    client.force_login(officer)
    assert leaked(surfaces(client, cq_offer, None, deal)) == DETAIL_SURFACES
