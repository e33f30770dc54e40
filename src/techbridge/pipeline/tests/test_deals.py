"""The pipeline through its services: a deal from interest to a signed agreement, refusals
that change nothing, the NDA, the cross-border checkpoint and idempotency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.notifications.tests.helpers import run_enqueued_notification_emails
from techbridge.pipeline.models import NDA, Deal, DealEvent, DealMessage
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    audit_verify,
    deal_advance,
    deal_export_classify,
    deal_express_interest,
    nda_confirm,
    obligation_add,
)

pytestmark = pytest.mark.django_db


def verbs(deal: Deal) -> list[str]:
    return list(DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", flat=True))


def interest(listing: Listing, actor: User, organisation: Organisation) -> Deal:
    return deal_express_interest(
        actor=actor, listing=listing, organisation=organisation, message="我们很感兴趣。"
    )


def test_hong_kong_offer_to_chongqing_enterprise_from_interest_to_won(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        deal = interest(nda_offer, outsider, cq_enterprise)
    run_enqueued_notification_emails()  # the worker e-mails it after the commit
    assert (deal.stage, deal.direction, deal.checkpoint_applies) == ("interest", "hk_cq", False)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["officer@hk.example.org"], f"New expression of interest in {nda_offer.reference}")
    ]
    assert DealMessage.objects.get(deal=deal).body == "我们很感兴趣。"

    deal_advance(actor=officer, deal=deal, event="screen")
    deal = deal_advance(actor=officer, deal=deal, event="accept")
    nda = NDA.objects.get(deal=deal)
    assert nda.template is not None
    assert (deal.stage, nda.kind, nda.template.version) == ("nda", "standard", 2)

    nda_confirm(actor=officer, deal=deal)
    assert Deal.objects.get(pk=deal.pk).stage == "nda"
    nda_confirm(actor=outsider, deal=deal)
    deal.refresh_from_db()
    assert deal.stage == "due_diligence"
    assert NDA.objects.get(deal=deal).in_force_at is not None

    deal_advance(actor=outsider, deal=deal, event="negotiate")
    agreement = agreement_record(
        actor=officer,
        deal=deal,
        data=AgreementInput(
            deal_type="licence",
            exclusivity="exclusive",
            territory="Chongqing",
            signed_on=date(2026, 11, 1),
            value=Decimal("800000"),
            currency="CNY",
        ),
    )
    # A licence with a Chongqing party is a Civil Code technology contract: registration.
    assert agreement.registration_required is True
    deal_advance(actor=officer, deal=deal, event="sign")
    obligation_add(
        actor=outsider, deal=deal, description="Royalty report", due_on=date(2027, 6, 30)
    )
    deal_advance(actor=outsider, deal=deal, event="start_obligations")
    deal = deal_advance(actor=officer, deal=deal, event="close_won")
    assert (deal.stage, deal.outcome) == ("closed", "won")
    assert verbs(deal) == [
        "interest_expressed",
        "message_posted",
        "screen",
        "accept",
        "nda_proposed",
        "nda_confirmed",
        "nda_confirmed",
        "nda_in_force",
        "disclosed",
        "negotiate",
        "agreement_recorded",
        "sign",
        "obligation_added",
        "start_obligations",
        "close_won",
    ]
    assert audit_verify() == []
    events = DealEvent.objects.filter(deal=deal)
    assert {e.organisation_id for e in events.filter(verb="nda_confirmed")} == {
        deal.owner_id,
        deal.counterparty_id,
    }


def test_refused_steps_change_nothing(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    third_party: User,
    cq_enterprise: Organisation,
) -> None:
    deal = interest(nda_offer, outsider, cq_enterprise)
    before = (deal.stage, deal.event_count)
    with pytest.raises(ServiceValidationError, match="Your side"):
        deal_advance(actor=outsider, deal=deal, event="screen")  # the owner screens
    with pytest.raises(PermissionDenied):
        deal_advance(actor=third_party, deal=deal, event="withdraw")
    with pytest.raises(ServiceValidationError, match="not possible"):
        deal_advance(actor=officer, deal=deal, event="sign")
    with pytest.raises(PermissionDenied):
        deal_advance(actor=officer, deal=deal, event="nda_in_force")
    with pytest.raises(ServiceValidationError, match="Unknown"):
        deal_advance(actor=officer, deal=deal, event="teleport")
    deal.refresh_from_db()
    assert (deal.stage, deal.event_count) == before
    assert DealEvent.objects.filter(deal=deal).count() == before[1]


def test_interest_refused_for_own_listing_and_twice_while_open(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> None:
    with pytest.raises(ServiceValidationError, match="owns this listing"):
        interest(nda_offer, officer, hk_university)
    with pytest.raises(PermissionDenied):
        interest(nda_offer, officer, cq_enterprise)  # not a member of it
    interest(nda_offer, outsider, cq_enterprise)
    with pytest.raises(ServiceValidationError, match="already has an open deal"):
        interest(nda_offer, outsider, cq_enterprise)
    assert Deal.objects.count() == 1
    assert DealEvent.objects.count() == 2


def test_withdrawn_deal_allows_a_new_interest(
    nda_offer: Listing, outsider: User, cq_enterprise: Organisation
) -> None:
    first = interest(nda_offer, outsider, cq_enterprise)
    first = deal_advance(actor=outsider, deal=first, event="withdraw")
    assert (first.stage, first.outcome) == ("closed", "withdrawn")
    second = interest(nda_offer, outsider, cq_enterprise)
    assert second.pk != first.pk


def test_same_idempotency_key_has_one_effect(
    nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    first = deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise, idempotency_key="k-1"
    )
    again = deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise, idempotency_key="k-1"
    )
    assert again.pk == first.pk
    deal_advance(actor=officer, deal=first, event="screen", idempotency_key="k-2")
    repeat = deal_advance(actor=officer, deal=first, event="screen", idempotency_key="k-2")
    assert repeat.stage == "screening"
    assert verbs(first) == ["interest_expressed", "screen"]


def test_mainland_offer_to_hong_kong_passes_the_export_checkpoint(
    cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    deal = interest(cq_offer, officer, hk_university)
    assert (deal.direction, deal.checkpoint_applies) == ("cq_hk", True)
    deal_advance(actor=outsider, deal=deal, event="screen")
    with pytest.raises(ServiceValidationError, match="export classification"):
        deal_advance(actor=outsider, deal=deal, event="accept")
    with pytest.raises(PermissionDenied):
        deal_export_classify(actor=officer, deal=deal, classification="free")
    deal_export_classify(actor=outsider, deal=deal, classification="restricted")
    deal_advance(actor=outsider, deal=deal, event="accept")
    nda_confirm(actor=outsider, deal=deal)
    nda_confirm(actor=officer, deal=deal)
    with pytest.raises(ServiceValidationError, match="export licence"):
        deal_advance(actor=officer, deal=deal, event="negotiate")
    deal_export_classify(
        actor=outsider, deal=deal, classification="restricted", licence_ref="EXP-2026-001"
    )
    deal = deal_advance(actor=officer, deal=deal, event="negotiate")
    assert deal.stage == "negotiation"
    assert audit_verify() == []


def test_prohibited_technology_stops_before_the_nda(
    cq_offer: Listing, officer: User, outsider: User, hk_university: Organisation
) -> None:
    deal = interest(cq_offer, officer, hk_university)
    deal_advance(actor=outsider, deal=deal, event="screen")
    deal_export_classify(actor=outsider, deal=deal, classification="prohibited")
    with pytest.raises(ServiceValidationError, match="prohibited"):
        deal_advance(actor=outsider, deal=deal, event="accept")
    assert Deal.objects.get(pk=deal.pk).stage == "screening"
    assert not NDA.objects.filter(deal=deal).exists()


def test_checkpoint_does_not_apply_to_hong_kong_technology(
    nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    deal = interest(nda_offer, outsider, cq_enterprise)
    with pytest.raises(ServiceValidationError, match="does not apply"):
        deal_export_classify(actor=officer, deal=deal, classification="free")


def test_obligation_reminders_are_sent_once_in_each_readers_language(
    nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    from django.core import mail

    from techbridge.pipeline.reminders import obligations_remind

    deal = interest(nda_offer, outsider, cq_enterprise)
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    nda_confirm(actor=officer, deal=deal)
    nda_confirm(actor=outsider, deal=deal)
    deal_advance(actor=officer, deal=deal, event="negotiate")
    agreement_record(
        actor=officer,
        deal=deal,
        data=AgreementInput(deal_type="assignment", signed_on=date(2026, 11, 1)),
    )
    deal_advance(actor=officer, deal=deal, event="sign")
    obligation = obligation_add(
        actor=officer, deal=deal, description="Transfer the patent file", due_on=date(2027, 1, 10)
    )
    assert obligations_remind(today=date(2027, 1, 2)) == []  # 8 days ahead: not yet
    assert obligations_remind(today=date(2027, 1, 3)) == [obligation.pk]
    assert obligations_remind(today=date(2027, 1, 4)) == []
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert subjects == [
        ("officer@hk.example.org", "Obligation due on 2027-01-10: Transfer the patent file"),
        ("outsider@cq.example.org", "义务到期日 2027-01-10：Transfer the patent file"),
    ]
    assert verbs(deal)[-1] == "obligation_reminded"
    assert audit_verify() == []
