"""Background tasks of the pipeline."""

from __future__ import annotations

from django_tasks import task

from techbridge.pipeline.reminders import obligations_remind


@task()
def obligations_remind_task() -> list[int]:
    return obligations_remind()


@task()
def nda_pdf_store_task(nda_pk: int) -> int | None:
    """Store the agreed standard NDA as a PDF in its deal (once)."""
    from techbridge.pipeline.nda_pdf import nda_pdf_store

    document = nda_pdf_store(nda_pk)
    return document.pk if document is not None else None
