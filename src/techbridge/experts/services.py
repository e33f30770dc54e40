"""Writing expert profiles: created and edited by the members of the person's institution,
published (made public) or withdrawn only by its administrators. Each write records an
``ExpertEvent`` and a search change in the same transaction."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.accounts.organisations import is_organisation_admin
from techbridge.catalogue.models import Listing, Sector
from techbridge.catalogue.permissions import can_edit_for, is_platform_admin
from techbridge.core.bounds import text_problem
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.experts.models import ExpertEvent, ExpertProfile
from techbridge.experts.orcid import normalise_orcid
from techbridge.matching.changelog import search_change_record
from techbridge.programme.models import CooperationArea

MAX_PUBLICATIONS = 20
MAX_PATENTS = 20
MAX_KEYWORDS = 20
FIRST_YEAR = 1900
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_TERRITORY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class PublicationInput:
    title: str
    year: int | None = None
    link: str = ""  # a DOI (10.…) or a web address


@dataclass(frozen=True)
class PatentInput:
    number: str
    territory: str  # two letters: a country or region (CN, HK, US) or office (EP, WO)
    title: str = ""


@dataclass(frozen=True)
class ExpertInput:
    name_en: str = ""
    name_zh_hant: str = ""
    name_zh_hans: str = ""
    position_en: str = ""
    position_zh_hant: str = ""
    position_zh_hans: str = ""
    area_codes: tuple[str, ...] = ()
    sector_codes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    orcid: str = ""
    publications: tuple[PublicationInput, ...] = ()
    patents: tuple[PatentInput, ...] = ()
    listing_references: tuple[str, ...] = field(default_factory=tuple)


def can_write_expert(user: Any, institution: Organisation) -> bool:
    """Members of the institution (and platform administrators) keep its experts' profiles."""
    return can_edit_for(user, institution)


def can_publish_expert(user: Any, institution: Organisation) -> bool:
    """Only the institution's administrators (and platform administrators) make a profile
    public, once the person has agreed."""
    return is_organisation_admin(user, institution) or is_platform_admin(user)


def expert_create(*, actor: Any, institution: Organisation, data: ExpertInput) -> ExpertProfile:
    if not can_write_expert(actor, institution):
        raise PermissionDenied(_("Only members of the institution keep its experts' profiles."))
    values, relations = _validated(data, institution)
    with transaction.atomic():
        expert = ExpertProfile.objects.create(institution=institution, **values)
        _set_relations(expert, relations)
        _record(expert, actor, ExpertEvent.Verb.CREATED, _snapshot(expert))
    return expert


def expert_update(*, actor: Any, expert: ExpertProfile, data: ExpertInput) -> ExpertProfile:
    if not can_write_expert(actor, expert.institution):
        raise PermissionDenied(_("Only members of the institution keep its experts' profiles."))
    values, relations = _validated(data, expert.institution)
    with transaction.atomic():
        locked = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
        before = _snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        _set_relations(locked, relations)
        after = _snapshot(locked)
        changes = {k: [before[k], after[k]] for k in after if before.get(k) != after[k]}
        _record(locked, actor, ExpertEvent.Verb.UPDATED, changes)
    return locked


def expert_set_published(*, actor: Any, expert: ExpertProfile, published: bool) -> ExpertProfile:
    """Make the profile public (the person has agreed) or withdraw it from public view."""
    if not can_publish_expert(actor, expert.institution):
        raise PermissionDenied(
            _("Only the institution's administrators publish or withdraw an expert's profile.")
        )
    with transaction.atomic():
        locked = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
        if locked.is_published == published:
            return locked
        locked.is_published = published
        if published:
            locked.published_at, locked.published_by = timezone.now(), actor
        else:
            locked.published_at, locked.published_by = None, None
        locked.save(update_fields=["is_published", "published_at", "published_by", "updated_at"])
        verb = ExpertEvent.Verb.PUBLISHED if published else ExpertEvent.Verb.WITHDRAWN
        _record(locked, actor, verb, {"is_published": [not published, published]})
    return locked


def _record(expert: ExpertProfile, actor: Any, verb: str, changes: dict[str, Any]) -> None:
    real_actor = actor if actor is not None and actor.is_authenticated else None
    ExpertEvent.objects.create(expert=expert, actor=real_actor, verb=verb, changes=changes)
    search_change_record(expert=expert)


def _snapshot(expert: ExpertProfile) -> dict[str, Any]:
    return {
        "name_en": expert.name_en,
        "name_zh_hant": expert.name_zh_hant,
        "name_zh_hans": expert.name_zh_hans,
        "position_en": expert.position_en,
        "position_zh_hant": expert.position_zh_hant,
        "position_zh_hans": expert.position_zh_hans,
        "areas": sorted(expert.areas.values_list("code", flat=True)),
        "sectors": sorted(expert.sectors.values_list("code", flat=True)),
        "keywords": list(expert.keywords),
        "orcid": expert.orcid,
        "publications": list(expert.publications),
        "patents": list(expert.patents),
        "listings": sorted(expert.listings.values_list("reference", flat=True)),
    }


@dataclass(frozen=True)
class _Relations:
    areas: list[CooperationArea]
    sectors: list[Sector]
    listings: list[Listing]


def _set_relations(expert: ExpertProfile, relations: _Relations) -> None:
    expert.areas.set(relations.areas)
    expert.sectors.set(relations.sectors)
    expert.listings.set(relations.listings)


def _validated(data: ExpertInput, institution: Organisation) -> tuple[dict[str, Any], _Relations]:
    """The column values and relations of ``data``, or ServiceValidationError naming every
    problem by field."""
    errors: dict[str, list[str]] = {}

    def check_text(name: str, value: str, label: str, max_length: int = 200) -> str:
        problem = text_problem(value, label=label, max_length=max_length)
        if problem:
            errors.setdefault(name, []).append(problem)
        return value.strip()

    labels = {
        "name_en": _("The name in English"),
        "name_zh_hant": _("The name in Traditional Chinese"),
        "name_zh_hans": _("The name in Simplified Chinese"),
        "position_en": _("The position in English"),
        "position_zh_hant": _("The position in Traditional Chinese"),
        "position_zh_hans": _("The position in Simplified Chinese"),
    }
    values: dict[str, Any] = {
        name: check_text(name, getattr(data, name), label) for name, label in labels.items()
    }
    if not (values["name_en"] or values["name_zh_hant"] or values["name_zh_hans"]):
        errors.setdefault("name_en", []).append(_("Give the person's name in at least one script."))

    keywords = [check_text("keywords", k, _("A field of expertise"), 80) for k in data.keywords]
    keywords = list(dict.fromkeys(k for k in keywords if k))
    if len(keywords) > MAX_KEYWORDS:
        errors.setdefault("keywords", []).append(
            _("Give at most %(count)d fields of expertise.") % {"count": MAX_KEYWORDS}
        )
    values["keywords"] = keywords

    values["orcid"] = ""
    if data.orcid.strip():
        try:
            values["orcid"] = normalise_orcid(data.orcid)
        except ValueError:
            errors["orcid"] = [
                _(
                    "This is not a valid ORCID iD: it has sixteen characters "
                    "(0000-0002-1825-0097) and the last is a check digit."
                )
            ]

    values["publications"] = _publications(data.publications, errors)
    values["patents"] = _patents(data.patents, errors)

    areas = list(
        CooperationArea.objects.filter(mechanism__is_primary=True, code__in=set(data.area_codes))
    )
    if len({area.code for area in areas}) != len(set(data.area_codes)):
        errors["area_codes"] = [_("Choose cooperation areas from the list.")]
    sectors = list(Sector.objects.filter(code__in=set(data.sector_codes)))
    if len(sectors) != len(set(data.sector_codes)):
        errors["sector_codes"] = [_("Choose sectors from the list.")]
    listings = list(
        Listing.objects.filter(reference__in=set(data.listing_references), owner=institution)
    )
    if len(listings) != len(set(data.listing_references)):
        errors["listing_references"] = [
            _("An expert may be named only on listings of their own institution.")
        ]
    if errors:
        raise ServiceValidationError(errors)
    return values, _Relations(areas, sectors, listings)


def _publications(
    items: tuple[PublicationInput, ...], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    if len(items) > MAX_PUBLICATIONS:
        errors["publications"] = [
            _("List at most %(count)d publications.") % {"count": MAX_PUBLICATIONS}
        ]
        return []
    last_year = timezone.now().year + 1
    result = []
    for item in items:
        problem = text_problem(item.title, label=_("A publication's title"), max_length=300)
        if problem or not item.title.strip():
            errors.setdefault("publications", []).append(
                problem or _("Every publication needs its title.")
            )
            continue
        if item.year is not None and not FIRST_YEAR <= item.year <= last_year:
            errors.setdefault("publications", []).append(
                _("A publication's year is between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": last_year}
            )
            continue
        link = _link(item.link.strip())
        if link is None:
            errors.setdefault("publications", []).append(
                _("A publication's link is a DOI (10.…) or a web address (https://…).")
            )
            continue
        result.append({**asdict(item), "title": item.title.strip(), "link": link})
    return result


def _link(value: str) -> str | None:
    """A DOI as its resolver address, a web address as given, nothing as nothing; None for
    anything else."""
    if not value:
        return ""
    if match := _DOI.match(value):
        return f"https://doi.org/{match.group(1)}"
    if _URL.match(value) and len(value) <= 500:
        return value
    return None


def _patents(items: tuple[PatentInput, ...], errors: dict[str, list[str]]) -> list[dict[str, str]]:
    if len(items) > MAX_PATENTS:
        errors["patents"] = [_("List at most %(count)d patents.") % {"count": MAX_PATENTS}]
        return []
    result = []
    for item in items:
        number = item.number.strip()
        territory = item.territory.strip().upper()
        problem = text_problem(number, label=_("A patent number"), max_length=40) or text_problem(
            item.title, label=_("A patent's title"), max_length=300
        )
        if problem or not number:
            errors.setdefault("patents", []).append(problem or _("Every patent needs its number."))
        elif not _TERRITORY.match(territory):
            errors.setdefault("patents", []).append(
                _("A patent's territory is a two-letter code such as CN, HK, US, EP or WO.")
            )
        else:
            result.append({"number": number, "territory": territory, "title": item.title.strip()})
    return result
