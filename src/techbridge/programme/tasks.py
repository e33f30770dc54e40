"""The annual report's PDF, made by the database-backed task worker."""

from __future__ import annotations

from django_tasks import task

from techbridge.programme.report_jobs import report_job_run


@task()
def report_pdf_job_task(job_pk: int) -> str:
    """Make a queued annual report PDF and store it for the job's download."""
    return report_job_run(job_pk)
