"""Keeping the index in step with the database.

Services call :func:`enqueue_listing_reindex` inside their transaction: the task row is
written by the same transaction as the change, so a crash either loses both or neither.
The task reads the listing's current state, so running it twice, late or out of order is
harmless.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from techbridge.catalogue.models import Listing
from techbridge.catalogue.search import SEARCHABLE_STATUSES
from techbridge.engine import Document
from techbridge.matching.documents import detail_id, listing_documents, teaser_id
from techbridge.matching.index import search_index


def searchable_listings() -> QuerySet[Listing]:
    return (
        Listing.objects.filter(status__in=SEARCHABLE_STATUSES)
        .select_related("owner")
        .prefetch_related("texts", "areas", "partnership_types")
    )


def listing_reindex(listing_pk: int) -> str:
    """Bring one listing's documents up to date; returns "indexed" or "removed"."""
    index = search_index()
    listing = searchable_listings().filter(pk=listing_pk).first()
    index.delete([teaser_id(listing_pk), detail_id(listing_pk)])
    outcome = "removed"
    if listing is not None:
        index.add(listing_documents(listing))
        outcome = "indexed"
    index.commit()
    return outcome


def all_documents(batch_size: int = 500) -> Iterator[Document]:
    for listing in searchable_listings().order_by("pk").iterator(chunk_size=batch_size):
        yield from listing_documents(listing)


def index_rebuild() -> int:
    """Rebuild the whole index from the database; switches atomically when complete."""
    return search_index().rebuild(all_documents())


def enqueue_listing_reindex(listing: Listing) -> None:
    from techbridge.matching.tasks import listing_reindex_task

    listing_reindex_task.enqueue(listing.pk)
