"""Cooperation mechanisms, their areas and the cooperation items agreed under each area."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.core.models import TimeStampedModel, TrilingualNameModel
from techbridge.core.scripts import in_reader_language


class Mechanism(TrilingualNameModel):
    """A standing cooperation mechanism between Hong Kong and a mainland city."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    established_year = models.PositiveSmallIntegerField(_("established"), null=True, blank=True)
    partner_city_en = models.CharField(_("partner city (English)"), max_length=80)
    is_primary = models.BooleanField(
        _("tracked by this platform"),
        default=False,
        help_text=_("The mechanism whose secretariat works on this platform."),
    )

    class Meta:
        verbose_name = _("cooperation mechanism")
        verbose_name_plural = _("cooperation mechanisms")
        ordering = ["-is_primary", "established_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(established_year__isnull=True)
                | (Q(established_year__gte=1997) & Q(established_year__lte=2100)),
                name="programme_mechanism_year_plausible",
            ),
            models.UniqueConstraint(
                fields=["is_primary"],
                condition=Q(is_primary=True),
                name="programme_mechanism_one_primary",
            ),
        ]


class CooperationArea(TrilingualNameModel):
    """One of a mechanism's areas of cooperation, e.g. innovation and technology."""

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="areas"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("cooperation area")
        verbose_name_plural = _("cooperation areas")
        ordering = ["mechanism_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "code"], name="programme_area_unique_code_per_mechanism"
            ),
        ]


class CooperationItem(TimeStampedModel):
    """A concrete cooperation item the two sides agreed under an area."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")

    area = models.ForeignKey(
        CooperationArea, verbose_name=_("area"), on_delete=models.PROTECT, related_name="items"
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=300, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("cooperation item")
        verbose_name_plural = _("cooperation items")
        ordering = ["area_id", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_en="") | ~Q(title_zh_hant="") | ~Q(title_zh_hans=""),
                name="programme_item_has_a_title",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "in_progress", "completed", "suspended"]),
                name="programme_item_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title_en or self.title_zh_hant or self.title_zh_hans}"

    @property
    def title(self) -> str:
        """The title in the reader's language."""
        return in_reader_language(self.title_en, self.title_zh_hant, self.title_zh_hans)
