"""An import of a listings file run by the task worker, with its progress and its report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingImportJob(models.Model):
    """A file too large to import during the request: stored, imported by the worker in one
    transaction, its progress counted as it goes and its row-by-row report kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_import_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The stored upload (private storage); deleted once the import has run.
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=4)
    dry_run = models.BooleanField(default=False)
    language = models.CharField(max_length=10, default="en")  # of the report's messages
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # ImportReport as data: {"applied": bool, "rows": [{line, external_ref, action, …}]}.
    report = models.JSONField(null=True, blank=True)
    problem = models.TextField(blank=True)  # why the file as a whole was refused

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
