"""Research instruments offered for shared use, with their fees and booking rules."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.choices import Currency
from techbridge.core.models import TimeStampedModel, TrilingualNameModel
from techbridge.core.money import currency_label
from techbridge.core.scripts import in_reader_language


class InstrumentCategory(models.TextChoices):
    ANALYTICAL = "analytical", _("Analytical instrument")
    IMAGING = "imaging", _("Imaging and microscopy")
    FABRICATION = "fabrication", _("Fabrication and processing")
    TESTING = "testing", _("Testing and measurement")
    COMPUTING = "computing", _("Computing")
    BIOMEDICAL = "biomedical", _("Biomedical")
    OTHER = "other", _("Other")


class UserCategory(models.TextChoices):
    """Who books: fees and rules differ for the host's own people and for outsiders."""

    INTERNAL = "internal", _("Host institution")
    ACADEMIC = "academic", _("Other academic")
    INDUSTRY = "industry", _("Industry")
    CROSS_BOUNDARY = "cross_boundary", _("Cross-boundary partner")


class Instrument(TrilingualNameModel, TimeStampedModel):
    """A bookable instrument or laboratory, owned by an organisation."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="instruments",
    )
    listing = models.OneToOneField(
        "catalogue.Listing",
        verbose_name=_("facility listing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instrument",
    )
    category = models.CharField(_("category"), max_length=20, choices=InstrumentCategory.choices)
    manufacturer = models.CharField(_("manufacturer"), max_length=120, blank=True)
    model_name = models.CharField(_("model"), max_length=120, blank=True)
    location_en = models.CharField(_("location (English)"), max_length=200, blank=True)
    location_zh_hant = models.CharField(
        _("location (Traditional Chinese)"), max_length=200, blank=True
    )
    location_zh_hans = models.CharField(
        _("location (Simplified Chinese)"), max_length=200, blank=True
    )
    capabilities_en = models.TextField(_("capabilities (English)"), blank=True)
    capabilities_zh_hant = models.TextField(_("capabilities (Traditional Chinese)"), blank=True)
    capabilities_zh_hans = models.TextField(_("capabilities (Simplified Chinese)"), blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("booking lead time (days)"), default=2)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=60)
    requires_training = models.BooleanField(_("training required"), default=False)
    requires_approval = models.BooleanField(_("approval required"), default=True)
    results_terms_en = models.TextField(
        _("IP and data terms for results (English)"),
        blank=True,
        help_text=_("Who owns results and data produced on this instrument."),
    )
    results_terms_zh_hant = models.TextField(
        _("IP and data terms for results (Traditional Chinese)"), blank=True
    )
    results_terms_zh_hans = models.TextField(
        _("IP and data terms for results (Simplified Chinese)"), blank=True
    )
    is_active = models.BooleanField(_("accepting bookings"), default=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["organisation_id", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") | ~Q(name_zh_hant="") | ~Q(name_zh_hans=""),
                name="facilities_instrument_has_a_name",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5) & Q(slot_minutes__lte=7 * 24 * 60),
                name="facilities_instrument_slot_range",
            ),
            models.CheckConstraint(
                condition=Q(category__in=InstrumentCategory.values),
                name="facilities_instrument_category_valid",
            ),
        ]

    def original_language(self) -> str:
        """The language its facility listing was written in ("" without a listing)."""
        listing = self.listing if self.listing_id is not None else None
        return listing.original_language if listing is not None else ""

    # Free texts in the reader's language: the other Chinese script converted, else the
    # original as entered.
    @property
    def location(self) -> str:
        return in_reader_language(
            self.location_en, self.location_zh_hant, self.location_zh_hans, self.original_language
        )

    @property
    def capabilities(self) -> str:
        return in_reader_language(
            self.capabilities_en,
            self.capabilities_zh_hant,
            self.capabilities_zh_hans,
            self.original_language,
        )

    @property
    def results_terms(self) -> str:
        return in_reader_language(
            self.results_terms_en,
            self.results_terms_zh_hant,
            self.results_terms_zh_hans,
            self.original_language,
        )


class InstrumentFee(models.Model):
    """The hourly fee one category of user pays for an instrument, in one currency."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="fees"
    )
    user_category = models.CharField(
        _("user category"), max_length=20, choices=UserCategory.choices
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    hourly_rate = models.DecimalField(_("hourly rate"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("instrument fee")
        verbose_name_plural = _("instrument fees")
        ordering = ["instrument_id", "user_category", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "user_category", "currency"],
                name="facilities_fee_unique_per_category_currency",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0), name="facilities_fee_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(currency__in=Currency.values), name="facilities_fee_currency_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_user_category_display()}: {self.hourly_rate} {self.currency_label}"

    @property
    def currency_label(self) -> str:
        return currency_label(self.currency)


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Bookings that hold their time on the instrument.
OCCUPYING_STATUSES = (BookingStatus.APPROVED, BookingStatus.COMPLETED)


class Booking(TimeStampedModel):
    """A request for time on an instrument; once approved it holds that time exclusively.

    That two approved bookings never overlap on one instrument is enforced by the database
    (an exclusion constraint on PostgreSQL, triggers on SQLite: see migration 0002), so it
    holds even when approvals race.
    """

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="bookings"
    )
    requester = models.ForeignKey(
        "accounts.User",
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    actual_hours = models.DecimalField(
        _("actual hours"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # Snapshot at request time, so usage figures and fees never shift with later changes to
    # the requester's memberships or the fee table.
    requester_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("requester's organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user_category = models.CharField(
        _("user category"), max_length=20, choices=UserCategory.choices, blank=True
    )
    is_cross_boundary = models.BooleanField(
        _("cross-boundary"),
        default=False,
        help_text=_(
            "Requester and instrument on different sides of the Hong Kong–mainland boundary."
        ),
    )
    fee_rate = models.DecimalField(
        _("quoted hourly fee"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_currency = models.CharField(
        _("fee currency"), max_length=3, choices=Currency.choices, blank=True
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["instrument_id", "starts_at"]
        indexes = [
            models.Index(fields=["instrument", "starts_at"], name="facilities_booking_slot"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="facilities_booking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values),
                name="facilities_booking_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"

    @property
    def fee_currency_label(self) -> str:
        return currency_label(self.fee_currency)


class InstrumentTraining(models.Model):
    """A user trained on an instrument, recorded by its managers: an instrument that requires
    training takes requests only from trained users."""

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("trained user"),
        on_delete=models.CASCADE,
        related_name="instrument_trainings",
    )
    trained_on = models.DateField(_("trained on"))
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("instrument training")
        verbose_name_plural = _("instrument trainings")
        ordering = ["instrument_id", "trained_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "user"], name="facilities_training_once_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.instrument}: {self.trained_on}"
