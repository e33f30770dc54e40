"""Forms of the deal pages. Every form that writes carries an idempotency key, so a double
click or a resubmitted page has one effect."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import Currency
from techbridge.pipeline.choices import (
    DealType,
    DocumentPurpose,
    ExportClassification,
    LicenceExclusivity,
)
from techbridge.web.base_forms import TextSafeForm


class IdempotentForm(TextSafeForm):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = uuid.uuid4().hex


class InterestForm(IdempotentForm):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message to the owner"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and what you would like to do with this technology."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations if organisations is not None else Organisation.objects.none()


class MessageForm(IdempotentForm):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentForm(IdempotentForm):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PNG, JPEG or WebP; at most 20 MB."),
    )
    purpose = forms.ChoiceField(label=_("What it is"), choices=DocumentPurpose.choices)


class ExportForm(IdempotentForm):
    classification = forms.ChoiceField(
        label=_("Mainland technology-export classification"),
        choices=ExportClassification.choices,
    )
    licence_ref = forms.CharField(
        label=_("Export licence number"),
        required=False,
        max_length=80,
        help_text=_("Needed for restricted technology before substantive negotiation."),
    )


class AgreementForm(IdempotentForm):
    deal_type = forms.ChoiceField(label=_("Deal type"), choices=DealType.choices)
    exclusivity = forms.ChoiceField(
        label=_("Licence exclusivity"),
        choices=[("", "—"), *LicenceExclusivity.choices],
        required=False,
    )
    field_of_use = forms.CharField(label=_("Field of use"), required=False, max_length=300)
    territory = forms.CharField(label=_("Territory"), required=False, max_length=200)
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.DecimalField(
        label=_("Value"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", "—"), *Currency.choices], required=False
    )
    registration_number = forms.CharField(
        label=_("Technology-contract registration number"), required=False, max_length=80
    )


class ObligationForm(IdempotentForm):
    description = forms.CharField(label=_("Obligation"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class RegistrationForm(IdempotentForm):
    registration_number = forms.CharField(
        label=_("Technology-contract registration number"), max_length=80
    )
