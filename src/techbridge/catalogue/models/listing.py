"""A listing (technology offer, request, R&D partner request, expertise or facility) and its
text in each language."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.choices import (
    Currency,
    DisclosureTier,
    IPStatus,
    ListingKind,
    ListingStatus,
    PriceTerms,
    TextOrigin,
)
from techbridge.core.bounds import (
    TextSafetyValidator,
    decimal_limit,
    decimal_problem,
    text_problem,
)
from techbridge.core.languages import LANGUAGE_CHOICES, LANGUAGE_CODES
from techbridge.core.models import TimeStampedModel

# Which free-text fields belong to which disclosure group. The teaser is what a listing shows
# to readers below its detail tier; everything else is confidential detail.
TEASER_TEXT_FIELDS = ("title", "summary")
DETAIL_TEXT_FIELDS = ("description", "advantages", "requirements")

PRICE_MAX_DIGITS = 14
PRICE_DECIMAL_PLACES = 2
# The first price the column cannot hold. SQLite would store a larger one and then fail to
# read it back (decimal.InvalidOperation on every page showing it), so the database refuses it.
PRICE_LIMIT = decimal_limit(PRICE_MAX_DIGITS, PRICE_DECIMAL_PLACES)


class Listing(TimeStampedModel):
    """Something an organisation offers or needs, in the shape of an EEN partnering profile.

    Status moves only through the services in ``catalogue.services``; each move writes a
    ``ListingEvent`` in the same transaction.
    """

    reference = models.CharField(_("reference"), max_length=24, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ListingKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Hide the owner organisation's name from readers outside a deal."),
    )
    original_language = models.CharField(
        _("original language"), max_length=7, choices=LANGUAGE_CHOICES
    )
    areas = models.ManyToManyField(
        "programme.CooperationArea",
        verbose_name=_("cooperation areas"),
        related_name="listings",
        blank=True,
    )
    sectors = models.ManyToManyField(
        "catalogue.Sector", verbose_name=_("sectors"), related_name="listings", blank=True
    )
    partnership_types = models.ManyToManyField(
        "catalogue.PartnershipTypeRef",
        verbose_name=_("partnership types"),
        related_name="listings",
        blank=True,
    )
    keywords = models.JSONField(_("technology keywords"), default=list, blank=True)
    trl = models.ForeignKey(
        "catalogue.TRLLevel",
        verbose_name=_("technology readiness level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="listings",
    )
    ip_status = models.CharField(
        _("IP status"), max_length=20, choices=IPStatus.choices, default=IPStatus.NONE
    )
    price_terms = models.CharField(
        _("price terms"), max_length=20, choices=PriceTerms.choices, default=PriceTerms.NEGOTIABLE
    )
    price_amount = models.DecimalField(
        _("price"),
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    teaser_tier = models.PositiveSmallIntegerField(
        _("teaser visible to"), choices=DisclosureTier.choices, default=DisclosureTier.PUBLIC
    )
    detail_tier = models.PositiveSmallIntegerField(
        _("confidential detail visible to"),
        choices=DisclosureTier.choices,
        default=DisclosureTier.REGISTERED,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True, db_index=True)
    expiry_notice_sent_at = models.DateTimeField(_("expiry notice sent"), null=True, blank=True)
    external_ref = models.CharField(
        _("external reference"),
        max_length=80,
        blank=True,
        help_text=_("The identifier in the system this listing was imported from."),
        validators=[TextSafetyValidator(multiline=False)],
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind"], name="catalogue_listing_status_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ListingKind.values), name="catalogue_listing_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ListingStatus.values),
                name="catalogue_listing_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(original_language__in=LANGUAGE_CODES),
                name="catalogue_listing_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(detail_tier__gte=F("teaser_tier")),
                name="catalogue_listing_detail_not_below_teaser",
            ),
            models.CheckConstraint(
                condition=Q(teaser_tier__lte=DisclosureTier.PARTIES)
                & Q(detail_tier__lte=DisclosureTier.PARTIES),
                name="catalogue_listing_tiers_valid",
            ),
            models.CheckConstraint(
                condition=Q(price_amount__isnull=True) | Q(price_amount__gte=0),
                name="catalogue_listing_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(price_amount__isnull=True) | Q(price_amount__lt=PRICE_LIMIT),
                name="catalogue_listing_price_within_digits",
            ),
            models.CheckConstraint(
                condition=Q(price_amount__isnull=True) | ~Q(currency=""),
                name="catalogue_listing_price_has_currency",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "on_hold", "expired"])
                | (Q(published_at__isnull=False) & Q(expires_at__isnull=False)),
                name="catalogue_listing_published_has_validity",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=F("published_at")),
                name="catalogue_listing_expires_after_published",
            ),
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~Q(external_ref=""),
                name="catalogue_listing_unique_external_ref",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        """The storage bounds of the services, for ``full_clean`` (the admin, scripts)."""
        errors: dict[str, str] = {}
        price_problem = (
            None
            if self.price_amount is None
            else decimal_problem(
                self.price_amount,
                max_digits=PRICE_MAX_DIGITS,
                decimal_places=PRICE_DECIMAL_PLACES,
            )
        )
        if price_problem:
            errors["price_amount"] = price_problem
        if not isinstance(self.keywords, list) or any(
            text_problem(keyword) for keyword in self.keywords
        ):
            errors["keywords"] = str(_("Each keyword must be text on one line."))
        if errors:
            raise ValidationError(errors)

    def text_in(self, language: str) -> ListingText | None:
        """The stored text row for ``language``, or None; uses prefetched rows if present."""
        for text in self.texts.all():
            if text.language == language:
                return text
        return None

    @property
    def title(self) -> str:
        preferred = [get_language() or "en", self.original_language, *LANGUAGE_CODES]
        for language in preferred:
            text = self.text_in(language)
            if text is not None and text.title:
                return text.title
        return ""


class ListingText(models.Model):
    """A listing's free text in one language, where it came from and when it was reviewed."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="texts"
    )
    language = models.CharField(_("language"), max_length=7, choices=LANGUAGE_CHOICES)
    origin = models.CharField(
        _("origin"), max_length=10, choices=TextOrigin.choices, default=TextOrigin.AUTHOR
    )
    source_language = models.CharField(
        _("translated from"),
        max_length=7,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("For translations and conversions: the language of the source text."),
    )
    title = models.CharField(
        _("title"), max_length=300, validators=[TextSafetyValidator(multiline=False)]
    )
    summary = models.TextField(_("summary"), max_length=1500, validators=[TextSafetyValidator()])
    description = models.TextField(_("description"), blank=True, validators=[TextSafetyValidator()])
    advantages = models.TextField(
        _("advantages and innovations"), blank=True, validators=[TextSafetyValidator()]
    )
    requirements = models.TextField(
        _("partner sought / requirements"), blank=True, validators=[TextSafetyValidator()]
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("listing text")
        verbose_name_plural = _("listing texts")
        ordering = ["listing_id", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "language"], name="catalogue_listingtext_one_per_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=LANGUAGE_CODES),
                name="catalogue_listingtext_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=TextOrigin.values),
                name="catalogue_listingtext_origin_valid",
            ),
            models.CheckConstraint(
                condition=Q(origin=TextOrigin.AUTHOR, source_language="")
                | (
                    ~Q(origin=TextOrigin.AUTHOR)
                    & Q(source_language__in=LANGUAGE_CODES)
                    & ~Q(source_language=F("language"))
                ),
                name="catalogue_listingtext_source_matches_origin",
            ),
            models.CheckConstraint(
                condition=~Q(title=""), name="catalogue_listingtext_title_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.listing_id} [{self.language}] {self.title}"
