"""Background tasks of the pipeline."""

from __future__ import annotations

from django_tasks import task

from techbridge.pipeline.reminders import obligations_remind


@task()
def obligations_remind_task() -> list[int]:
    return obligations_remind()
