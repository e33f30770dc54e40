"""The forms of a listing's "Images and summary" page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.models.media import CAPTION_MAX_LENGTH
from techbridge.web.base_forms import TextSafeForm

CAPTION_LABELS = {
    "en": _("Caption in English"),
    "zh-hant": _("Caption in Traditional Chinese"),
    "zh-hans": _("Caption in Simplified Chinese"),
}


def caption_field_name(language: str) -> str:
    return f"caption_{language.replace('-', '_')}"


class CaptionsForm(TextSafeForm):
    """One optional caption per language; the first one written stands in for the others."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for language, label in CAPTION_LABELS.items():
            self.fields[caption_field_name(language)] = forms.CharField(
                label=label, max_length=CAPTION_MAX_LENGTH, required=False
            )

    def captions(self) -> dict[str, str]:
        return {
            language: self.cleaned_data.get(caption_field_name(language), "")
            for language in CAPTION_LABELS
        }


class ImageUploadForm(CaptionsForm):
    file = forms.FileField(
        label=_("Image"),
        help_text=_("PNG, JPEG or WebP, at most 5 MB. Location and camera data are removed."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    field_order = ["file"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # One page holds this form and the summary's, both with a "file" field: distinct ids
        # keep each label tied to its own input.
        kwargs.setdefault("auto_id", "id_image_%s")
        super().__init__(*args, **kwargs)


class SummaryUploadForm(TextSafeForm):
    file = forms.FileField(
        label=_("One-page summary (PDF)"),
        help_text=_("A PDF of at most 4 pages and 10 MB, without scripts or attachments."),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_summary_%s")
        super().__init__(*args, **kwargs)
