"""What parties put into a deal: the NDA, messages, documents, the agreement and its
obligations, consents to share personal data, and idempotency keys."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.choices import Currency
from techbridge.files.aliases import AliasedStorage
from techbridge.pipeline.choices import (
    DealType,
    DocumentPurpose,
    GoverningLaw,
    LicenceExclusivity,
    NDAKind,
)
from techbridge.pipeline.reference_nda import LANGUAGES, nda_fingerprint, render_nda

_private_storage = AliasedStorage("private")


def private_storage() -> Storage:
    """Deal documents' storage: the ``private`` alias of ``STORAGES`` (the shared database
    unless configured otherwise), never served from a URL, only streamed by the authorising
    download view."""
    return _private_storage  # type: ignore[return-value]  # a lazy proxy of a Storage


class NDATemplate(models.Model):
    """A version of the platform's standard mutual NDA, in each language."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    text_en = models.TextField(_("text (English)"))
    text_zh_hant = models.TextField(_("text (Traditional Chinese)"))
    text_zh_hans = models.TextField(_("text (Simplified Chinese)"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    # From version 2: the governing-law and prevailing-language clauses, by choice and
    # language, filled into the text's ``$governing_law`` and ``$prevailing_language``.
    clauses = models.JSONField(_("clauses"), default=dict, blank=True)

    class Meta:
        verbose_name = _("standard NDA")
        verbose_name_plural = _("standard NDAs")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"NDA v{self.version}"

    def text(self) -> str:
        language = get_language() or "en"
        return {"zh-hant": self.text_zh_hant, "zh-hans": self.text_zh_hans}.get(
            language, self.text_en
        )


class NDA(models.Model):
    """The deal's NDA: in force once both sides have confirmed it."""

    deal = models.OneToOneField(
        "pipeline.Deal", verbose_name=_("deal"), on_delete=models.PROTECT, related_name="nda"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NDAKind.choices)
    governing_law = models.CharField(
        _("governing law and forum"), max_length=12, choices=GoverningLaw.choices, blank=True
    )
    template = models.ForeignKey(
        NDATemplate,
        verbose_name=_("standard NDA version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    document = models.ForeignKey(
        "pipeline.DealDocument",
        verbose_name=_("signed NDA"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_confirmed_at = models.DateTimeField(_("confirmed by the owner"), null=True, blank=True)
    counterparty_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    counterparty_confirmed_at = models.DateTimeField(
        _("confirmed by the interested party"), null=True, blank=True
    )
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    class Meta:
        verbose_name = _("non-disclosure agreement")
        verbose_name_plural = _("non-disclosure agreements")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="standard") & Q(template__isnull=False))
                | (Q(kind="uploaded") & Q(document__isnull=False)),
                name="pipeline_nda_has_text",
            ),
            models.CheckConstraint(
                condition=Q(in_force_at__isnull=True)
                | (
                    Q(owner_confirmed_at__isnull=False) & Q(counterparty_confirmed_at__isnull=False)
                ),
                name="pipeline_nda_in_force_needs_both",
            ),
        ]

    def __str__(self) -> str:
        return f"NDA D{self.deal_id}"

    def agreed_text(self, language: str | None = None) -> str:
        """The standard text with this deal's law and forum, in ``language`` (default: the
        reader's); empty for an uploaded NDA, whose text is its PDF."""
        if self.template is None:
            return ""
        language = language if language in LANGUAGES else (get_language() or "en")
        if language not in LANGUAGES:
            language = "en"
        return render_nda(
            _texts(self.template), self.template.clauses, self.governing_law, language
        )

    def fingerprint(self) -> str:
        """SHA-256 of the agreed text in its three languages (see ``reference_nda``)."""
        if self.template is None:
            return ""
        return nda_fingerprint(_texts(self.template), self.template.clauses, self.governing_law)


def _texts(template: NDATemplate) -> dict[str, str]:
    return {
        "en": template.text_en,
        "zh-hant": template.text_zh_hant,
        "zh-hans": template.text_zh_hans,
    }


class DealMessage(models.Model):
    """A message in the deal's conversation; a reply names the message it answers."""

    deal = models.ForeignKey(
        "pipeline.Deal", verbose_name=_("deal"), on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("deal message")
        verbose_name_plural = _("deal messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"D{self.deal_id} message {self.pk}"


class DealDocument(models.Model):
    """A file shared in a deal: type checked by content, stored privately, every download
    authorised and recorded."""

    deal = models.ForeignKey(
        "pipeline.Deal", verbose_name=_("deal"), on_delete=models.PROTECT, related_name="documents"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(
        _("purpose"), max_length=12, choices=DocumentPurpose.choices, default=DocumentPurpose.OTHER
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="deals/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("deal document")
        verbose_name_plural = _("deal documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """The agreement the parties signed: type per the crosswalk, scope, value, registration."""

    deal = models.OneToOneField(
        "pipeline.Deal", verbose_name=_("deal"), on_delete=models.PROTECT, related_name="agreement"
    )
    deal_type = models.CharField(_("deal type"), max_length=20, choices=DealType.choices)
    exclusivity = models.CharField(
        _("licence exclusivity"), max_length=14, choices=LicenceExclusivity.choices, blank=True
    )
    field_of_use = models.CharField(_("field of use"), max_length=300, blank=True)
    territory = models.CharField(_("territory"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    registration_required = models.BooleanField(
        _("technology-contract registration applies"), default=False
    )
    registration_number = models.CharField(
        _("technology-contract registration number"), max_length=80, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(deal_type__in=DealType.values), name="pipeline_agreement_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(exclusivity="") | Q(deal_type="licence"),
                name="pipeline_agreement_exclusivity_for_licence",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=0) & ~Q(currency="")),
                name="pipeline_agreement_value_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("signed_on")),
                name="pipeline_agreement_ends_after_signing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_deal_type_display()} D{self.deal_id}"


class Obligation(models.Model):
    """A post-deal obligation (royalty report, milestone payment, delivery) with a reminder."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="obligations"
    )
    description = models.CharField(_("obligation"), max_length=300)
    due_on = models.DateField(_("due on"))
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before"), default=7)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class ContactConsent(models.Model):
    """A user's consent to show their name and e-mail address to the other party of a deal."""

    deal = models.ForeignKey(
        "pipeline.Deal", verbose_name=_("deal"), on_delete=models.PROTECT, related_name="consents"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact consent")
        verbose_name_plural = _("contact consents")
        constraints = [
            models.UniqueConstraint(fields=["deal", "user"], name="pipeline_consent_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → D{self.deal_id}"


class CrossBorderTransfer(models.Model):
    """Personal information provided across the boundary between Hong Kong and the mainland
    (PIPL art. 39, PDPO): whose, to which organisation, which fields, when, in which deal."""

    deal = models.ForeignKey(
        "pipeline.Deal", verbose_name=_("deal"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose information"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("provided to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_region = models.CharField(_("from"), max_length=10)
    to_region = models.CharField(_("to"), max_length=10)
    fields = models.JSONField(_("fields"), default=list)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("cross-border transfer")
        verbose_name_plural = _("cross-border transfers")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "subject", "recipient"], name="pipeline_transfer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_id} {self.from_region}→{self.to_region} D{self.deal_id}"


class IdempotencyKey(models.Model):
    """A client's key for one write: the same request again (the same operation on the same
    deal with the same content) returns the first result, named by its model
    (``pipeline.dealmessage``) and primary key; any other request with the key is refused."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("key"), max_length=100)
    deal = models.ForeignKey(
        "pipeline.Deal", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What the key was used for: "message", "advance:screen", "interest:<listing>:<org>"…
    operation = models.CharField(_("operation"), max_length=60, blank=True)
    result_type = models.CharField(_("result model"), max_length=60, blank=True)
    result_id = models.PositiveBigIntegerField(_("result id"), null=True, blank=True)
    # SHA-256 of what the request said (a message's text, an agreement's terms): the same key
    # with other content is another request, refused rather than answered with the first.
    fingerprint = models.CharField(_("request fingerprint"), max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="pipeline_idempotency_unique")
        ]

    def __str__(self) -> str:
        return self.key
