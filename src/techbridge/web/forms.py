"""The search form: one box in any language plus facet filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.choices import Region
from techbridge.catalogue.choices import ListingKind
from techbridge.programme.models import CooperationArea


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.MultipleChoiceField(
        label=_("Kind"),
        required=False,
        choices=ListingKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    area = forms.MultipleChoiceField(
        label=_("Cooperation area"), required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.MultipleChoiceField(
        label=_("Region"),
        required=False,
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    trl_min = forms.IntegerField(label=_("TRL from"), required=False, min_value=1, max_value=9)
    trl_max = forms.IntegerField(label=_("TRL to"), required=False, min_value=1, max_value=9)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = CooperationArea.objects.filter(mechanism__is_primary=True).order_by("position")
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.MultipleChoiceField)
        area_field.choices = [(area.code, area.name) for area in areas]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("trl_min"), data.get("trl_max")
        if low is not None and high is not None and low > high:
            self.add_error("trl_max", _("The upper TRL must not be below the lower one."))
        return data
