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
from techbridge.matching.documents import detail_id, listing_documents, teaser_id
from techbridge.matching.models import SearchChange, SearchLogState

CHANNEL = "techbridge_search_changes"
LISTING, ORGANISATION = "listing", "organisation"


def search_change_record(
    *, listing: Listing | None = None, organisation: Organisation | None = None
) -> int:
    """Append one change (a listing, or every listing of an organisation) to the log in the
    caller's transaction; returns its sequence number."""
    if (listing is None) == (organisation is None):
        raise ValueError("name exactly one of listing and organisation")
    with transaction.atomic():
        state = _locked_state()
        state.last_sequence += 1
        state.save(update_fields=["last_sequence"])
        SearchChange.objects.create(
            sequence=state.last_sequence, listing=listing, organisation=organisation
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
        else:
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


def all_documents(batch_size: int = 500) -> Iterator[Document]:
    for listing in searchable_listings().order_by("pk").iterator(chunk_size=batch_size):
        yield from listing_documents(listing)


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
            Change(seq, f"{LISTING}:{lid}" if lid is not None else f"{ORGANISATION}:{oid}")
            for seq, lid, oid in rows.values_list("sequence", "listing_id", "organisation_id")
        ]

    def refresh(self, changes: Sequence[Change]) -> Refresh:
        listing_ids: set[int] = set()
        organisation_ids: set[int] = set()
        for change in changes:
            kind, _, pk = change.key.partition(":")
            (listing_ids if kind == LISTING else organisation_ids).add(int(pk))
        if organisation_ids:
            listing_ids |= set(
                Listing.objects.filter(owner_id__in=organisation_ids).values_list("pk", flat=True)
            )
        delete = [doc for pk in sorted(listing_ids) for doc in (teaser_id(pk), detail_id(pk))]
        current = searchable_listings().filter(pk__in=listing_ids).order_by("pk")
        upsert = [document for listing in current for document in listing_documents(listing)]
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
