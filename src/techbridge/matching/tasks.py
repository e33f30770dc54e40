"""Background tasks that keep the search index, match suggestions and alerts current."""

from __future__ import annotations

from django_tasks import task

from techbridge.matching.alerts import digest_send, saved_searches_check
from techbridge.matching.suggestions import suggestions_refresh
from techbridge.matching.upkeep import index_rebuild, listing_reindex


@task()
def listing_reindex_task(listing_pk: int) -> str:
    outcome = listing_reindex(listing_pk)
    # The index now reflects the change: refresh this listing's suggestions (and, through
    # it, those of the listings it matches).
    suggestions_refresh_task.enqueue(listing_pk, True)
    return outcome


@task()
def index_rebuild_task() -> int:
    return index_rebuild()


@task()
def suggestions_refresh_task(listing_pk: int, cascade: bool) -> int:
    kept = suggestions_refresh(listing_pk)
    if cascade:
        for candidate_pk in kept:
            suggestions_refresh_task.enqueue(candidate_pk, False)
    return len(kept)


@task()
def daily_digest_task() -> int:
    saved_searches_check()
    return digest_send("daily")


@task()
def weekly_digest_task() -> int:
    saved_searches_check()
    return digest_send("weekly")
