"""The deal page's forms: each carries an idempotency key and a resubmission has one effect;
the history in the reader's language; the export classification by the side holding the
technology, and the reason a prohibited technology goes no further; the registration number
after signing; obligations marked done."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import (
    NDA,
    Agreement,
    Deal,
    DealDocument,
    DealEvent,
    DealMessage,
    Obligation,
)
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    deal_advance,
    deal_express_interest,
    obligation_add,
)
from techbridge.pipeline.tests.fixtures import negotiating_deal

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def sign(deal: Deal, owner: User) -> Deal:
    agreement_record(
        actor=owner,
        deal=deal,
        data=AgreementInput(deal_type="assignment", signed_on=date(2026, 11, 1)),
    )
    return deal_advance(actor=owner, deal=deal, event="sign")


def writing_forms(page: str) -> dict[str, list[str]]:
    """Each form posting to a deal action → the idempotency keys it carries."""
    forms: dict[str, list[str]] = {}
    for action, body in re.findall(
        r'<form[^>]*action="[^"]*/do/([\w-]+)/"[^>]*>(.*?)</form>', page, re.S
    ):
        keys = re.findall(r'name="idempotency_key"[^>]*value="([^"]*)"', body) + re.findall(
            r'value="([^"]*)"[^>]*name="idempotency_key"', body
        )
        forms.setdefault(action, []).extend(keys)
    return forms


def test_every_writing_form_of_the_deal_page_carries_a_fresh_key(
    client: Client, nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    deal = negotiating_deal(nda_offer, officer, outsider, cq_enterprise)
    client.force_login(officer)
    DealMessage.objects.create(
        deal=deal, author=outsider, organisation=cq_enterprise, body="Terms?"
    )
    agreement_record(
        actor=officer,
        deal=deal,
        data=AgreementInput(deal_type="assignment", signed_on=date(2026, 11, 1)),
    )
    forms = writing_forms(client.get(url("web:deal", deal.pk)).content.decode())
    keyed = {"advance", "agreement", "obligation", "message", "document"}
    assert keyed <= set(forms)
    assert all(len(forms[action]) >= 1 and all(forms[action]) for action in keyed)
    # The reply form and the new-message form: two keys, not the same one.
    assert len(set(forms["message"])) == len(forms["message"]) == 2

    obligation_add(actor=officer, deal=deal, description="Report", due_on=date(2027, 1, 10))
    deal_advance(actor=officer, deal=deal, event="sign")
    forms = writing_forms(client.get(url("web:deal", deal.pk)).content.decode())
    assert all(forms["obligation-done"]) and all(forms["registration"])


def test_each_form_sent_twice_with_its_key_has_one_effect(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    private_uploads: Any,
) -> None:
    deal = negotiating_deal(nda_offer, officer, outsider, cq_enterprise)
    client.force_login(officer)

    def twice(action: str, data: dict[str, Any]) -> None:
        for _ in range(2):
            payload = {
                k: SimpleUploadedFile("brief.pdf", PDF) if v is PDF else v for k, v in data.items()
            }
            response = client.post(url("web:deal_act", deal.pk, action), payload)
            assert response.status_code == 302

    twice("message", {"body": "Draft attached.", "idempotency_key": "m"})
    twice("document", {"file": PDF, "purpose": "agreement", "idempotency_key": "d"})
    twice(
        "agreement",
        {"deal_type": "assignment", "signed_on": "2026-11-01", "idempotency_key": "a"},
    )
    twice(
        "obligation",
        {"description": "Royalty report", "due_on": "2027-06-30", "idempotency_key": "o"},
    )
    deal_advance(actor=officer, deal=deal, event="sign")
    twice("registration", {"registration_number": "2026500001234", "idempotency_key": "r"})
    obligation = Obligation.objects.get()
    twice("obligation-done", {"obligation": obligation.pk, "idempotency_key": "x"})

    assert DealMessage.objects.filter(deal=deal).count() == 1
    assert DealDocument.objects.filter(deal=deal).count() == 1
    assert Obligation.objects.count() == 1
    assert Agreement.objects.get(deal=deal).registration_number == "2026500001234"
    assert Obligation.objects.get().done_at is not None
    verbs = list(DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", flat=True))
    assert verbs[verbs.index("negotiate") :] == [
        "negotiate",
        "message_posted",
        "document_uploaded",
        "agreement_recorded",
        "obligation_added",
        "sign",
        "registration_recorded",
        "obligation_done",
    ]


def test_nda_and_consent_forms_carry_keys_and_a_resubmission_has_one_effect(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    private_uploads: Any,
) -> None:
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    client.force_login(officer)
    client.post(
        url("web:deal_act", deal.pk, "document"),
        {"file": SimpleUploadedFile("nda.pdf", PDF), "purpose": "nda"},
    )
    document = DealDocument.objects.get(deal=deal)
    forms = writing_forms(client.get(url("web:deal", deal.pk)).content.decode())
    for action in ("nda-confirm", "nda-upload", "consent"):
        assert len(forms[action]) == 1 and len(forms[action][0]) == 32, action
    assert len({forms[a][0] for a in ("nda-confirm", "nda-upload", "consent")}) == 3

    def twice(user: User, action: str, data: dict[str, Any]) -> list[str]:
        client.force_login(user)
        shown = []
        for _ in range(2):
            response = client.post(url("web:deal_act", deal.pk, action), data, follow=True)
            assert response.status_code == 200
            shown.append(" ".join(str(m) for m in response.context["messages"]))
        return shown

    # "Use as the signed NDA" twice: one upload event, the owner's side confirmed once.
    assert twice(officer, "nda-upload", {"document": document.pk, "idempotency_key": "u"}) == [
        "Done.",
        "Done.",
    ]
    # Sharing contact details cannot be taken back: the confirmed form, sent twice.
    consent = {"idempotency_key": "c", "confirmed": "yes"}
    assert twice(officer, "consent", consent) == ["Done.", "Done."]
    # The other side's "Confirm" clicked twice: in force once, no "already confirmed" error.
    assert twice(outsider, "nda-confirm", {"idempotency_key": "n"}) == ["Done.", "Done."]

    deal.refresh_from_db()
    nda = NDA.objects.get(deal=deal)
    assert (nda.kind, nda.document_id, deal.stage) == ("uploaded", document.pk, "due_diligence")
    assert (nda.owner_confirmed_by, nda.counterparty_confirmed_by) == (officer, outsider)
    verbs = list(DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", flat=True))
    assert verbs[verbs.index("accept") :] == [
        "accept",
        "nda_proposed",
        "document_uploaded",
        "nda_uploaded",
        "contact_consent_given",
        "nda_confirmed",
        "nda_in_force",
        "disclosed",
    ]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Interest expressed", "Screening started", "Accepted: NDA stage"]),
        ("zh-hant", ["已表達意向", "已開始篩選", "已接受：進入保密協議階段"]),
        ("zh-hans", ["已表达意向", "已开始筛选", "已接受：进入保密协议阶段"]),
    ],
)
def test_history_shows_labels_in_the_readers_language(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    language: str,
    labels: list[str],
) -> None:
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    client.force_login(officer)
    page = client.get(url("web:deal", deal.pk, language=language)).content.decode()
    history = page[page.index('id="history"') :]
    shown = re.findall(r'<span data-verb="([a-z_]+)">([^<]+)</span>', history)
    assert shown[:3] == list(zip(["interest_expressed", "screen", "accept"], labels, strict=True))
    assert "<code>" not in history


def test_holder_records_the_classification_and_sees_why_prohibited_stops(
    client: Client, cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    deal = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    interested = Client()
    interested.force_login(officer)
    page = interested.get(url("web:deal", deal.pk)).content.decode()
    assert "/do/export/" not in page  # the Hong Kong side does not hold the technology
    response = interested.post(
        url("web:deal_act", deal.pk, "export"), {"classification": "free"}, follow=True
    )
    assert "Only the party holding the technology records its export status." in (
        response.content.decode()
    )
    assert Deal.objects.get().export_classification == ""

    client.force_login(outsider)
    assert "/do/export/" in client.get(url("web:deal", deal.pk)).content.decode()
    client.post(url("web:deal_act", deal.pk, "export"), {"classification": "prohibited"})
    assert Deal.objects.get().export_classification == "prohibited"
    for language, reason in [
        ("en", "This technology is prohibited from export; the deal cannot go further."),
        ("zh-hant", "該技術禁止出口，交易不能繼續。"),
        ("zh-hans", "该技术禁止出口，交易不能继续。"),
    ]:
        page = client.get(url("web:deal", deal.pk, language=language)).content.decode()
        assert f'id="export-prohibited">{reason}</p>' in page


def test_obligation_marked_done_from_the_page_by_the_other_party(
    client: Client, nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    deal = sign(negotiating_deal(nda_offer, officer, outsider, cq_enterprise), officer)
    obligation = obligation_add(
        actor=officer, deal=deal, description="Royalty report", due_on=date(2027, 6, 30)
    )
    client.force_login(outsider)
    response = client.post(
        url("web:deal_act", deal.pk, "obligation-done", language="zh-hans"),
        {"obligation": obligation.pk},
        follow=True,
    )
    assert response.status_code == 200
    obligation.refresh_from_db()
    assert obligation.done_at is not None
    assert "完成于" in response.content.decode()
    assert "/do/obligation-done/" not in response.content.decode()
