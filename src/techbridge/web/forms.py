"""The search form: one box in any language plus facet filters, sorting and paging."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.choices import OrganisationType, Region
from techbridge.catalogue.choices import IPStatus, ListingKind, PartnershipType
from techbridge.catalogue.search import ENGINE_KIND
from techbridge.programme.models import CooperationArea
from techbridge.web.base_forms import TextSafeForm

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("newest", _("Newest")),
    ("trl", _("Most mature (TRL)")),
]

# Form field → engine facet. The kind's values are translated to the engine's kinds.
FACET_FIELDS = {
    "kind": "kind",
    "area": "area",
    "region": "region",
    "org_type": "org_type",
    "partnership": "partnership",
    "ip_status": "ip_status",
}


def _choice(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
    )


class SearchForm(TextSafeForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = _choice(_("Kind"), ListingKind.choices)
    area = _choice(_("Cooperation area"), [])
    region = _choice(_("Region"), Region.choices)
    org_type = _choice(_("Organisation type"), OrganisationType.choices)
    partnership = _choice(_("Partnership sought"), PartnershipType.choices)
    ip_status = _choice(_("IP status"), IPStatus.choices)
    trl_min = forms.IntegerField(label=_("TRL from"), required=False, min_value=1, max_value=9)
    trl_max = forms.IntegerField(label=_("TRL to"), required=False, min_value=1, max_value=9)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)

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

    def engine_filters(self) -> dict[str, list[str]]:
        """The chosen facet values, in the engine's vocabulary."""
        filters: dict[str, list[str]] = {}
        for field, facet in FACET_FIELDS.items():
            values = self.cleaned_data.get(field) or []
            if field == "kind":
                values = [ENGINE_KIND[value] for value in values]
            if values:
                filters[facet] = list(values)
        return filters

    def trl_range(self) -> tuple[int, int] | None:
        low, high = self.cleaned_data.get("trl_min"), self.cleaned_data.get("trl_max")
        if low is None and high is None:
            return None
        return (low or 1, high or 9)

    def facet_groups(self, counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
        """Each facet's choices with their counts over the current matches, for the page."""
        groups = []
        for field, facet in FACET_FIELDS.items():
            bound = self[field]
            chosen = set(self.cleaned_data.get(field) or [])
            options = []
            for value, label in self.fields[field].choices:  # type: ignore[attr-defined]
                key = ENGINE_KIND[value] if field == "kind" else value
                count = counts.get(facet, {}).get(key, 0)
                if count or value in chosen:
                    options.append(
                        {"value": value, "label": label, "count": count, "chosen": value in chosen}
                    )
            groups.append({"name": field, "label": bound.label, "options": options})
        return groups
