"""Intellectual-property rights attached to a listing and who owns them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.choices import IPRightStatus, IPRightType, IPTerritory


class IPRight(models.Model):
    """One patent, copyright or other registered right covering the listed technology."""

    listing = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.CASCADE,
        related_name="ip_rights",
    )
    right_type = models.CharField(_("type"), max_length=30, choices=IPRightType.choices)
    number = models.CharField(_("number"), max_length=60)
    territory = models.CharField(_("territory"), max_length=8, choices=IPTerritory.choices)
    status = models.CharField(_("status"), max_length=12, choices=IPRightStatus.choices)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("IP right")
        verbose_name_plural = _("IP rights")
        ordering = ["listing_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "territory", "number"],
                name="catalogue_ipright_unique_number_per_listing",
            ),
            models.CheckConstraint(
                condition=Q(right_type__in=IPRightType.values),
                name="catalogue_ipright_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(territory__in=IPTerritory.values),
                name="catalogue_ipright_territory_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=IPRightStatus.values),
                name="catalogue_ipright_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(granted_on__isnull=True)
                | Q(filed_on__isnull=True)
                | Q(granted_on__gte=models.F("filed_on")),
                name="catalogue_ipright_granted_after_filed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_right_type_display()} {self.territory} {self.number}"


class IPRightOwner(models.Model):
    """A holder of an IP right and its share in percent; shares of one right sum to 100."""

    ip_right = models.ForeignKey(
        IPRight, verbose_name=_("IP right"), on_delete=models.CASCADE, related_name="owners"
    )
    name = models.CharField(_("owner name"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    share_percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("IP right owner")
        verbose_name_plural = _("IP right owners")
        ordering = ["ip_right_id", "-share_percent", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share_percent__gt=0) & Q(share_percent__lte=100),
                name="catalogue_iprightowner_share_range",
            ),
            models.UniqueConstraint(
                fields=["ip_right", "name"], name="catalogue_iprightowner_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.share_percent}%)"
