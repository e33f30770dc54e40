"""The cross-border checkpoint recorded by the side holding the technology, a prohibited
classification stopping the deal at every later step, keyed writes with one effect, the
registration number after signing, and obligations marked done."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import ConfidentialView, Listing
from techbridge.catalogue.selectors import listing_reading
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.tests.factories import need_input_zh_hans
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.files.tests.helpers import stored_names
from techbridge.pipeline.models import (
    NDA,
    Agreement,
    Deal,
    DealDocument,
    DealEvent,
    DealMessage,
    Obligation,
)
from techbridge.pipeline.reminders import obligations_remind
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    agreement_registration_record,
    audit_verify,
    deal_advance,
    deal_document_upload,
    deal_export_classify,
    deal_express_interest,
    deal_message_post,
    nda_confirm,
    obligation_add,
    obligation_mark_done,
)
from techbridge.pipeline.tests.fixtures import negotiating_deal, publish, signed_deal

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def verbs(deal: Deal) -> list[str]:
    return list(DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", flat=True))


def snapshot(deal: Deal) -> tuple[Any, ...]:
    deal.refresh_from_db()
    return (deal.stage, deal.export_classification, deal.export_licence_ref, deal.event_count)


def to_due_diligence(deal: Deal, holder: User, owner: User, other: User) -> Deal:
    deal_advance(actor=owner, deal=deal, event="screen")
    deal_export_classify(actor=holder, deal=deal, classification="free")
    deal_advance(actor=owner, deal=deal, event="accept")
    nda_confirm(actor=owner, deal=deal)
    nda_confirm(actor=other, deal=deal)
    deal.refresh_from_db()
    assert deal.stage == "due_diligence"
    return deal


def test_reclassified_prohibited_in_due_diligence_cannot_be_negotiated(
    cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    deal = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    deal = to_due_diligence(deal, outsider, outsider, officer)
    deal_export_classify(actor=outsider, deal=deal, classification="prohibited")
    before = snapshot(deal)
    for actor in (officer, outsider):
        with pytest.raises(ServiceValidationError, match="prohibited from export"):
            deal_advance(actor=actor, deal=deal, event="negotiate")
    assert snapshot(deal) == before
    assert verbs(deal)[-1] == "export_classified"
    assert audit_verify() == []


def test_prohibited_deal_in_negotiation_cannot_be_signed(
    cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    # A deal that reached negotiation before prohibited technology was stopped there.
    deal = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    deal = to_due_diligence(deal, outsider, outsider, officer)
    deal_advance(actor=officer, deal=deal, event="negotiate")
    agreement_record(
        actor=outsider,
        deal=deal,
        data=AgreementInput(deal_type="assignment", signed_on=date(2026, 11, 1)),
    )
    Deal.objects.filter(pk=deal.pk).update(export_classification="prohibited")
    before = snapshot(deal)
    with pytest.raises(ServiceValidationError, match="prohibited from export"):
        deal_advance(actor=outsider, deal=deal, event="sign")
    assert snapshot(deal) == before


def test_prohibited_refuses_the_nda_coming_into_force(
    cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    deal = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    deal_advance(actor=outsider, deal=deal, event="screen")
    deal_export_classify(actor=outsider, deal=deal, classification="free")
    deal_advance(actor=outsider, deal=deal, event="accept")
    nda_confirm(actor=outsider, deal=deal)
    deal_export_classify(actor=outsider, deal=deal, classification="prohibited")
    before = snapshot(deal)
    with pytest.raises(ServiceValidationError, match="prohibited from export"):
        nda_confirm(actor=officer, deal=deal)
    assert snapshot(deal) == before
    nda = NDA.objects.get(deal=deal)
    assert (nda.counterparty_confirmed_at, nda.in_force_at) == (None, None)


@pytest.fixture
def hk_need(officer: User, reviewer: User, hk_university: Organisation) -> Listing:
    """A Hong Kong need: a Chongqing provider answering it holds the technology."""
    return publish(
        officer, reviewer, listing_create(actor=officer, data=need_input_zh_hans(hk_university))
    )


def test_the_mainland_provider_answering_a_need_records_the_classification(
    hk_need: Listing,
    officer: User,
    outsider: User,
    third_party: User,
    cq_enterprise: Organisation,
) -> None:
    deal = deal_express_interest(actor=outsider, listing=hk_need, organisation=cq_enterprise)
    assert (deal.direction, deal.checkpoint_applies) == ("cq_hk", True)
    before = snapshot(deal)
    for refused in (officer, third_party):  # the need's owner, and a stranger
        with pytest.raises(PermissionDenied, match="holding the technology"):
            deal_export_classify(actor=refused, deal=deal, classification="free")
    assert snapshot(deal) == before

    deal_advance(actor=officer, deal=deal, event="screen")
    with pytest.raises(ServiceValidationError, match="holding the technology must first"):
        deal_advance(actor=officer, deal=deal, event="accept")
    deal = deal_export_classify(actor=outsider, deal=deal, classification="free")
    assert deal.export_classification == "free"
    event = DealEvent.objects.filter(deal=deal).order_by("seq").last()
    assert event is not None
    assert (event.verb, event.organisation_id) == ("export_classified", cq_enterprise.pk)
    assert deal_advance(actor=officer, deal=deal, event="accept").stage == "nda"


def test_the_owner_of_a_mainland_offer_records_the_classification(
    cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    deal = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    before = snapshot(deal)
    with pytest.raises(PermissionDenied):
        deal_export_classify(actor=officer, deal=deal, classification="free")
    assert snapshot(deal) == before
    assert deal_export_classify(actor=outsider, deal=deal, classification="free").pk == deal.pk


def test_keyed_writes_have_one_effect(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    private_uploads: Any,
) -> None:
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    first = deal_message_post(actor=outsider, deal=deal, body="Hello", idempotency_key="m-1")
    again = deal_message_post(actor=outsider, deal=deal, body="Hello", idempotency_key="m-1")
    assert again.pk == first.pk
    assert DealMessage.objects.filter(deal=deal).count() == 1

    def upload() -> DealDocument:
        return deal_document_upload(
            actor=outsider,
            deal=deal,
            upload=SimpleUploadedFile("brief.pdf", PDF),
            idempotency_key="d-1",
        )

    assert upload().pk == upload().pk
    assert DealDocument.objects.filter(deal=deal).count() == 1
    assert len([name for name in stored_names(private_uploads) if name.endswith(".pdf")]) == 1

    # One key is one request: used again for another kind of write, it is refused.
    deal.refresh_from_db()
    events = deal.event_count
    with pytest.raises(ServiceValidationError, match="different request"):
        deal_advance(actor=outsider, deal=deal, event="withdraw", idempotency_key="m-1")
    deal.refresh_from_db()
    assert (deal.stage, deal.event_count) == ("interest", events)
    assert verbs(deal) == ["interest_expressed", "message_posted", "document_uploaded"]


def test_keyed_agreement_obligation_and_registration_have_one_effect(
    nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    deal = negotiating_deal(nda_offer, officer, outsider, cq_enterprise)
    data = AgreementInput(deal_type="assignment", signed_on=date(2026, 11, 1))
    for _ in range(2):
        agreement_record(actor=officer, deal=deal, data=data, idempotency_key="a-1")
    for _ in range(2):
        obligation_add(
            actor=officer,
            deal=deal,
            description="Transfer the patent file",
            due_on=date(2027, 1, 10),
            idempotency_key="o-1",
        )
    deal_advance(actor=officer, deal=deal, event="sign")
    for _ in range(2):
        agreement_registration_record(
            actor=outsider, deal=deal, registration_number="5000001234", idempotency_key="r-1"
        )
    obligation = Obligation.objects.get()
    for _ in range(2):
        obligation_mark_done(
            actor=outsider, deal=deal, obligation=obligation, idempotency_key="x-1"
        )
    assert verbs(deal)[-6:] == [
        "negotiate",
        "agreement_recorded",
        "obligation_added",
        "sign",
        "registration_recorded",
        "obligation_done",
    ]
    assert Agreement.objects.count() == 1
    assert audit_verify() == []


def test_registration_number_recorded_after_signing(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    third_party: User,
    cq_enterprise: Organisation,
) -> None:
    deal = negotiating_deal(nda_offer, officer, outsider, cq_enterprise)
    with pytest.raises(ServiceValidationError, match="once the agreement is signed"):
        agreement_registration_record(actor=officer, deal=deal, registration_number="1")
    deal = signed_deal(nda_offer, officer, outsider, cq_enterprise, deal)
    agreement = Agreement.objects.get(deal=deal)
    assert (agreement.registration_required, agreement.registration_number) == (True, "")

    before = snapshot(deal)
    with pytest.raises(PermissionDenied):
        agreement_registration_record(actor=third_party, deal=deal, registration_number="X")
    with pytest.raises(ServiceValidationError, match="Give the registration number"):
        agreement_registration_record(actor=outsider, deal=deal, registration_number="  ")
    assert snapshot(deal) == before

    agreement_registration_record(actor=outsider, deal=deal, registration_number=" 2026500001234 ")
    agreement.refresh_from_db()
    assert agreement.registration_number == "2026500001234"
    event = DealEvent.objects.filter(deal=deal).order_by("seq").last()
    assert event is not None
    assert (event.verb, event.organisation_id, event.changes) == (
        "registration_recorded",
        cq_enterprise.pk,
        {
            "before": {"registration_number": ""},
            "after": {"registration_number": "2026500001234"},
        },
    )
    # Still open after the deal closes as won.
    deal_advance(actor=officer, deal=deal, event="close_won")
    agreement_registration_record(actor=officer, deal=deal, registration_number="2026500009999")
    agreement.refresh_from_db()
    assert agreement.registration_number == "2026500009999"
    assert audit_verify() == []


def test_obligation_marked_done_by_either_party_is_not_reminded(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    third_party: User,
    cq_enterprise: Organisation,
) -> None:
    deal = signed_deal(nda_offer, officer, outsider, cq_enterprise)
    first = obligation_add(
        actor=officer, deal=deal, description="Royalty report", due_on=date(2027, 1, 10)
    )
    second = obligation_add(
        actor=outsider, deal=deal, description="Milestone payment", due_on=date(2027, 1, 10)
    )
    before = snapshot(deal)
    with pytest.raises(PermissionDenied):
        obligation_mark_done(actor=third_party, deal=deal, obligation=first)
    assert snapshot(deal) == before
    assert Obligation.objects.get(pk=first.pk).done_at is None

    done = obligation_mark_done(actor=outsider, deal=deal, obligation=first)
    assert done.done_at is not None
    with pytest.raises(ServiceValidationError, match="already marked done"):
        obligation_mark_done(actor=officer, deal=deal, obligation=first)
    obligation_mark_done(actor=officer, deal=deal, obligation=second)
    event = DealEvent.objects.filter(deal=deal, verb="obligation_done").order_by("seq").first()
    assert event is not None
    assert (event.organisation_id, event.changes) == (
        cq_enterprise.pk,
        {"after": {"obligation": first.pk, "due_on": "2027-01-10"}},
    )
    assert obligations_remind(today=date(2027, 1, 9)) == []
    assert "obligation_reminded" not in verbs(deal)
    assert audit_verify() == []


def test_obligation_of_another_deal_is_refused(
    nda_offer: Listing,
    cq_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    hk_university: Organisation,
) -> None:
    deal = signed_deal(nda_offer, officer, outsider, cq_enterprise)
    obligation = obligation_add(
        actor=officer, deal=deal, description="Royalty report", due_on=date(2027, 1, 10)
    )
    other = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    with pytest.raises(ServiceValidationError, match="obligation of this deal"):
        obligation_mark_done(actor=officer, deal=other, obligation=obligation)
    assert Obligation.objects.get(pk=obligation.pk).done_at is None


def test_confidential_view_and_its_deal_event_are_one_write(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)
    deal.refresh_from_db()
    events = deal.event_count

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("techbridge.pipeline.selectors.event_append", broken)
    with pytest.raises(RuntimeError):
        listing_reading(outsider, nda_offer, "en")
    assert not ConfidentialView.objects.exists()
    deal.refresh_from_db()
    assert deal.event_count == events


def test_a_key_replays_only_the_same_request_on_the_same_deal(
    nda_offer: Listing,
    cq_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    hk_university: Organisation,
) -> None:
    from techbridge.pipeline.services.deals import IdempotencyKeyReused

    deal = deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise, idempotency_key="i-1"
    )
    # An interest's key sent with a step: refused, not answered with the deal untouched.
    before = snapshot(deal)
    with pytest.raises(IdempotencyKeyReused, match="different request"):
        deal_advance(actor=outsider, deal=deal, event="withdraw", idempotency_key="i-1")
    assert snapshot(deal) == before

    # One step's key sent with the next step: refused; the same step again replays.
    deal_advance(actor=officer, deal=deal, event="screen", idempotency_key="s-1")
    before = snapshot(deal)
    with pytest.raises(IdempotencyKeyReused):
        deal_advance(actor=officer, deal=deal, event="accept", idempotency_key="s-1")
    assert snapshot(deal) == before
    assert deal_advance(actor=officer, deal=deal, event="screen", idempotency_key="s-1").pk == (
        deal.pk
    )
    assert snapshot(deal) == before

    deal_advance(actor=officer, deal=deal, event="accept")
    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)
    deal_advance(actor=officer, deal=deal, event="negotiate")
    data = AgreementInput(deal_type="assignment", signed_on=date(2026, 11, 1))
    agreement_record(actor=officer, deal=deal, data=data)
    first = obligation_add(
        actor=officer,
        deal=deal,
        description="File",
        due_on=date(2027, 1, 10),
        idempotency_key="o-1",
    )
    second = obligation_add(actor=officer, deal=deal, description="Report", due_on=date(2027, 2, 1))
    deal_message_post(actor=officer, deal=deal, body="Signed copy follows.", idempotency_key="m-1")

    # The officer's organisation is the interested party of a second deal.
    other = deal_express_interest(actor=officer, listing=cq_offer, organisation=hk_university)
    other = to_due_diligence(other, outsider, outsider, officer)
    deal_advance(actor=outsider, deal=other, event="negotiate")
    agreement_record(actor=outsider, deal=other, data=data)
    before = snapshot(other)
    with pytest.raises(IdempotencyKeyReused):
        obligation_add(
            actor=officer,
            deal=other,
            description="File",
            due_on=date(2027, 1, 10),
            idempotency_key="o-1",
        )
    with pytest.raises(IdempotencyKeyReused):
        deal_message_post(actor=officer, deal=other, body="Hello", idempotency_key="m-1")
    assert snapshot(other) == before
    assert Obligation.objects.filter(agreement__deal=other).count() == 0
    assert DealMessage.objects.filter(deal=other).count() == 0

    # Marking one obligation done with a key, then another with the same key: refused.
    deal_advance(actor=officer, deal=deal, event="sign")
    obligation_mark_done(actor=outsider, deal=deal, obligation=first, idempotency_key="x-1")
    with pytest.raises(IdempotencyKeyReused):
        obligation_mark_done(actor=outsider, deal=deal, obligation=second, idempotency_key="x-1")
    second.refresh_from_db()
    assert second.done_at is None
    assert Obligation.objects.filter(agreement__deal=deal, done_at__isnull=False).count() == 1
    assert audit_verify() == []


def test_a_key_sent_again_with_other_content_is_refused(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    private_uploads: Any,
) -> None:
    """The same operation on the same deal but saying something else is a new request: a
    client reusing a key by mistake learns it, instead of a reply that the second message was
    posted while only the first exists."""
    from techbridge.pipeline.services.deals import IdempotencyKeyReused

    deal = deal_express_interest(
        actor=outsider,
        listing=nda_offer,
        organisation=cq_enterprise,
        message="We would like a licence.",
        idempotency_key="i-1",
    )
    first = deal_message_post(actor=outsider, deal=deal, body="Hello", idempotency_key="m-1")
    with pytest.raises(IdempotencyKeyReused):
        deal_message_post(actor=outsider, deal=deal, body="Goodbye", idempotency_key="m-1")
    with pytest.raises(IdempotencyKeyReused):
        deal_message_post(
            actor=outsider, deal=deal, body="Hello", parent=first, idempotency_key="m-1"
        )
    assert list(DealMessage.objects.filter(deal=deal).values_list("body", flat=True)) == [
        "We would like a licence.",
        "Hello",
    ]
    assert deal_message_post(actor=outsider, deal=deal, body="Hello", idempotency_key="m-1") == (
        first
    )
    with pytest.raises(IdempotencyKeyReused):
        deal_express_interest(
            actor=outsider,
            listing=nda_offer,
            organisation=cq_enterprise,
            message="Another text.",
            idempotency_key="i-1",
        )

    def upload(content: bytes) -> DealDocument:
        return deal_document_upload(
            actor=outsider,
            deal=deal,
            upload=SimpleUploadedFile("brief.pdf", content),
            idempotency_key="d-1",
        )

    document = upload(PDF)
    with pytest.raises(IdempotencyKeyReused):
        upload(PDF + b"% another revision\n")
    assert list(DealDocument.objects.filter(deal=deal)) == [document]

    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)
    deal_advance(actor=officer, deal=deal, event="negotiate")
    terms = AgreementInput(
        deal_type="licence", exclusivity="exclusive", signed_on=date(2026, 11, 1)
    )
    agreement = agreement_record(actor=officer, deal=deal, data=terms, idempotency_key="a-1")
    before = snapshot(deal)
    with pytest.raises(IdempotencyKeyReused):
        agreement_record(
            actor=officer,
            deal=deal,
            data=AgreementInput(deal_type="assignment", signed_on=date(2026, 11, 1)),
            idempotency_key="a-1",
        )
    agreement.refresh_from_db()
    assert agreement.deal_type == "licence"
    assert snapshot(deal) == before
    assert agreement_record(actor=officer, deal=deal, data=terms, idempotency_key="a-1") == (
        agreement
    )


def test_an_obligation_marked_done_while_reminders_run_is_not_reminded(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core import mail

    from techbridge.pipeline import reminders

    deal = signed_deal(nda_offer, officer, outsider, cq_enterprise)
    first = obligation_add(actor=officer, deal=deal, description="File", due_on=date(2027, 1, 10))
    second = obligation_add(
        actor=officer, deal=deal, description="Report", due_on=date(2027, 1, 10)
    )
    real_locked = reminders.locked

    def done_meanwhile(locking: Deal) -> Deal:
        # The other party marks the first obligation done after the reminders were listed,
        # just before the reminder takes the deal's lock.
        if Obligation.objects.get(pk=first.pk).done_at is None:
            obligation_mark_done(actor=outsider, deal=locking, obligation=first)
        return real_locked(locking)

    monkeypatch.setattr(reminders, "locked", done_meanwhile)
    mail.outbox.clear()
    assert obligations_remind(today=date(2027, 1, 9)) == [second.pk]
    # One mail per administrator of either side, in their language; none about the first.
    assert [m.subject for m in mail.outbox] == [
        "Obligation due on 2027-01-10: Report",
        "义务到期日 2027-01-10：Report",
    ]
    assert Obligation.objects.get(pk=first.pk).reminded_at is None
    assert verbs(deal)[-2:] == ["obligation_done", "obligation_reminded"]
    assert DealEvent.objects.filter(deal=deal, verb="obligation_reminded").count() == 1
    assert audit_verify() == []
