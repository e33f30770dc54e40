"""The form facility managers list an instrument with: its texts in three languages, rules,
and an hourly fee per user category in Hong Kong dollars and / or renminbi."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.models import Organisation
from techbridge.facilities.instruments import EDITABLE_FIELDS, FEE_CURRENCIES, FeeInput
from techbridge.facilities.models import Instrument, UserCategory, currency_label
from techbridge.web.base_forms import TextSafeModelForm


def fee_field_name(category: str, currency: str) -> str:
    return f"fee_{category}_{currency.lower()}"


class InstrumentForm(TextSafeModelForm):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = Instrument
        fields = EDITABLE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in EDITABLE_FIELDS
            if name.startswith(("capabilities_", "results_terms_"))
        }

    def __init__(
        self, *args: Any, organisations: list[Organisation], fees: dict[str, Decimal], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            choice = self.fields["organisation"]
            assert isinstance(choice, forms.ModelChoiceField)
            choice.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
            if len(organisations) == 1:
                self.fields["organisation"].initial = organisations[0].pk
        else:
            del self.fields["organisation"]
        for category, category_label in UserCategory.choices:
            for currency in FEE_CURRENCIES:
                name = fee_field_name(category, currency)
                self.fields[name] = forms.DecimalField(
                    label=_("%(category)s: %(currency)s per hour")
                    % {"category": category_label, "currency": currency_label(currency)},
                    required=False,
                    min_value=Decimal(0),
                    max_digits=10,
                    decimal_places=2,
                    initial=fees.get(name),
                )

    def fee_inputs(self) -> list[FeeInput]:
        return [
            FeeInput(category, currency, self.cleaned_data[fee_field_name(category, currency)])
            for category in UserCategory.values
            for currency in FEE_CURRENCIES
            if self.cleaned_data.get(fee_field_name(category, currency)) is not None
        ]

    def instrument_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def _post_clean(self) -> None:
        # The model is validated by the service (``instrument_save``), not here.
        pass


def current_fees(instrument: Instrument | None) -> dict[str, Decimal]:
    if instrument is None:
        return {}
    return {
        fee_field_name(f.user_category, f.currency): f.hourly_rate for f in instrument.fees.all()
    }
