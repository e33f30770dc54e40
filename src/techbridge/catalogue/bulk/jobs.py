"""Large imports run by the task worker, so no request holds the database's write lock.

The page reads the file (bounded, quickly) to count its rows. A file of more than
``TECHBRIDGE_IMPORT_SYNC_ROWS`` rows (default 200) is stored in the shared file storage and a
``ListingImportJob`` is queued; the worker imports it in one transaction — still all or
nothing — and the page shows its progress, then the same report as a small import.

Progress lives in the database (the job row), so whichever node serves the page sees it. The
import stays one transaction, so the count cannot be committed by it: rows done are written
every ``PROGRESS_EVERY`` rows on a second connection that commits at once (PostgreSQL, where
the job row is not locked by the import). SQLite allows one writer, and the import's
transaction holds that lock: a second connection would wait for it until the import ends (or
time out and, raised inside the import, undo it). So on SQLite the job records its phases only
— waiting, importing (committed before the transaction begins), finished with every row
counted — and the page shows an indeterminate bar while the rows are imported.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.catalogue.bulk.importing import ImportReport, RowResult, listings_import
from techbridge.catalogue.bulk.reading import read_rows
from techbridge.catalogue.models import ListingImportJob
from techbridge.core.errors import ServiceValidationError

STORAGE_ALIAS = "private"  # shared by every node (database or S3), never served by URL


def sync_max_rows() -> int:
    """TECHBRIDGE_IMPORT_SYNC_ROWS: files with more rows go to the worker."""
    return int(getattr(settings, "TECHBRIDGE_IMPORT_SYNC_ROWS", 200))


def import_job_create(
    *, actor: Any, content: bytes, fmt: str, dry_run: bool, rows_total: int
) -> ListingImportJob:
    """Store the upload and queue its import; the job and its file commit together."""
    from techbridge.catalogue.tasks import listings_import_job_task  # tasks import this module

    with transaction.atomic():
        name = storages[STORAGE_ALIAS].save(
            f"imports/{uuid.uuid4().hex}.{fmt}", ContentFile(content)
        )
        job = ListingImportJob.objects.create(
            created_by=actor,
            file_name=name,
            file_format=fmt,
            dry_run=dry_run,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            rows_total=rows_total,
        )
        listings_import_job_task.enqueue(job.pk)  # sent when the transaction commits
    return job


def import_job_run(job_pk: int) -> str:
    """Run a queued import (in the worker); returns the job's final status."""
    # A job left "running" is a retry after its worker died: that run's transaction was
    # rolled back with it, so running again is safe. A finished job is not run twice.
    claimed = ListingImportJob.objects.filter(
        pk=job_pk, status__in=(ListingImportJob.Status.QUEUED, ListingImportJob.Status.RUNNING)
    ).update(status=ListingImportJob.Status.RUNNING, rows_done=0)
    job = ListingImportJob.objects.select_related("created_by").get(pk=job_pk)
    if not claimed:
        return str(job.status)
    storage = storages[STORAGE_ALIAS]
    progress = _ProgressWriter(job.pk)
    with translation.override(job.language):
        try:
            with storage.open(job.file_name) as handle:
                rows = read_rows(handle.read(), job.file_format)
            report = listings_import(
                actor=job.created_by,
                rows=rows,
                dry_run=job.dry_run,
                progress=progress.write if progress.live else None,
            )
        except ServiceValidationError as error:
            job.status, job.problem = ListingImportJob.Status.FAILED, " ".join(error.messages)
        except Exception:
            job.status = ListingImportJob.Status.FAILED
            job.problem = _("The import failed unexpectedly; nothing was imported.")
            _finish(job, storage)
            raise
        else:
            job.status, job.report = ListingImportJob.Status.DONE, report_as_data(report)
            job.rows_done = len(rows)
        finally:
            progress.close()
    _finish(job, storage)
    return str(job.status)


def _finish(job: ListingImportJob, storage: Any) -> None:
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "problem", "report", "rows_done", "finished_at"])
    storage.delete(job.file_name)


class _ProgressWriter:
    """Writes ``rows_done`` on its own autocommitting connection, so the page sees it while
    the import's transaction is still open. Not on SQLite: a second writer would wait for
    the import's own write lock."""

    def __init__(self, job_pk: int) -> None:
        self.job_pk = job_pk
        self.live = connection.vendor != "sqlite"
        self.side: Any = None

    def write(self, done: int, _total: int) -> None:
        if not self.live:
            return
        try:
            if self.side is None:
                self.side = connections.create_connection(connection.alias)
            table = self.side.ops.quote_name(ListingImportJob._meta.db_table)
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET rows_done = %s WHERE id = %s", [done, self.job_pk]
                )
        except DatabaseError:
            # The count is a courtesy: a failed write must not undo the import around it.
            self.live = False

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def report_as_data(report: ImportReport) -> dict[str, Any]:
    return {
        "dry_run": report.dry_run,
        "applied": report.applied,
        "rows": [
            {
                "line": row.line,
                "external_ref": row.external_ref,
                "action": row.action,
                "reference": row.reference,
                "errors": row.errors,
            }
            for row in report.rows
        ],
    }


def report_from_data(data: dict[str, Any]) -> ImportReport:
    rows = [RowResult(**row) for row in data["rows"]]
    return ImportReport(rows, dry_run=data["dry_run"], applied=data["applied"])
