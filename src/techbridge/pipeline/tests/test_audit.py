"""The hash chain: any altered, deleted or reordered event is found by ``verify_audit``."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import Deal, DealEvent
from techbridge.pipeline.services import audit_verify, deal_advance, deal_express_interest

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation) -> Deal:
    deal = deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise, message="hello"
    )
    deal_advance(actor=officer, deal=deal, event="screen")
    return deal_advance(actor=officer, deal=deal, event="accept")


def _sql(statement: str, *params: str | int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_intact_chain_verifies(deal: Deal) -> None:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert out.getvalue().strip() == "audit trail intact: 5 events"


def test_events_cannot_be_changed_through_the_orm(deal: Deal) -> None:
    event = DealEvent.objects.get(deal=deal, seq=1)
    event.verb = "other"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        DealEvent.objects.filter(deal=deal).update(verb="x")
    with pytest.raises(PermissionError):
        DealEvent.objects.filter(deal=deal).delete()


def test_an_altered_event_is_detected(deal: Deal) -> None:
    changes = json.dumps({"after": {"stage": "signed"}})
    _sql(
        "UPDATE pipeline_dealevent SET changes = %s WHERE deal_id = %s AND seq = 3",
        changes,
        deal.pk,
    )
    assert [(p.seq, p.problem) for p in audit_verify()] == [(3, "altered")]
    err = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_audit", stderr=err)
    assert f"deal {deal.pk} event 3: altered" in err.getvalue()


def test_a_deleted_event_is_detected(deal: Deal) -> None:
    _sql("DELETE FROM pipeline_dealevent WHERE deal_id = %s AND seq = 2", deal.pk)
    assert [(p.seq, p.problem) for p in audit_verify()] == [(2, "missing"), (3, "chain broken")]


def test_deleting_the_newest_events_is_detected(deal: Deal) -> None:
    _sql("DELETE FROM pipeline_dealevent WHERE deal_id = %s AND seq >= 4", deal.pk)
    assert [(p.seq, p.problem) for p in audit_verify()] == [(5, "newest events missing")]


def test_events_carry_actor_organisation_and_request_id(deal: Deal, officer: User) -> None:
    event = DealEvent.objects.get(deal=deal, seq=3)
    assert (event.verb, event.actor_id, event.organisation_id) == (
        "screen",
        officer.pk,
        deal.owner_id,
    )
    assert event.changes == {
        "before": {"stage": "interest", "outcome": ""},
        "after": {"stage": "screening", "outcome": ""},
    }
