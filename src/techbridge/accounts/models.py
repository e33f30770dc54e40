"""Users, organisations and the memberships that join them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region, SizeBand
from techbridge.core.languages import LANGUAGE_CHOICES
from techbridge.core.models import TimeStampedModel, TrilingualNameModel, WebsiteField
from techbridge.core.scripts import in_reader_language


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address and reads in a preferred language."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=7, choices=LANGUAGE_CHOICES, default="en"
    )
    digest_frequency = models.CharField(
        _("e-mail digest of matches and alerts"),
        max_length=10,
        choices=[("daily", _("Daily")), ("weekly", _("Weekly")), ("never", _("Never"))],
        default="daily",
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Platform administrators can sign in to the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Which personal-data law protects the person first (PDPO in Hong Kong, PIPL on the
    # mainland); asked at sign-up, or at the next log-in for older accounts.
    residence_region = models.CharField(
        _("region of residence"), max_length=10, choices=Region.choices, blank=True
    )
    # Set when the person deleted their account (or retention purged it): the row stays,
    # pseudonymous, because deals and bookings of their organisation refer to it.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]  # stubs: ClassVar on the base

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=Q(preferred_language__in=["en", "zh-hant", "zh-hans"]),
                name="accounts_user_preferred_language_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        if self.erased_at:
            return str(_("Former user"))
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


class Organisation(TrilingualNameModel, TimeStampedModel):
    """A university, institute, laboratory, enterprise, government unit or intermediary."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    org_type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    size_band = models.CharField(
        _("size band"),
        max_length=10,
        choices=SizeBand.choices,
        blank=True,
        help_text=_("Enterprises only."),
    )
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)
    website = WebsiteField(_("website"), blank=True)
    # What the organisation does, shown on its public profile; each script as written.
    about_en = models.TextField(_("about (English)"), max_length=4000, blank=True)
    about_zh_hant = models.TextField(_("about (Traditional Chinese)"), max_length=4000, blank=True)
    about_zh_hans = models.TextField(_("about (Simplified Chinese)"), max_length=4000, blank=True)
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_reference = models.BooleanField(
        _("reference institution"),
        default=False,
        help_text=_("A real institution loaded from the platform's reference data."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") | ~Q(name_zh_hant="") | ~Q(name_zh_hans=""),
                name="accounts_organisation_has_a_name",
            ),
            models.CheckConstraint(
                condition=Q(size_band="") | Q(org_type=OrganisationType.ENTERPRISE),
                name="accounts_organisation_size_band_enterprise_only",
            ),
            models.CheckConstraint(
                condition=Q(org_type__in=OrganisationType.values),
                name="accounts_organisation_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(region__in=Region.values), name="accounts_organisation_region_valid"
            ),
            models.CheckConstraint(
                condition=Q(is_verified=False) | Q(verified_at__isnull=False),
                name="accounts_organisation_verified_has_time",
            ),
        ]

    @property
    def about(self) -> str:
        """The description in the reader's language (the other Chinese script converted, else
        as written)."""
        return in_reader_language(self.about_en, self.about_zh_hant, self.about_zh_hans)


class Membership(TimeStampedModel):
    """A user's place in an organisation and the role that decides what they may do there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation_id", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="accounts_membership_unique_user_org"
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="accounts_membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"


class AccessAttempt(models.Model):
    """A failed log-in or a password-reset request, kept to limit guessing and mail floods.

    Stored in the database rather than a cache so that the limit holds across every web
    process. ``key`` is a digest of the e-mail address, not the address itself.
    """

    class Kind(models.TextChoices):
        LOGIN_FAILURE = "login", _("failed log-in")
        PASSWORD_RESET = "reset", _("password reset request")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("account key"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("access attempt")
        verbose_name_plural = _("access attempts")
        indexes = [models.Index(fields=["kind", "key", "at"], name="accounts_attempt_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["login", "reset"]),
                name="accounts_accessattempt_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class JoinRequest(TimeStampedModel):
    """A user asking to join an organisation; its administrators approve or decline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status="pending"),
                name="accounts_joinrequest_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "declined"]),
                name="accounts_joinrequest_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation} ({self.status})"


class PrivacyConsent(models.Model):
    """One consent given: to a version of the privacy notice, or (mainland residents, PIPL
    art. 39) separately to the cross-border provision of their personal information. Kept as
    given; a new notice version is consented to again."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Privacy notice")
        CROSS_BORDER = "cross_border", _("Cross-border provision of personal information")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="privacy_consents"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    version = models.CharField(_("notice version"), max_length=20)
    language = models.CharField(_("language"), max_length=7, choices=LANGUAGE_CHOICES)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        indexes = [models.Index(fields=["user", "kind", "version"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.version}"


class PersonalDataRequest(models.Model):
    """A data subject's request carried out: a download of their data or the erasure of their
    account (or an erasure by the retention schedule). Names nobody: the user id is a plain
    number, so the record outlives the account and erasure leaves it meaningful."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Download of personal data")
        ERASURE = "erasure", _("Account deleted by its user")
        RETENTION = "retention", _("Account erased by the retention schedule")

    user_id_number = models.PositiveBigIntegerField(_("user id"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    # What was removed, counted per kind of record (erasure only); never the data itself.
    removed = models.JSONField(_("records removed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-at"]
        indexes = [models.Index(fields=["user_id_number", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id_number} {self.at:%Y-%m-%d}"
