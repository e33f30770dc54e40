"""A deal (transfer case) between a listing's owner and an interested organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.choices import Region
from techbridge.core.models import TimeStampedModel
from techbridge.pipeline.choices import ExportClassification, OutcomeChoice, StageChoice

MAINLAND_REGIONS = (Region.CHONGQING, Region.MAINLAND_OTHER)


class Deal(TimeStampedModel):
    """One organisation's interest in one listing, carried from expression of interest to a
    signed agreement or a close.

    The stage moves only through ``pipeline.services.deal_advance`` under a row lock; every
    change appends a hash-chained :class:`DealEvent`, whose latest hash and count the deal keeps
    so that removing the newest events is detected too.
    """

    listing = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.PROTECT,
        related_name="deals",
    )
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("listing owner"),
        on_delete=models.PROTECT,
        related_name="owned_deals",
    )
    counterparty = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("interested organisation"),
        on_delete=models.PROTECT,
        related_name="interested_deals",
    )
    initiated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("initiated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=StageChoice.choices, default=StageChoice.INTEREST
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=OutcomeChoice.choices, default="", blank=True
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # When the owner accepted the interest (screening passed): from then on the interested
    # organisation may know who owns an anonymous listing (``pipeline.selectors``).
    owner_disclosed_at = models.DateTimeField(_("owner disclosed at"), null=True, blank=True)
    # Who holds the technology and who receives it: the owner for an offer, the interested
    # organisation for a need. Copied at creation so the funnel's direction never shifts.
    provider_region = models.CharField(_("provider region"), max_length=10, choices=Region.choices)
    recipient_region = models.CharField(
        _("recipient region"), max_length=10, choices=Region.choices
    )
    export_classification = models.CharField(
        _("export classification"),
        max_length=12,
        choices=ExportClassification.choices,
        blank=True,
    )
    export_licence_ref = models.CharField(_("export licence number"), max_length=80, blank=True)
    event_count = models.PositiveIntegerField(_("events"), default=0, editable=False)
    head_hash = models.CharField(_("latest event hash"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=StageChoice.values), name="pipeline_deal_stage_valid"
            ),
            models.CheckConstraint(
                condition=(Q(stage="closed") & ~Q(outcome=""))
                | (~Q(stage="closed") & Q(outcome="")),
                name="pipeline_deal_outcome_iff_closed",
            ),
            models.CheckConstraint(
                condition=~Q(owner=F("counterparty")), name="pipeline_deal_two_parties"
            ),
            models.CheckConstraint(
                condition=Q(export_classification__in=["", *ExportClassification.values]),
                name="pipeline_deal_export_classification_valid",
            ),
            # One open deal per listing and interested organisation.
            models.UniqueConstraint(
                fields=["listing", "counterparty"],
                condition=~Q(stage="closed"),
                name="pipeline_deal_one_open_per_party",
            ),
        ]

    def __str__(self) -> str:
        return f"D{self.pk} {self.listing.reference}"

    @property
    def checkpoint_applies(self) -> bool:
        """Mainland technology going to Hong Kong or overseas: the export checkpoint applies."""
        return (
            self.provider_region in MAINLAND_REGIONS
            and self.recipient_region not in MAINLAND_REGIONS
        )

    @property
    def detail_withheld(self) -> bool:
        """The technology is prohibited from export while the checkpoint applies: an NDA in
        force releases none of the listing's confidential detail (see
        ``pipeline.selectors.nda_deal_for``)."""
        return self.checkpoint_applies and self.export_classification == "prohibited"

    @property
    def direction(self) -> str:
        """ "hk_cq", "cq_hk" or "other", for the funnel."""
        if self.provider_region == Region.HONG_KONG and self.recipient_region == Region.CHONGQING:
            return "hk_cq"
        if self.provider_region == Region.CHONGQING and self.recipient_region == Region.HONG_KONG:
            return "cq_hk"
        return "other"

    @property
    def is_open(self) -> bool:
        return self.stage != StageChoice.CLOSED
