"""The form of an expert profile: names and positions in three scripts, fields, ORCID iD,
publications and patents one per line, the institution's listings naming the person, and
(for the institution's administrators) whether the profile is public."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.models import Listing
from techbridge.catalogue.selectors import pick_text
from techbridge.experts.models import ExpertProfile
from techbridge.experts.services import ExpertInput, PatentInput, PublicationInput
from techbridge.programme.models import CooperationArea
from techbridge.web.base_forms import TextSafeForm

_TEXT_FIELDS = (
    "name_en",
    "name_zh_hant",
    "name_zh_hans",
    "position_en",
    "position_zh_hant",
    "position_zh_hans",
)


class ExpertForm(TextSafeForm):
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_zh_hant = forms.CharField(
        label=_("Name in Traditional Chinese"), max_length=200, required=False
    )
    name_zh_hans = forms.CharField(
        label=_("Name in Simplified Chinese"), max_length=200, required=False
    )
    position_en = forms.CharField(label=_("Position in English"), max_length=200, required=False)
    position_zh_hant = forms.CharField(
        label=_("Position in Traditional Chinese"), max_length=200, required=False
    )
    position_zh_hans = forms.CharField(
        label=_("Position in Simplified Chinese"), max_length=200, required=False
    )
    areas = forms.MultipleChoiceField(
        label=_("Cooperation areas"), widget=forms.CheckboxSelectMultiple, required=False
    )
    keywords = forms.CharField(
        label=_("Fields of expertise"),
        help_text=_("Separated by commas."),
        max_length=2000,
        required=False,
    )
    orcid = forms.CharField(
        label=_("ORCID iD"), help_text="0000-0002-1825-0097", max_length=60, required=False
    )
    publications = forms.CharField(
        label=_("Selected publications"),
        help_text=_("One a line: year | title | DOI or web address (year and link optional)."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )
    patents = forms.CharField(
        label=_("Patents"),
        help_text=_("One a line: territory | number | title (e.g. CN | ZL202310001234.5 | Probe)."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
        required=False,
    )
    listings = forms.MultipleChoiceField(
        label=_("Listings naming this expert"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_published = forms.BooleanField(
        label=_("Public: the person has agreed to this profile being shown"), required=False
    )

    def __init__(
        self, *args: Any, institution: Organisation, may_publish: bool, language: str, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        areas = CooperationArea.objects.filter(mechanism__is_primary=True).order_by("position")
        area_field = cast(forms.MultipleChoiceField, self.fields["areas"])
        area_field.choices = [(area.code, area.name) for area in areas]
        listings = (
            Listing.objects.filter(owner=institution)
            .exclude(status="archived")
            .prefetch_related("texts")
            .order_by("-created_at", "-pk")
        )
        listing_field = cast(forms.MultipleChoiceField, self.fields["listings"])
        listing_field.choices = [
            (listing.reference, f"{listing.reference} · {pick_text(listing, language)[0].title}")
            for listing in listings
        ]
        if not may_publish:
            del self.fields["is_published"]

    @staticmethod
    def initial_for(expert: ExpertProfile) -> dict[str, Any]:
        return {
            **{name: getattr(expert, name) for name in _TEXT_FIELDS},
            "areas": [area.code for area in expert.areas.all()],
            "keywords": ", ".join(expert.keywords),
            "orcid": expert.orcid,
            "publications": "\n".join(
                " | ".join(str(p.get(k) or "") for k in ("year", "title", "link")).strip(" |")
                for p in expert.publications
            ),
            "patents": "\n".join(
                " | ".join(p[k] for k in ("territory", "number", "title")).strip(" |")
                for p in expert.patents
            ),
            "listings": list(expert.listings.values_list("reference", flat=True)),
            "is_published": expert.is_published,
        }

    def clean_publications(self) -> tuple[PublicationInput, ...]:
        items = []
        for line in self.cleaned_data["publications"].splitlines():
            parts = [part.strip() for part in line.split("|")]
            if not any(parts):
                continue
            year: int | None = None
            if parts[0].isdigit():
                year = int(parts.pop(0))
            title = parts[0] if parts else ""
            link = parts[1] if len(parts) > 1 else ""
            items.append(PublicationInput(title=title, year=year, link=link))
        return tuple(items)

    def clean_patents(self) -> tuple[PatentInput, ...]:
        items = []
        for line in self.cleaned_data["patents"].splitlines():
            parts = [part.strip() for part in line.split("|")]
            if not any(parts):
                continue
            parts += [""] * (3 - len(parts))
            items.append(PatentInput(territory=parts[0], number=parts[1], title=parts[2]))
        return tuple(items)

    def expert_input(self) -> ExpertInput:
        data = self.cleaned_data
        keywords = tuple(k.strip() for k in data["keywords"].replace("，", ",").split(","))
        return ExpertInput(
            **{name: data[name] for name in _TEXT_FIELDS},
            area_codes=tuple(data["areas"]),
            keywords=tuple(k for k in keywords if k),
            orcid=data["orcid"],
            publications=data["publications"],
            patents=data["patents"],
            listing_references=tuple(data["listings"]),
        )
