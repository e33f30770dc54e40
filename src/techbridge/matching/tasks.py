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
        waiting = _waiting_refreshes()
        for candidate_pk in kept:
            # A burst (an import, the demo) would queue the same refresh many times over;
            # one waiting refresh of a listing reads its latest state anyway.
            if candidate_pk not in waiting:
                suggestions_refresh_task.enqueue(candidate_pk, False)
                waiting.add(candidate_pk)
    return len(kept)


def _waiting_refreshes() -> set[int]:
    from django_tasks_db.models import DBTaskResult

    runs = DBTaskResult.objects.filter(
        task_path=suggestions_refresh_task.module_path, status="READY"
    ).values_list("args_kwargs", flat=True)
    return {int(run["args"][0]) for run in runs if run.get("args")}


@task()
def daily_digest_task() -> int:
    saved_searches_check()
    return digest_send("daily")


@task()
def weekly_digest_task() -> int:
    saved_searches_check()
    return digest_send("weekly")
