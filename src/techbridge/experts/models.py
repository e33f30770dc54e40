"""Person-level expert profiles: a researcher or engineer of an institution, what they work
on, their ORCID iD, selected publications and patents, and the listings they are named on.

A profile is public only once an administrator of its institution publishes it (the person's
consent is recorded with them); every change goes through ``experts.services`` and leaves an
``ExpertEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.core.models import AuditEvent, TimeStampedModel, TrilingualNameModel
from techbridge.core.scripts import in_reader_language


class ExpertProfile(TrilingualNameModel, TimeStampedModel):
    """One person's public profile as an expert of ``institution``."""

    institution = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="experts",
    )
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    position_zh_hant = models.CharField(
        _("position (Traditional Chinese)"), max_length=200, blank=True
    )
    position_zh_hans = models.CharField(
        _("position (Simplified Chinese)"), max_length=200, blank=True
    )
    areas = models.ManyToManyField(
        "programme.CooperationArea",
        verbose_name=_("cooperation areas"),
        related_name="experts",
        blank=True,
    )
    sectors = models.ManyToManyField(
        "catalogue.Sector", verbose_name=_("sectors"), related_name="experts", blank=True
    )
    keywords = models.JSONField(_("fields of expertise"), default=list, blank=True)
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True)
    # Lists of small records, validated by the services: {"title", "year", "link"} and
    # {"number", "territory", "title"}.
    publications = models.JSONField(_("selected publications"), default=list, blank=True)
    patents = models.JSONField(_("patents"), default=list, blank=True)
    listings = models.ManyToManyField(
        "catalogue.Listing",
        verbose_name=_("listings they are named on"),
        related_name="experts",
        blank=True,
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        ordering = ["name_en", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") | ~Q(name_zh_hant="") | ~Q(name_zh_hans=""),
                name="experts_expertprofile_has_a_name",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="experts_expertprofile_published_has_time",
            ),
        ]

    @property
    def other_names(self) -> list[tuple[str, str]]:
        """The person's name as written in the scripts other than the one the page shows,
        each with its language tag (a person is known by all three)."""
        shown = self.name
        written = (
            ("en", self.name_en),
            ("zh-Hant-HK", self.name_zh_hant),
            ("zh-Hans-CN", self.name_zh_hans),
        )
        seen = {shown}
        result = []
        for tag, name in written:
            if name and name not in seen:
                seen.add(name)
                result.append((tag, name))
        return result

    @property
    def position(self) -> str:
        return in_reader_language(self.position_en, self.position_zh_hant, self.position_zh_hans)


class ExpertEvent(AuditEvent):
    """One change to an expert profile and its diff."""

    class Verb(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn from public view")

    expert = models.ForeignKey(
        ExpertProfile,
        verbose_name=_("expert profile"),
        on_delete=models.PROTECT,
        related_name="events",
    )

    class Meta(AuditEvent.Meta):
        verbose_name = _("expert profile event")
        verbose_name_plural = _("expert profile events")
        constraints = [
            models.CheckConstraint(
                condition=Q(verb__in=["created", "updated", "published", "withdrawn"]),
                name="experts_expertevent_verb_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert_id} {self.verb} {self.occurred_at:%Y-%m-%d %H:%M}"
