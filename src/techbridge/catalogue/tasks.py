"""Listing upkeep and large imports, run by the database-backed task worker."""

from __future__ import annotations

from django_tasks import task

from techbridge.catalogue.bulk.jobs import import_job_run
from techbridge.catalogue.services import listing_expire_due, listing_notify_expiring


@task()
def listing_lifecycle_tick() -> dict[str, list[str]]:
    """Notify owners of listings expiring soon, then expire those past their validity."""
    return {"notified": listing_notify_expiring(), "expired": listing_expire_due()}


@task()
def listings_import_job_task(job_pk: int) -> str:
    """Import a stored listings file (all or nothing) and keep its report on the job."""
    return import_job_run(job_pk)
