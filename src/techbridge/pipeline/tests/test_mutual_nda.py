"""The standard NDA a lawyer would sign: truly mutual, with a governing law and forum the two
parties agree (either may change it before both confirm, which clears both confirmations), the
prevailing language stated, the full text on the page before the confirm button, the owner told
whether the other side is verified, and a PDF of what was agreed stored in the deal."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.storage import Storage
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.pipeline.models import NDA, Deal, DealDocument, DealEvent
from techbridge.pipeline.nda_pdf import nda_pdf_store
from techbridge.pipeline.services import (
    audit_verify,
    deal_advance,
    deal_export_classify,
    deal_express_interest,
    nda_choose_law,
    nda_confirm,
)

pytestmark = pytest.mark.django_db


def _at_nda(listing: Listing, owner: User, buyer: User, organisation: Organisation) -> Deal:
    deal = deal_express_interest(actor=buyer, listing=listing, organisation=organisation)
    deal_advance(actor=owner, deal=deal, event="screen")
    if deal.checkpoint_applies:  # mainland technology for Hong Kong: classified first
        deal_export_classify(actor=owner, deal=deal, classification="free")
    return deal_advance(actor=owner, deal=deal, event="accept")


@pytest.fixture
def deal(nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation) -> Deal:
    return _at_nda(nda_offer, officer, outsider, cq_enterprise)


def test_the_text_is_mutual_and_names_the_law_proposed_for_the_owners_region(
    deal: Deal,
) -> None:
    nda = NDA.objects.get(deal=deal)
    assert (nda.template.version, nda.governing_law) == (2, "hk_hkiac")  # type: ignore[union-attr]
    english = nda.agreed_text("en")
    assert "Each party may disclose and receive confidential information" in english
    assert "Hong Kong International Arbitration Centre (HKIAC)" in english
    assert "if they differ, the English text prevails." in english
    assert "$" not in english
    assert "香港國際仲裁中心" in nda.agreed_text("zh-hant")
    assert "以英文文本为准" in nda.agreed_text("zh-hans")


def test_a_mainland_owner_proposes_cietac_with_simplified_chinese_prevailing(
    cq_offer: Listing, outsider: User, officer: User, hk_university: Organisation
) -> None:
    deal = _at_nda(cq_offer, outsider, officer, hk_university)
    nda = NDA.objects.get(deal=deal)
    assert nda.governing_law == "prc_cietac"
    assert "中国国际经济贸易仲裁委员会" in nda.agreed_text("zh-hans")
    assert "the Simplified Chinese text prevails" in nda.agreed_text("en")


def test_changing_the_law_clears_both_confirmations_and_is_recorded(
    deal: Deal, officer: User, outsider: User
) -> None:
    nda_confirm(actor=officer, deal=deal)
    before = NDA.objects.get(deal=deal)
    assert before.owner_confirmed_at is not None

    changed = nda_choose_law(actor=outsider, deal=deal, law="prc_cietac")

    assert changed.governing_law == "prc_cietac"
    assert (changed.owner_confirmed_at, changed.counterparty_confirmed_at) == (None, None)
    event = DealEvent.objects.filter(deal=deal).latest("seq")
    assert event.verb == "nda_law_chosen"
    assert event.changes == {
        "before": {"law": "hk_hkiac"},
        "after": {"law": "prc_cietac", "sha256": changed.fingerprint()},
    }
    assert changed.fingerprint() != before.fingerprint()

    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)
    confirmed = DealEvent.objects.filter(deal=deal, verb="nda_confirmed").order_by("-seq")[0]
    assert confirmed.changes["after"]["law"] == "prc_cietac"
    assert confirmed.changes["after"]["sha256"] == changed.fingerprint()
    assert audit_verify(Deal.objects.filter(pk=deal.pk).iterator()) == []


def test_refused_law_changes_change_nothing(
    deal: Deal, officer: User, outsider: User, third_party: User
) -> None:
    events = DealEvent.objects.filter(deal=deal).count()
    with pytest.raises(ServiceValidationError):
        nda_choose_law(actor=officer, deal=deal, law="new_york")
    with pytest.raises(PermissionDenied):
        nda_choose_law(actor=third_party, deal=deal, law="prc_cietac")
    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)  # in force: the deal has left the NDA stage
    events = DealEvent.objects.filter(deal=deal).count()
    with pytest.raises(ServiceValidationError):
        nda_choose_law(actor=outsider, deal=deal, law="prc_cietac")
    nda = NDA.objects.get(deal=deal)
    assert nda.governing_law == "hk_hkiac"
    assert DealEvent.objects.filter(deal=deal).count() == events


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_agreed_nda_is_stored_once_as_a_pdf_with_parties_law_and_hash(
    deal: Deal, officer: User, outsider: User, private_uploads: Storage, tmp_path: Path
) -> None:
    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)

    document = nda_pdf_store(NDA.objects.get(deal=deal).pk)

    assert document is not None
    nda = NDA.objects.get(deal=deal)
    assert nda.document_id == document.pk
    assert (document.purpose, document.content_type, document.organisation_id) == (
        "nda",
        "application/pdf",
        deal.counterparty_id,  # the last to confirm
    )
    content = private_uploads.open(document.file.name or "").read()
    pdf = tmp_path / "nda.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    assert nda.fingerprint() in squeezed
    assert "TestHKUniversity" in squeezed and "测试重庆企业" in squeezed
    assert "HKIAC" in squeezed and "香港國際仲裁中心" in squeezed and "香港国际仲裁中心" in squeezed
    event = DealEvent.objects.filter(deal=deal).latest("seq")
    assert (event.verb, event.changes["after"]["nda_sha256"]) == (
        "nda_pdf_stored",
        nda.fingerprint(),
    )
    assert nda_pdf_store(nda.pk) is None  # a retried task stores nothing more
    assert DealDocument.objects.filter(deal=deal).count() == 1
    assert audit_verify(Deal.objects.filter(pk=deal.pk).iterator()) == []


def test_the_page_shows_the_whole_text_before_the_button_and_warns_the_owner(
    client: Client, deal: Deal, officer: User, outsider: User
) -> None:
    client.force_login(officer)
    page = client.get(f"/en/deals/{deal.pk}/").content.decode()
    text = page.index("Each party may disclose and receive confidential information")
    button = page.index("Confirm the NDA for my organisation")
    assert text < button
    assert "<details" not in page[page.index('id="nda"') : button]
    assert "is not verified by the platform" in page

    response = client.post(
        f"/en/deals/{deal.pk}/do/nda-law/", {"law": "hk_courts", "idempotency_key": "law-1"}
    )
    assert response.status_code == 302
    assert NDA.objects.get(deal=deal).governing_law == "hk_courts"
    page = client.get(f"/en/deals/{deal.pk}/").content.decode()
    assert "The courts of Hong Kong have exclusive jurisdiction" in page

    client.force_login(outsider)
    assert (
        "is not verified by the platform"
        not in client.get(f"/en/deals/{deal.pk}/").content.decode()
    )
