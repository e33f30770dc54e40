"""The search change log in the database, and the adapter that lets the engine's follower
read it.

Every service write that changes what search shows calls :func:`search_change_record` inside
its transaction. The entry is numbered under the row lock of :class:`SearchLogState`, so
numbers are gapless and in commit order (a later writer waits for the earlier one's commit);
on PostgreSQL the commit also notifies listening followers (``NOTIFY``), which otherwise poll.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection, transaction
from django.db.models import QuerySet

from techbridge.accounts.models import Organisation
from techbridge.catalogue.models import Listing
from techbridge.catalogue.search import SEARCHABLE_STATUSES
from techbridge.engine import Document
from techbridge.engine.replica import Change, Refresh
from techbridge.experts.models import ExpertProfile
from techbridge.matching.documents import (
    detail_id,
    expert_document,
    expert_id,
    listing_documents,
    teaser_id,
)
from techbridge.matching.models import SearchChange, SearchLogState

CHANNEL = "techbridge_search_changes"
LISTING, ORGANISATION, EXPERT = "listing", "organisation", "expert"


def search_change_record(
    *,
    listing: Listing | None = None,
    organisation: Organisation | None = None,
    expert: ExpertProfile | None = None,
) -> int:
    """Append one change (a listing, every listing and expert of an organisation, or an
    expert's profile) to the log in the caller's transaction; returns its sequence number."""
    if sum(record is not None for record in (listing, organisation, expert)) != 1:
        raise ValueError("name exactly one of listing, organisation and expert")
    with transaction.atomic():
        state = _locked_state()
        state.last_sequence += 1
        state.save(update_fields=["last_sequence"])
        SearchChange.objects.create(
            sequence=state.last_sequence,
            listing=listing,
            organisation=organisation,
            expert=expert,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(state.last_sequence)])
    return state.last_sequence


def _locked_state() -> SearchLogState:
    try:
        return SearchLogState.objects.select_for_update().get(pk=1)
    except SearchLogState.DoesNotExist:
        # Created by the migration; a flushed test database loses it.
        SearchLogState.objects.bulk_create([SearchLogState(pk=1)], ignore_conflicts=True)
        return SearchLogState.objects.select_for_update().get(pk=1)


def log_state() -> tuple[int, int]:
    """(last sequence, pruned through) of the log."""
    row = SearchLogState.objects.filter(pk=1).values_list("last_sequence", "pruned_through")
    return row.first() or (0, 0)


def listings_changed_after(sequence: int) -> set[int]:
    """Primary keys of the listings changed by entries after ``sequence``."""
    listing_ids: set[int] = set()
    organisation_ids: set[int] = set()
    for listing_id, organisation_id in SearchChange.objects.filter(
        sequence__gt=sequence
    ).values_list("listing_id", "organisation_id"):
        if listing_id is not None:
            listing_ids.add(listing_id)
        elif organisation_id is not None:
            organisation_ids.add(organisation_id)
    if organisation_ids:
        listing_ids |= set(
            Listing.objects.filter(owner_id__in=organisation_ids).values_list("pk", flat=True)
        )
    return listing_ids


def searchable_listings() -> QuerySet[Listing]:
    return (
        Listing.objects.filter(status__in=SEARCHABLE_STATUSES)
        .select_related("owner")
        .prefetch_related("texts", "areas", "partnership_types")
    )


def searchable_experts() -> QuerySet[ExpertProfile]:
    return (
        ExpertProfile.objects.filter(is_published=True)
        .select_related("institution")
        .prefetch_related("areas", "sectors")
    )


def all_documents(batch_size: int = 500) -> Iterator[Document]:
    for listing in searchable_listings().order_by("pk").iterator(chunk_size=batch_size):
        yield from listing_documents(listing)
    for expert in searchable_experts().order_by("pk").iterator(chunk_size=batch_size):
        yield expert_document(expert)


def _change_key(listing_id: int | None, organisation_id: int | None, expert: int | None) -> str:
    if listing_id is not None:
        return f"{LISTING}:{listing_id}"
    if organisation_id is not None:
        return f"{ORGANISATION}:{organisation_id}"
    return f"{EXPERT}:{expert}"


class DatabaseChangeLog:
    """The engine's :class:`~techbridge.engine.replica.ChangeLog` over the database."""

    def __init__(self, poll_seconds: float = 0.2):
        self.poll_seconds = poll_seconds
        self._listening: object | None = None

    def head(self) -> int:
        return log_state()[0]

    def pruned_through(self) -> int:
        return log_state()[1]

    def changes_after(self, sequence: int, limit: int) -> Sequence[Change]:
        rows = SearchChange.objects.filter(sequence__gt=sequence).order_by("sequence")[:limit]
        return [
            Change(seq, _change_key(lid, oid, eid))
            for seq, lid, oid, eid in rows.values_list(
                "sequence", "listing_id", "organisation_id", "expert_id"
            )
        ]

    def refresh(self, changes: Sequence[Change]) -> Refresh:
        ids: dict[str, set[int]] = {LISTING: set(), ORGANISATION: set(), EXPERT: set()}
        for change in changes:
            kind, _, pk = change.key.partition(":")
            ids[kind].add(int(pk))
        listing_ids, expert_ids = ids[LISTING], ids[EXPERT]
        if ids[ORGANISATION]:
            # An organisation's name, region or type is part of its listings' and experts'
            # documents.
            listing_ids |= set(
                Listing.objects.filter(owner_id__in=ids[ORGANISATION]).values_list("pk", flat=True)
            )
            expert_ids |= set(
                ExpertProfile.objects.filter(institution_id__in=ids[ORGANISATION]).values_list(
                    "pk", flat=True
                )
            )
        delete = [doc for pk in sorted(listing_ids) for doc in (teaser_id(pk), detail_id(pk))]
        delete += [expert_id(pk) for pk in sorted(expert_ids)]
        current = searchable_listings().filter(pk__in=listing_ids).order_by("pk")
        upsert = [document for listing in current for document in listing_documents(listing)]
        experts = searchable_experts().filter(pk__in=expert_ids).order_by("pk")
        upsert += [expert_document(expert) for expert in experts]
        return Refresh(delete=delete, upsert=upsert)

    def snapshot(self) -> tuple[int, Iterable[Document]]:
        # Every change numbered up to the head read here has committed (numbers are taken
        # under a row lock held to commit), so documents read afterwards include it.
        return self.head(), all_documents()

    def wait(self, timeout: float) -> None:
        if connection.vendor != "postgresql":
            time.sleep(min(timeout, self.poll_seconds))
            return
        self._listen()
        pg = connection.connection
        for _ in pg.notifies(timeout=timeout, stop_after=1):
            break

    def _listen(self) -> None:
        connection.ensure_connection()
        raw = connection.connection
        if self._listening is not raw:
            raw.autocommit = True
            raw.execute(f"LISTEN {CHANNEL}")
            self._listening = raw
