"""Indicators (KPIs) and their measurements.

An indicator belongs to the mechanism, one of its areas or one cooperation item. Its values
are either entered by the secretariat with evidence (``manual``) or computed from what happens
on the platform (every other source; see ``programme/indicators.py``), so a computed value can
always be traced to the deals, listings and bookings behind it and is never stored twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from techbridge.core.scripts import in_reader_language


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered with evidence")
    LISTINGS_PUBLISHED = "listings_published", _("Listings published")
    INTERESTS = "interests", _("Expressions of interest")
    AGREEMENTS_ACHIEVED = "agreements_achieved", _("Achieved transfers (signed agreements)")
    CROSS_BOUNDARY_BOOKINGS = "cross_boundary_bookings", _("Cross-boundary instrument bookings")
    MACHINE_HOURS = "machine_hours", _("Instrument hours used")
    EXTERNAL_HOURS = "external_hours", _("Instrument hours used by external users")
    CROSS_BOUNDARY_HOURS = "cross_boundary_hours", _("Instrument hours used across the boundary")


class Indicator(models.Model):
    """A key performance indicator: definition, unit, baseline, target and period."""

    class Period(models.TextChoices):
        YEAR = "year", _("Yearly")
        QUARTER = "quarter", _("Quarterly")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Sum over the period")
        LATEST = "latest", _("Latest value in the period")

    class Disaggregation(models.TextChoices):
        NONE = "", _("None")
        DIRECTION = "direction", _("By direction (Hong Kong → Chongqing, Chongqing → Hong Kong)")

    mechanism = models.ForeignKey(
        "programme.Mechanism",
        verbose_name=_("mechanism"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    area = models.ForeignKey(
        "programme.CooperationArea",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    item = models.ForeignKey(
        "programme.CooperationItem",
        verbose_name=_("cooperation item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Indicators with the same code roll up from items to areas to the mechanism."),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_zh_hant = models.TextField(_("definition (Traditional Chinese)"), blank=True)
    definition_zh_hans = models.TextField(_("definition (Simplified Chinese)"), blank=True)
    unit_en = models.CharField(
        _("unit (English)"), max_length=40, help_text=_("e.g. agreements, hours")
    )
    unit_zh_hant = models.CharField(_("unit (Traditional Chinese)"), max_length=40, blank=True)
    unit_zh_hans = models.CharField(_("unit (Simplified Chinese)"), max_length=40, blank=True)
    source = models.CharField(
        _("source"), max_length=30, choices=IndicatorSource.choices, default=IndicatorSource.MANUAL
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=8, choices=Aggregation.choices, default=Aggregation.SUM
    )
    disaggregation = models.CharField(
        _("disaggregation"), max_length=12, choices=Disaggregation.choices, blank=True
    )
    period = models.CharField(_("period"), max_length=8, choices=Period.choices, default="year")
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["mechanism_id", "area_id", "item_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "area", "item", "code"],
                name="programme_indicator_unique_code_per_level",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(item__isnull=True) | Q(area__isnull=False),
                name="programme_indicator_item_has_area",
            ),
            models.CheckConstraint(
                # Platform events are tagged with areas, not items: computed indicators stop
                # at the area level; items have entered values.
                condition=Q(source="manual") | Q(item__isnull=True),
                name="programme_indicator_computed_not_per_item",
            ),
            models.CheckConstraint(
                condition=Q(source__in=IndicatorSource.values),
                name="programme_indicator_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = get_language() or "en"
        return {"zh-hant": self.name_zh_hant, "zh-hans": self.name_zh_hans}.get(
            language, self.name_en
        ) or self.name_en

    @property
    def unit(self) -> str:
        """The unit in the reader's language (the other script converted, else English)."""
        return in_reader_language(self.unit_en, self.unit_zh_hant, self.unit_zh_hans)

    @property
    def definition(self) -> str:
        return in_reader_language(
            self.definition_en, self.definition_zh_hant, self.definition_zh_hans
        )

    @property
    def computed(self) -> bool:
        return self.source != IndicatorSource.MANUAL


class Measurement(models.Model):
    """An entered value of a manual indicator for one period, with its evidence."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), help_text=_("The first day after the period."))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    evidence = models.TextField(_("evidence"), help_text=_("Where the figure comes from."))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator_id", "period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="programme_measurement_period_positive",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="programme_measurement_one_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_start}: {self.value}"
