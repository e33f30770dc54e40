"""The annual report's PDF, made by the task worker: its phases as it goes, then the file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportJob(models.Model):
    """A PDF of the annual report asked for on the programme page. Printing takes seconds to
    minutes, so the worker makes it; the job records which phase it is in (written as each
    begins, so every node's page sees it) and the finished file in the private storage."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    class Phase(models.TextChoices):
        # In the order they run; the page's bar counts the phases begun.
        WAITING = "waiting", _("Waiting for the worker")
        FIGURES = "figures", _("Reading the figures")
        LAYOUT = "layout", _("Laying out the report")
        PRINTING = "printing", _("Printing the PDF")
        STORING = "storing", _("Saving the file")
        FINISHED = "finished", _("Finished")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_jobs"
    )
    mechanism = models.ForeignKey("programme.Mechanism", on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.WAITING)
    # The finished PDF in the private storage (shared by every node, never served by URL).
    file_name = models.CharField(max_length=255, blank=True)
    problem = models.TextField(blank=True)  # why no file was made, in the job's language

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"report {self.year} {self.language} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def steps_total(self) -> int:
        return len(self.Phase.values) - 1  # the phases of work, not "finished"

    @property
    def steps_done(self) -> int:
        """Phases completed: each phase before the current one."""
        return list(self.Phase.values).index(self.phase)
