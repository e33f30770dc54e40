"""Background tasks that keep the search index, match suggestions and alerts current."""

from __future__ import annotations

from django_tasks import task

from techbridge.matching.alerts import digest_send, saved_searches_check
from techbridge.matching.suggestions import suggestions_refresh
from techbridge.matching.upkeep import index_wait_for


@task()
def suggestions_refresh_task(listing_pk: int, cascade: bool, sequence: int = 0) -> int:
    # Suggestions are read from this node's index: let it apply the change first (it is
    # usually there within a second; after the wait, a slightly stale read only delays
    # a suggestion until the next change).
    if sequence:
        index_wait_for(sequence)
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
