"""The listing form: one tab of text per language, plus the structured EEN-style fields.

The form only parses; every rule lives in the catalogue services (``validate_listing_input``),
whose errors, keyed by field, are put back on the form.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import (
    Currency,
    DisclosureTier,
    IPStatus,
    ListingKind,
    PartnershipType,
    PriceTerms,
)
from techbridge.catalogue.models import Listing
from techbridge.catalogue.models.listing import (
    DETAIL_TEXT_FIELDS,
    PRICE_DECIMAL_PLACES,
    PRICE_MAX_DIGITS,
    TEASER_TEXT_FIELDS,
)
from techbridge.catalogue.services.inputs import IPRightInput, ListingInput, TextInput
from techbridge.core.scripts import to_simplified, to_traditional_hk
from techbridge.programme.models import CooperationArea
from techbridge.web.base_forms import TextSafeForm

TEXT_FIELDS = (*TEASER_TEXT_FIELDS, *DETAIL_TEXT_FIELDS)
TEXT_LABELS = {
    "title": _("Title"),
    "summary": _("Summary (public teaser)"),
    "description": _("Description (confidential detail)"),
    "advantages": _("Advantages and innovations"),
    "requirements": _("Partner sought / requirements"),
}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
KEYWORD_SPLIT = re.compile(r"[,，、;；\n]+")
CONVERSIONS = {"zh-hant": ("zh-hans", to_traditional_hk), "zh-hans": ("zh-hant", to_simplified)}


def _text_field(name: str) -> forms.CharField:
    if name == "title":
        return forms.CharField(label=TEXT_LABELS[name], required=False, max_length=300)
    return forms.CharField(
        label=TEXT_LABELS[name], required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ListingForm(TextSafeForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ListingKind.choices)
    owner = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
    )
    original_language = forms.ChoiceField(
        label=_("Written originally in"), choices=settings.LANGUAGES
    )
    keywords = forms.CharField(
        label=_("Technology keywords"),
        required=False,
        help_text=_("Separate keywords with commas."),
    )
    areas = forms.MultipleChoiceField(
        label=_("Cooperation areas"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partnership_types = forms.MultipleChoiceField(
        label=_("Partnership sought"),
        required=False,
        choices=PartnershipType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    trl = forms.TypedChoiceField(
        label=_("Technology readiness level (TRL)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *[(level, f"TRL {level}") for level in range(1, 10)]],
    )
    ip_status = forms.ChoiceField(label=_("IP status"), choices=IPStatus.choices)
    price_terms = forms.ChoiceField(label=_("Price terms"), choices=PriceTerms.choices)
    price_amount = forms.DecimalField(
        label=_("Price"),
        required=False,
        min_value=0,
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
    )
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", "—"), *Currency.choices]
    )
    is_anonymous = forms.BooleanField(label=_("Hide our organisation's name"), required=False)
    teaser_tier = forms.TypedChoiceField(
        label=_("Teaser visible to"), coerce=int, choices=DisclosureTier.choices
    )
    detail_tier = forms.TypedChoiceField(
        label=_("Confidential detail visible to"), coerce=int, choices=DisclosureTier.choices
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = organisations
        if not self.is_bound and "owner" not in self.initial and len(organisations) == 1:
            # A member of one organisation has nothing to choose.
            self.initial["owner"] = organisations[0].pk
        areas = self.fields["areas"]
        assert isinstance(areas, forms.MultipleChoiceField)
        areas.choices = [
            (area.code, area.name)
            for area in CooperationArea.objects.filter(mechanism__is_primary=True)
        ]
        for language in LANGUAGE_CODES:
            for name in TEXT_FIELDS:
                self.fields[f"{name}_{language}"] = _text_field(name)
        if not self.is_bound:
            self.initial.setdefault("teaser_tier", DisclosureTier.PUBLIC)
            self.initial.setdefault("detail_tier", DisclosureTier.REGISTERED)

    def language_tabs(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "name": name,
                "fields": [self[f"{field}_{code}"] for field in TEXT_FIELDS],
            }
            for code, name in settings.LANGUAGES
        ]

    def to_input(self, ip_rights: tuple[IPRightInput, ...] = ()) -> ListingInput:
        data = self.cleaned_data
        texts = {}
        for language in LANGUAGE_CODES:
            values = {name: (data.get(f"{name}_{language}") or "").strip() for name in TEXT_FIELDS}
            if any(values.values()):
                texts[language] = TextInput(**values)
        keywords = [k.strip() for k in KEYWORD_SPLIT.split(data.get("keywords") or "")]
        return ListingInput(
            kind=data["kind"],
            owner=data["owner"],
            original_language=data["original_language"],
            texts=texts,
            areas=tuple(data.get("areas") or ()),
            partnership_types=tuple(data.get("partnership_types") or ()),
            keywords=tuple(k for k in keywords if k),
            trl=data.get("trl"),
            ip_status=data["ip_status"],
            price_terms=data["price_terms"],
            price_amount=data.get("price_amount"),
            currency=data.get("currency") or "",
            is_anonymous=bool(data.get("is_anonymous")),
            teaser_tier=data["teaser_tier"],
            detail_tier=data["detail_tier"],
            ip_rights=ip_rights,
        )

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            self.add_error(name if name in self.fields else None, messages)


def converted_data(data: Any, target: str) -> dict[str, Any]:
    """The submitted data with the ``target`` script's texts converted from the other one
    (Simplified → Traditional with Hong Kong usage, or back), for the author to review."""
    source, convert = CONVERSIONS[target]
    out: dict[str, Any] = {key: data.getlist(key) for key in data}
    for name in TEXT_FIELDS:
        original = data.get(f"{name}_{source}", "")
        out[f"{name}_{target}"] = [convert(original)] if original else [""]
    return {key: values if len(values) != 1 else values[0] for key, values in out.items()}


def initial_from(listing: Listing) -> dict[str, Any]:
    """The form's initial values from a stored listing (authored and converted texts)."""
    initial: dict[str, Any] = {
        "kind": listing.kind,
        "owner": listing.owner_id,
        "original_language": listing.original_language,
        "keywords": ", ".join(listing.keywords),
        "areas": [area.code for area in listing.areas.all()],
        "partnership_types": [p.code for p in listing.partnership_types.all()],
        "trl": listing.trl_id,
        "ip_status": listing.ip_status,
        "price_terms": listing.price_terms,
        "price_amount": listing.price_amount,
        "currency": listing.currency,
        "is_anonymous": listing.is_anonymous,
        "teaser_tier": listing.teaser_tier,
        "detail_tier": listing.detail_tier,
    }
    for text in listing.texts.all():
        if text.origin == "machine":
            continue  # regenerated by the service from the authored script
        for name in TEXT_FIELDS:
            initial[f"{name}_{text.language}"] = getattr(text, name)
    return initial
