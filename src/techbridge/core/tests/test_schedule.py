"""Periodic tasks are enqueued when due, once, and run the lifecycle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.services import listing_publish, listing_submit_for_review
from techbridge.catalogue.tests.factories import create_offer
from techbridge.core.schedule import enqueue_due_periodic_tasks

pytestmark = pytest.mark.django_db

PATH = "techbridge.catalogue.tasks.listing_lifecycle_tick"
DIGESTS = [
    "techbridge.matching.tasks.daily_digest_task",
    "techbridge.matching.tasks.weekly_digest_task",
    "techbridge.pipeline.tasks.obligations_remind_task",
]


def test_enqueued_once_until_run_and_interval_passed() -> None:
    assert enqueue_due_periodic_tasks() == [PATH, *DIGESTS]
    assert enqueue_due_periodic_tasks() == []  # still waiting in the queue
    assert DBTaskResult.objects.filter(task_path=PATH).count() == 1

    DBTaskResult.objects.filter(task_path=PATH).update(status="SUCCESSFUL")
    assert enqueue_due_periodic_tasks() == []  # ran less than an hour ago
    later = timezone.now() + timedelta(hours=1, seconds=1)
    assert enqueue_due_periodic_tasks(now=later) == [PATH]
    assert DBTaskResult.objects.filter(task_path=PATH).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_runs_the_lifecycle_tick(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    """The real worker, as `make run` starts it, picks the tick up and expires the listing."""
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    listing_publish(actor=reviewer, listing=listing, now=timezone.now() - timedelta(days=366))
    enqueue_due_periodic_tasks()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    run = DBTaskResult.objects.get(task_path=PATH)
    assert run.status == "SUCCESSFUL"
    assert run.return_value == {"notified": [], "expired": [listing.reference]}
    listing.refresh_from_db()
    assert listing.status == "expired"
