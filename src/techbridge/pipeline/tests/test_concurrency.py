"""Both parties acting on one deal at the same moment, each on its own database connection:
exactly one transition happens, with exactly one event, and the chain stays valid."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.core.errors import ServiceValidationError
from techbridge.pipeline.models import Deal, DealEvent
from techbridge.pipeline.services import (
    audit_verify,
    deal_advance,
    deal_express_interest,
    nda_confirm,
)

ROUNDS = 5


def _race(*calls: tuple[User, str]) -> list[str]:
    gate = threading.Barrier(len(calls))

    def run(call: tuple[User, str], deal_pk: int) -> str:
        actor, event = call
        try:
            gate.wait(timeout=10)
            deal = Deal.objects.get(pk=deal_pk)
            if event == "nda_confirm":
                nda_confirm(actor=actor, deal=deal)
            else:
                deal_advance(actor=actor, deal=deal, event=event)
            return "done"
        except ServiceValidationError:
            return "refused"
        finally:
            connection.close()

    deal_pk = Deal.objects.order_by("-pk").values_list("pk", flat=True)[0]
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: run(call, deal_pk), calls))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_decline_and_withdraw_at_the_same_moment_leave_one_close(
    nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    for _ in range(ROUNDS):
        deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
        outcomes = _race((officer, "decline"), (outsider, "withdraw"))
        deal.refresh_from_db()
        assert sorted(outcomes) == ["done", "refused"]
        assert deal.stage == "closed"
        assert deal.outcome == ("lost" if outcomes[0] == "done" else "withdrawn")
        closing = DealEvent.objects.filter(deal=deal, verb__in=["decline", "withdraw"])
        assert closing.count() == 1
        assert deal.event_count == 2
    assert audit_verify() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_both_sides_confirm_the_nda_at_once_and_it_comes_into_force_once(
    nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    for _ in range(ROUNDS):
        deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
        deal_advance(actor=officer, deal=deal, event="screen")
        deal_advance(actor=officer, deal=deal, event="accept")
        outcomes = _race((officer, "nda_confirm"), (outsider, "nda_confirm"))
        deal.refresh_from_db()
        assert outcomes == ["done", "done"]
        assert deal.stage == "due_diligence"
        verbs = list(
            DealEvent.objects.filter(deal=deal).order_by("seq").values_list("verb", flat=True)
        )
        assert verbs[-4:] == ["nda_confirmed", "nda_confirmed", "nda_in_force", "disclosed"]
        deal_advance(actor=outsider, deal=deal, event="withdraw")
    assert audit_verify() == []
