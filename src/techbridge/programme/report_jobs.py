"""The annual report's PDF made by the task worker, with its progress on the job row.

WeasyPrint takes seconds (minutes for a large year), too long to hold a request: the page
queues a :class:`ReportJob`, and the worker makes the PDF phase by phase — figures, layout,
printing, saving — writing the phase as each begins. Nothing here runs inside a transaction,
so each phase's update commits at once and any node's page sees it, on SQLite as on
PostgreSQL. The finished file goes to the private storage (database or S3, shared by every
node), and the page offers it for download to whoever asked for it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.core.errors import ServiceValidationError
from techbridge.programme.models import Mechanism, ReportJob
from techbridge.programme.report import report_file, require_report_font

STORAGE_ALIAS = "private"


def report_job_create(*, actor: Any, mechanism: Mechanism, year: int, language: str) -> ReportJob:
    """Queue the PDF; refused at once (ServiceValidationError, nothing queued) when the
    server has no font for Chinese, rather than after a wait."""
    from techbridge.programme.tasks import report_pdf_job_task  # tasks import this module

    with translation.override(language):
        require_report_font()
    with transaction.atomic():
        job = ReportJob.objects.create(
            requested_by=actor, mechanism=mechanism, year=year, language=language
        )
        report_pdf_job_task.enqueue(job.pk)  # sent when the transaction commits
    _forget_earlier(actor, job)
    return job


def _forget_earlier(actor: Any, job: ReportJob) -> None:
    """A new PDF replaces the asker's finished ones: their files are deleted with them, so
    the storage keeps at most one report (and one being made) per person."""
    storage = storages[STORAGE_ALIAS]
    finished = (ReportJob.Status.DONE, ReportJob.Status.FAILED)
    for earlier in ReportJob.objects.filter(requested_by=actor, status__in=finished).exclude(
        pk=job.pk
    ):
        if earlier.file_name:
            storage.delete(earlier.file_name)
        earlier.delete()


def report_job_run(job_pk: int) -> str:
    """Make a queued job's PDF (in the worker); returns the job's final status."""
    claimed = ReportJob.objects.filter(
        pk=job_pk, status__in=(ReportJob.Status.QUEUED, ReportJob.Status.RUNNING)
    ).update(status=ReportJob.Status.RUNNING)
    job = ReportJob.objects.select_related("mechanism").get(pk=job_pk)
    if not claimed:
        return str(job.status)  # a finished job is not made twice

    def begin(phase: str) -> None:
        job.phase = phase
        ReportJob.objects.filter(pk=job.pk).update(phase=phase)  # autocommits: seen at once

    try:
        body, _type, _name = report_file(
            job.mechanism, job.year, job.language, "pdf", on_phase=begin
        )
        begin(ReportJob.Phase.STORING)
        job.file_name = storages[STORAGE_ALIAS].save(
            f"reports/{uuid.uuid4().hex}.pdf", ContentFile(body)
        )
    except ServiceValidationError as error:
        job.status, job.problem = ReportJob.Status.FAILED, " ".join(error.messages)
    except Exception:
        with translation.override(job.language):
            job.problem = _("The report could not be made; please try again.")
        job.status = ReportJob.Status.FAILED
        _finish(job)
        raise
    else:
        job.status, job.phase = ReportJob.Status.DONE, ReportJob.Phase.FINISHED
    _finish(job)
    return str(job.status)


def _finish(job: ReportJob) -> None:
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "phase", "file_name", "problem", "finished_at"])


def report_job_file_name(job: ReportJob) -> str:
    """The name the download is saved under (as the command and the other formats name it)."""
    return f"{job.mechanism.code}-report-{job.year}-{job.language}.pdf"


def report_job_open(job: ReportJob) -> Any:
    """The finished PDF, opened from the shared storage."""
    return storages[STORAGE_ALIAS].open(job.file_name, "rb")
