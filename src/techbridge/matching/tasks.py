"""Background tasks that keep the search index current."""

from __future__ import annotations

from django_tasks import task

from techbridge.matching.upkeep import index_rebuild, listing_reindex


@task()
def listing_reindex_task(listing_pk: int) -> str:
    return listing_reindex(listing_pk)


@task()
def index_rebuild_task() -> int:
    return index_rebuild()
