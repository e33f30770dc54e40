"""Shared abstract models: timestamps, trilingual names and append-only audit events."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from techbridge.core.scripts import text_for_language


class WebsiteField(models.URLField):
    """A URL field whose form assumes https:// for addresses typed without a scheme."""

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class TimeStampedModel(models.Model):
    """Creation and last-change times, set by the database layer on save."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TrilingualNameModel(models.Model):
    """A name in English, Traditional Chinese (Hong Kong) and Simplified Chinese.

    Reference tables have exactly three languages, so three columns are simpler and faster
    than a translation table. ``name`` follows the active language; a missing Chinese script
    is derived from the other by conversion, then the name in its original language is shown
    as entered (``core.scripts.text_for_language``). A model that knows which language its
    names were entered in says so in ``original_language``.
    """

    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_in(get_language() or "en")

    def name_in(self, language: str) -> str:
        return text_for_language(
            language, self.name_en, self.name_zh_hant, self.name_zh_hans, self.original_language
        )

    def original_language(self) -> str:
        """The language code the texts were entered in, or "" when unknown.

        Asked only when neither the reader's language nor the other Chinese script has text;
        unknown, the name in one language alone is shown as it is.
        """
        return ""


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events are append-only")


class AuditEvent(models.Model):
    """One thing that happened: who did what, when, and what changed (before → after).

    Rows are written by services in the same transaction as the change they describe and are
    never updated or deleted through the ORM.
    """

    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verb = models.CharField(_("action"), max_length=40)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["occurred_at", "pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events are append-only")


class ProcessHeartbeat(models.Model):
    """A background process (task worker, index follower, scheduler) saying it is alive.

    Each process upserts its row every few seconds. Rows of processes silent for longer than
    their kind's limit are treated as dead: their running tasks are recovered, and ``/readyz``
    reports them. Shared through the database so that every node sees every other node's.
    """

    class Role(models.TextChoices):
        WORKER = "worker", _("task worker")
        FOLLOWER = "follower", _("index follower")
        SCHEDULER = "scheduler", _("scheduler")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    hostname = models.CharField(_("host name"), max_length=200)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    beat_at = models.DateTimeField(_("last heartbeat"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("process heartbeat")
        verbose_name_plural = _("process heartbeats")
        indexes = [models.Index(fields=["role", "beat_at"], name="core_heartbeat_role_beat")]

    def __str__(self) -> str:
        return f"{self.role} {self.name}"


class RateCounter(models.Model):
    """Hits counted in one rate-limit window for one key (an API client, an account lock).

    Used when no Redis cache is configured. Each hit is one ``INSERT … ON CONFLICT DO UPDATE``
    statement, so concurrent hits from any number of processes are never lost (Django's
    database cache implements ``incr`` as a read followed by a write). Expired rows are
    deleted by a periodic task.
    """

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    hits = models.PositiveIntegerField(_("hits"), default=0)
    # Seconds since the epoch: compared inside the upsert without per-database date handling.
    window_ends = models.FloatField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"


class PeriodicTaskSchedule(models.Model):
    """When a periodic task is next due; the row every scheduler competes for.

    A scheduler enqueues a run only if it moves ``next_due_at`` forward with a conditional
    update in the enqueue's own transaction; a second scheduler's update then matches no row,
    so each due run is enqueued once however many schedulers run.
    """

    task_path = models.CharField(_("task"), max_length=200, unique=True)
    next_due_at = models.DateTimeField(_("next due"))
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic task schedule")
        verbose_name_plural = _("periodic task schedules")

    def __str__(self) -> str:
        return self.task_path


class TaskRecovery(models.Model):
    """A task run abandoned by a worker that died, and the retry enqueued for it.

    ``retry`` is empty when no retry was enqueued: the abandoned run was itself a retry (a
    task that kills its worker is not retried for ever) or the same task was already waiting.
    """

    orphan = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        verbose_name=_("abandoned run"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    retry = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        verbose_name=_("retry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)
    recovered_at = models.DateTimeField(_("recovered"), default=timezone.now)

    class Meta:
        verbose_name = _("task recovery")
        verbose_name_plural = _("task recoveries")

    def __str__(self) -> str:
        return f"{self.orphan_id} → {self.retry_id}"
