"""What the secretariat tracks under each cooperation item: initiatives with a responsible
unit on each side, their milestones, and the meetings with their decisions and action items."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.core.models import TimeStampedModel
from techbridge.core.scripts import in_reader_language

# A milestone not done within this many days of its due date is amber.
AMBER_WINDOW = timedelta(days=30)


class TrilingualTitle(models.Model):
    """A title in the three languages; ``title`` follows the active language."""

    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=300, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_reader_language(self.title_en, self.title_zh_hant, self.title_zh_hans)


class Initiative(TrilingualTitle, TimeStampedModel):
    """A piece of work under a cooperation item, with a responsible unit on each side."""

    item = models.ForeignKey(
        "programme.CooperationItem",
        verbose_name=_("cooperation item"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    hk_unit_en = models.CharField(
        _("responsible unit in Hong Kong (English)"), max_length=200, blank=True
    )
    hk_unit_zh_hant = models.CharField(
        _("responsible unit in Hong Kong (Traditional Chinese)"), max_length=200, blank=True
    )
    hk_unit_zh_hans = models.CharField(
        _("responsible unit in Hong Kong (Simplified Chinese)"), max_length=200, blank=True
    )
    cq_unit_en = models.CharField(
        _("responsible unit in Chongqing (English)"), max_length=200, blank=True
    )
    cq_unit_zh_hant = models.CharField(
        _("responsible unit in Chongqing (Traditional Chinese)"), max_length=200, blank=True
    )
    cq_unit_zh_hans = models.CharField(
        _("responsible unit in Chongqing (Simplified Chinese)"), max_length=200, blank=True
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["item_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_en="") | ~Q(title_zh_hant="") | ~Q(title_zh_hans=""),
                name="programme_initiative_has_a_title",
            )
        ]

    @property
    def hk_unit(self) -> str:
        return in_reader_language(self.hk_unit_en, self.hk_unit_zh_hant, self.hk_unit_zh_hans)

    @property
    def cq_unit(self) -> str:
        return in_reader_language(self.cq_unit_en, self.cq_unit_zh_hant, self.cq_unit_zh_hans)


class Milestone(TrilingualTitle):
    """A dated step of an initiative; red, amber or green from its due date and status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["planned", "in_progress", "done", "cancelled"]),
                name="programme_milestone_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | Q(status="done"),
                name="programme_milestone_done_date_only_when_done",
            ),
        ]

    def rag(self, today: date) -> str:
        """ "green", "amber" or "red" (or "" for a cancelled milestone)."""
        if self.status == self.Status.CANCELLED:
            return ""
        if self.status == self.Status.DONE:
            return "green" if self.done_on is None or self.done_on <= self.due_on else "amber"
        if today > self.due_on:
            return "red"
        return "amber" if self.due_on - today <= AMBER_WINDOW else "green"


class Meeting(TrilingualTitle):
    """A plenary session or a working-level meeting of a mechanism."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary session")
        WORKING = "working", _("Working-level meeting")

    mechanism = models.ForeignKey(
        "programme.Mechanism",
        verbose_name=_("mechanism"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    location_en = models.CharField(_("location (English)"), max_length=200, blank=True)
    location_zh_hant = models.CharField(
        _("location (Traditional Chinese)"), max_length=200, blank=True
    )
    location_zh_hans = models.CharField(
        _("location (Simplified Chinese)"), max_length=200, blank=True
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "pk"]

    @property
    def location(self) -> str:
        return in_reader_language(self.location_en, self.location_zh_hant, self.location_zh_hans)


class Decision(models.Model):
    """A decision recorded at a meeting, optionally about one cooperation item."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    item = models.ForeignKey(
        "programme.CooperationItem",
        verbose_name=_("cooperation item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text_en = models.TextField(_("decision (English)"), blank=True)
    text_zh_hant = models.TextField(_("decision (Traditional Chinese)"), blank=True)
    text_zh_hans = models.TextField(_("decision (Simplified Chinese)"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return (self.text_en or self.text_zh_hant or self.text_zh_hans)[:80]

    @property
    def text(self) -> str:
        return in_reader_language(self.text_en, self.text_zh_hant, self.text_zh_hans)


class ActionItem(models.Model):
    """A follow-up agreed at a meeting: who (which side), what, by when."""

    class Side(models.TextChoices):
        HONG_KONG = "hk", _("Hong Kong")
        CHONGQING = "cq", _("Chongqing")
        BOTH = "both", _("Both sides")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    item = models.ForeignKey(
        "programme.CooperationItem",
        verbose_name=_("cooperation item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    description_en = models.CharField(_("action (English)"), max_length=300, blank=True)
    description_zh_hant = models.CharField(
        _("action (Traditional Chinese)"), max_length=300, blank=True
    )
    description_zh_hans = models.CharField(
        _("action (Simplified Chinese)"), max_length=300, blank=True
    )
    side = models.CharField(_("responsible side"), max_length=4, choices=Side.choices)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(description_en="")
                | ~Q(description_zh_hant="")
                | ~Q(description_zh_hans=""),
                name="programme_action_has_a_description",
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def description(self) -> str:
        return in_reader_language(
            self.description_en, self.description_zh_hant, self.description_zh_hans
        )
