"""Appending to a deal's hash-chained history, and checking it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from techbridge.core.request_id import current_request_id
from techbridge.pipeline.models import Deal, DealEvent


def event_append(
    deal: Deal,
    *,
    actor: Any,
    organisation_id: int | None,
    verb: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> DealEvent:
    """Append one event. The caller holds the deal's row lock inside its transaction, so the
    sequence number and previous hash cannot race."""
    changes: dict[str, Any] = {}
    if before:
        changes["before"] = before
    if after:
        changes["after"] = after
    event = DealEvent(
        deal=deal,
        seq=deal.event_count + 1,
        occurred_at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation_id=organisation_id,
        verb=verb,
        changes=changes,
        request_id=current_request_id(),
        prev_hash=deal.head_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    deal.event_count, deal.head_hash = event.seq, event.hash
    Deal.objects.filter(pk=deal.pk).update(event_count=event.seq, head_hash=event.hash)
    return event


@dataclass(frozen=True)
class AuditProblem:
    deal_id: int
    seq: int
    problem: str


def audit_verify(deals: Iterator[Deal] | None = None) -> list[AuditProblem]:
    """Every break in every deal's chain: an altered event (its hash no longer matches), a
    missing or reordered one (sequence or previous hash out of step), or missing newest
    events (the deal's count and head hash disagree with what is stored)."""
    problems: list[AuditProblem] = []
    for deal in deals if deals is not None else Deal.objects.order_by("pk").iterator():
        prev, expected_seq = "", 1
        for event in DealEvent.objects.filter(deal=deal).order_by("seq").iterator():
            if event.seq != expected_seq:
                problems.append(AuditProblem(deal.pk, expected_seq, "missing"))
            if event.prev_hash != prev:
                problems.append(AuditProblem(deal.pk, event.seq, "chain broken"))
            if event.compute_hash() != event.hash:
                problems.append(AuditProblem(deal.pk, event.seq, "altered"))
            prev, expected_seq = event.hash, event.seq + 1
        if expected_seq - 1 != deal.event_count or prev != deal.head_hash:
            problems.append(AuditProblem(deal.pk, deal.event_count, "newest events missing"))
    return problems
