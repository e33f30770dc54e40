"""Reference vocabularies an administrator can see and extend: sectors, partnership types and
the technology-readiness crosswalk."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.choices import PartnershipType
from techbridge.core.models import TrilingualNameModel


class Sector(TrilingualNameModel):
    """An industry or technology sector a listing belongs to."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]


class PartnershipTypeRef(models.Model):
    """A kind of cooperation sought or offered (licence, joint R&D, …).

    A table rather than a list column so listings can be filtered by it on every database.
    """

    code = models.CharField(
        _("code"), max_length=30, choices=PartnershipType.choices, primary_key=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("partnership type")
        verbose_name_plural = _("partnership types")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__in=PartnershipType.values),
                name="catalogue_partnershiptype_code_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_code_display())


class EENStage(models.TextChoices):
    """Stage of development as the Enterprise Europe Network profile states it."""

    CONCEPT = "concept", _("Concept stage")
    LAB_TESTED = "lab_tested", _("Under development / lab tested")
    PROTOTYPE = "prototype", _("Prototype available for demonstration")
    FIELD_TESTED = "field_tested", _("Field tested / evaluated")
    DEMONSTRATION = "demonstration", _("Available for demonstration")
    ON_MARKET = "on_market", _("Already on the market")


class MaturityStage(models.TextChoices):
    """The mainland ladder of achievement maturity (成果成熟度)."""

    CONCEPT = "concept", _("Concept (概念)")
    LABORATORY = "laboratory", _("Laboratory (实验室)")
    SMALL_PILOT = "small_pilot", _("Small-scale trial (小试)")
    PILOT = "pilot", _("Pilot scale (中试)")
    INDUSTRIAL = "industrial", _("Industrialisation (产业化)")


class TRLLevel(TrilingualNameModel):
    """Technology readiness level 1–9 with its EEN stage and mainland maturity stage."""

    level = models.PositiveSmallIntegerField(_("level"), primary_key=True)
    een_stage = models.CharField(_("EEN stage"), max_length=20, choices=EENStage.choices)
    maturity_stage = models.CharField(
        _("maturity stage"), max_length=20, choices=MaturityStage.choices
    )

    class Meta:
        verbose_name = _("technology readiness level")
        verbose_name_plural = _("technology readiness levels")
        ordering = ["level"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=9), name="catalogue_trl_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"TRL {self.level} · {self.name}"
