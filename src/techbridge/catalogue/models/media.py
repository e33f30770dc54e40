"""A listing's pictures and its one-page summary: public with the listing's teaser.

The files live in the ``default`` alias of ``STORAGES`` (the shared database unless configured
otherwise) under names of our own, never the uploader's, and reach readers only through views
that check the listing's visibility. Names carry no organisation, so an anonymous listing's
files do not reveal its owner.
"""

from __future__ import annotations

from django.core.files.storage import Storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.core.bounds import TextSafetyValidator
from techbridge.files.aliases import AliasedStorage

_upload_storage = AliasedStorage("default")

CAPTION_MAX_LENGTH = 200
CAPTION_LANGUAGES = ("en", "zh-hant", "zh-hans")


def upload_storage() -> Storage:
    """The ``default`` alias of ``STORAGES``, looked up when used (tests switch backends)."""
    return _upload_storage  # type: ignore[return-value]  # a lazy proxy of a Storage


class ListingImage(models.Model):
    """One picture of a listing, re-encoded without its metadata, with a small copy."""

    listing = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    image = models.FileField(_("image"), storage=upload_storage, upload_to="listings/images/")
    thumbnail = models.FileField(
        _("thumbnail"), storage=upload_storage, upload_to="listings/thumbnails/"
    )
    content_type = models.CharField(_("content type"), max_length=20)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    caption_en = models.CharField(
        _("caption (English)"),
        max_length=CAPTION_MAX_LENGTH,
        blank=True,
        validators=[TextSafetyValidator(multiline=False)],
    )
    caption_zh_hant = models.CharField(
        _("caption (Traditional Chinese)"),
        max_length=CAPTION_MAX_LENGTH,
        blank=True,
        validators=[TextSafetyValidator(multiline=False)],
    )
    caption_zh_hans = models.CharField(
        _("caption (Simplified Chinese)"),
        max_length=CAPTION_MAX_LENGTH,
        blank=True,
        validators=[TextSafetyValidator(multiline=False)],
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("listing image")
        verbose_name_plural = _("listing images")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.listing_id}#{self.pk}"

    def caption_in(self, language: str) -> str:
        """The caption in ``language``, else the first one written in another language."""
        own = self.captions().get(language, "")
        return own or next((text for text in self.captions().values() if text), "")

    def captions(self) -> dict[str, str]:
        return {
            "en": self.caption_en,
            "zh-hant": self.caption_zh_hant,
            "zh-hans": self.caption_zh_hans,
        }


class ListingSummary(models.Model):
    """A listing's one-page summary as a PDF: non-confidential, shown with the teaser."""

    listing = models.OneToOneField(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.CASCADE,
        related_name="summary_pdf",
    )
    file = models.FileField(_("file"), storage=upload_storage, upload_to="listings/summaries/")
    pages = models.PositiveSmallIntegerField(_("pages"))
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("listing summary PDF")
        verbose_name_plural = _("listing summary PDFs")

    def __str__(self) -> str:
        return f"{self.listing_id} summary"
