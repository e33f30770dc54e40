"""Test helpers: run the notification e-mails the worker would run after a commit."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult

from techbridge.notifications.tasks import notification_email_task


def run_enqueued_notification_emails() -> list[str]:
    """Run every waiting notification e-mail task once, in enqueue order (as a worker would,
    without waiting for a retry's delay); returns each run's outcome."""
    waiting = DBTaskResult.objects.filter(
        task_path=notification_email_task.module_path, status="READY"
    ).order_by("enqueued_at", "pk")
    outcomes = []
    for result in waiting:
        outcomes.append(
            notification_email_task.call(
                *result.args_kwargs["args"], **result.args_kwargs["kwargs"]
            )
        )
        DBTaskResult.objects.filter(pk=result.pk).update(status="SUCCESSFUL")
    return outcomes
