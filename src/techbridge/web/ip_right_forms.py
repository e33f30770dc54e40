"""The IP rights part of the listing form: one small form per right, repeated in a formset.

Owners are typed one per line ("University A; 60"), which reads and speaks well without
scripts. "Add an IP right" re-shows the form with one more empty right; an empty right is
ignored, a ticked "Remove" drops the right. As in the rest of the listing form, the rules
(shares adding up to 100, grant after filing, one number per territory) are the catalogue
services'; their problems, keyed by right and field, are put beside the field they concern.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import formset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.choices import IPRightStatus, IPRightType, IPTerritory
from techbridge.catalogue.ip_text import IPTextError, parse_owners, share_text
from techbridge.catalogue.models import IPRight, Listing
from techbridge.catalogue.services.inputs import IPRightInput
from techbridge.web.base_forms import TextSafeForm

PREFIX = "ip"
ADD_IP_RIGHT = "add_ip_right"
BLANK = ("", "—")
# A browser's date picker sends and shows ISO dates whatever the page's language; a localized
# value ("5 Jan 2023") would show as an empty picker.
DATE_INPUT: dict[str, Any] = {
    "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "input_formats": ["%Y-%m-%d"],
}
# Room for a few dozen owners' lines; the service bounds each name.
MAX_OWNERS_CHARS = 8000


def _choices(choices: Any) -> list[tuple[str, Any]]:
    # A blank first choice: an untouched empty right then counts as unchanged and is skipped.
    return [BLANK, *choices]


class IPRightForm(TextSafeForm):
    right_type = forms.ChoiceField(label=_("Type"), choices=_choices(IPRightType.choices))
    number = forms.CharField(
        label=_("Application or registration number"),
        max_length=IPRight._meta.get_field("number").max_length,
    )
    territory = forms.ChoiceField(label=_("Territory"), choices=_choices(IPTerritory.choices))
    status = forms.ChoiceField(label=_("Status"), choices=_choices(IPRightStatus.choices))
    filed_on = forms.DateField(label=_("Filed on"), required=False, **DATE_INPUT)
    granted_on = forms.DateField(label=_("Granted on"), required=False, **DATE_INPUT)
    owners = forms.CharField(
        label=_("Owners and shares"),
        help_text=_("One owner per line: name; share in %. The shares must add up to 100."),
        max_length=MAX_OWNERS_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_owners(self) -> tuple[tuple[str, Any], ...]:
        try:
            return parse_owners(self.cleaned_data["owners"].splitlines())
        except IPTextError as error:
            raise forms.ValidationError(
                _("Write each owner on its own line as a name and a share, such as “HKU; 60”.")
            ) from error

    def to_input(self) -> IPRightInput:
        data = self.cleaned_data
        return IPRightInput(
            right_type=data["right_type"],
            number=data["number"],
            territory=data["territory"],
            status=data["status"],
            owners=data["owners"],
            filed_on=data.get("filed_on"),
            granted_on=data.get("granted_on"),
        )


class BaseIPRightFormSet(forms.BaseFormSet[IPRightForm]):
    def kept_forms(self) -> list[IPRightForm]:
        """The rights to save, in order: filled in and not marked for removal (none when the
        post did not carry the formset)."""
        if not self.is_bound:
            return []
        return [
            form
            for form in self.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]

    def add_fields(self, form: IPRightForm, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this right")

    def to_input(self) -> tuple[IPRightInput, ...]:
        return tuple(form.to_input() for form in self.kept_forms())

    def add_service_errors(self, errors: dict[str, list[str]]) -> dict[str, list[str]]:
        """Put ``ip_rights_<n>_<field>`` problems on the n-th kept right; returns the rest."""
        kept = self.kept_forms()
        rest: dict[str, list[str]] = {}
        for key, messages in errors.items():
            form, field = _right_and_field(key, kept)
            if form is None:
                rest[key] = messages
            else:
                form.add_error(field if field in form.fields else None, messages)
        return rest


def _right_and_field(key: str, kept: list[IPRightForm]) -> tuple[IPRightForm | None, str]:
    if not key.startswith("ip_rights_"):
        return None, ""
    number, _sep, field = key.removeprefix("ip_rights_").partition("_")
    if not number.isdecimal() or not 1 <= int(number) <= len(kept):
        return None, ""
    return kept[int(number) - 1], field


IPRightFormSet = formset_factory(
    IPRightForm, formset=BaseIPRightFormSet, extra=1, can_delete=True, max_num=50
)


def ip_rights_formset(data: Any = None, listing: Listing | None = None) -> BaseIPRightFormSet:
    """The formset, bound to ``data`` or showing the listing's stored rights."""
    if data is not None:
        return cast(BaseIPRightFormSet, IPRightFormSet(data, prefix=PREFIX))
    initial = [] if listing is None else [_initial(right) for right in listing.ip_rights.all()]
    return cast(BaseIPRightFormSet, IPRightFormSet(initial=initial, prefix=PREFIX))


def _initial(right: IPRight) -> dict[str, Any]:
    return {
        "right_type": right.right_type,
        "number": right.number,
        "territory": right.territory,
        "status": right.status,
        "filed_on": right.filed_on,
        "granted_on": right.granted_on,
        "owners": "\n".join(
            f"{owner.name}; {share_text(owner.share_percent)}" for owner in right.owners.all()
        ),
    }


def with_one_more_right(data: QueryDict) -> QueryDict:
    """The submitted data with room for one more right (the "Add an IP right" button)."""
    out = data.copy()
    total_key = f"{PREFIX}-TOTAL_FORMS"
    total = out.get(total_key, "0")
    out[total_key] = str(int(total) + 1 if total.isdecimal() else 1)
    return out


def ip_management_present(data: Any) -> bool:
    """A post from this form carries the formset; one without it (an older page, a script)
    leaves a listing's rights as they are."""
    return f"{PREFIX}-TOTAL_FORMS" in data
