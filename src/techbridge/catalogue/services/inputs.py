"""Plain input shapes accepted by the listing services, and their validation.

Forms, the API and importers all build a ``ListingInput``; validation lives here once so that
every door applies the same rules and returns the same translated messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import (
    Currency,
    DisclosureTier,
    IPRightStatus,
    IPRightType,
    IPStatus,
    IPTerritory,
    ListingKind,
    PartnershipType,
    PriceTerms,
    TextOrigin,
)
from techbridge.core.errors import ServiceValidationError
from techbridge.core.languages import LANGUAGE_CODES

AddError = Callable[[str, str], None]

MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 60
MAX_TITLE_LENGTH = 300
MAX_SUMMARY_LENGTH = 1500


@dataclass(frozen=True)
class TextInput:
    title: str
    summary: str
    description: str = ""
    advantages: str = ""
    requirements: str = ""
    origin: str = TextOrigin.AUTHOR
    source_language: str = ""


@dataclass(frozen=True)
class IPRightInput:
    right_type: str
    number: str
    territory: str
    status: str
    owners: Sequence[tuple[str, Decimal]]
    filed_on: date | None = None
    granted_on: date | None = None


@dataclass(frozen=True)
class ListingInput:
    kind: str
    owner: Organisation
    original_language: str
    texts: dict[str, TextInput]
    areas: Sequence[str] = ()
    sectors: Sequence[str] = ()
    partnership_types: Sequence[str] = ()
    keywords: Sequence[str] = ()
    trl: int | None = None
    ip_status: str = IPStatus.NONE
    price_terms: str = PriceTerms.NEGOTIABLE
    price_amount: Decimal | None = None
    currency: str = ""
    is_anonymous: bool = False
    teaser_tier: int = DisclosureTier.PUBLIC
    detail_tier: int = DisclosureTier.REGISTERED
    external_ref: str = ""
    ip_rights: Sequence[IPRightInput] = field(default_factory=tuple)
    is_demo: bool = False


def validate_listing_input(data: ListingInput) -> None:
    """Raise ``ServiceValidationError`` with every problem found, keyed by field."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if data.kind not in ListingKind.values:
        add("kind", _("Choose a valid kind of listing."))
    if data.original_language not in LANGUAGE_CODES:
        add("original_language", _("Choose English, Traditional Chinese or Simplified Chinese."))
    _validate_texts(data, add)
    if data.kind == ListingKind.OFFER and data.trl is None:
        add("trl", _("A technology offer needs its technology readiness level."))
    if data.trl is not None and not 1 <= data.trl <= 9:
        add("trl", _("The technology readiness level must be between 1 and 9."))
    if data.ip_status not in IPStatus.values:
        add("ip_status", _("Choose a valid IP status."))
    if data.price_terms not in PriceTerms.values:
        add("price_terms", _("Choose valid price terms."))
    if data.currency and data.currency not in Currency.values:
        add("currency", _("Choose HKD, RMB or USD."))
    if data.price_amount is not None:
        if data.price_amount < 0:
            add("price_amount", _("The price cannot be negative."))
        if not data.currency:
            add("currency", _("Give the currency of the price."))
    if (
        data.teaser_tier not in DisclosureTier.values
        or data.detail_tier not in DisclosureTier.values
    ):
        add("detail_tier", _("Choose a valid disclosure tier."))
    elif data.detail_tier < data.teaser_tier:
        add("detail_tier", _("Confidential detail cannot be more visible than the teaser."))
    unknown_types = set(data.partnership_types) - set(PartnershipType.values)
    if unknown_types:
        add(
            "partnership_types",
            _("Unknown partnership type: %(codes)s") % {"codes": ", ".join(sorted(unknown_types))},
        )
    _validate_keywords(data.keywords, add)
    for index, right in enumerate(data.ip_rights, start=1):
        _validate_ip_right(index, right, add)
    if errors:
        raise ServiceValidationError(errors)


def _validate_texts(data: ListingInput, add: AddError) -> None:
    if data.original_language not in data.texts:
        add("texts", _("Write the listing in its original language first."))
    for language, text in data.texts.items():
        if language not in LANGUAGE_CODES:
            add("texts", _("Unknown language code: %(code)s") % {"code": language})
            continue
        if not text.title.strip():
            add(f"title_{language}", _("A title is required."))
        elif len(text.title) > MAX_TITLE_LENGTH:
            add(f"title_{language}", _("The title is longer than 300 characters."))
        if not text.summary.strip():
            add(f"summary_{language}", _("A summary is required."))
        elif len(text.summary) > MAX_SUMMARY_LENGTH:
            add(f"summary_{language}", _("The summary is longer than 1,500 characters."))
        if text.origin not in TextOrigin.values:
            add(f"title_{language}", _("Unknown text origin."))
        if language == data.original_language and text.origin != TextOrigin.AUTHOR:
            add(f"title_{language}", _("The original language must be the author's own text."))


def _validate_keywords(keywords: Sequence[str], add: AddError) -> None:
    if len(keywords) > MAX_KEYWORDS:
        add("keywords", _("Give at most 20 keywords."))
    for keyword in keywords:
        if not keyword.strip() or len(keyword) > MAX_KEYWORD_LENGTH:
            add("keywords", _("Each keyword must have 1 to 60 characters."))
            break


def _validate_ip_right(index: int, right: IPRightInput, add: AddError) -> None:
    name = f"ip_rights_{index}"
    if right.right_type not in IPRightType.values:
        add(name, _("Choose a valid type of IP right."))
    if right.territory not in IPTerritory.values:
        add(name, _("Choose a valid territory."))
    if right.status not in IPRightStatus.values:
        add(name, _("Choose a valid status of the IP right."))
    if not right.number.strip():
        add(name, _("The application or registration number is required."))
    if not right.owners:
        add(name, _("Name at least one owner of the IP right."))
    elif sum((share for _owner, share in right.owners), Decimal(0)) != Decimal(100):
        add(name, _("The owners' shares must add up to 100%."))
    if any(share <= 0 for _owner, share in right.owners):
        add(name, _("Every owner's share must be more than 0%."))
    if len({owner for owner, _share in right.owners}) != len(right.owners):
        add(name, _("An owner is named twice."))
    if right.filed_on and right.granted_on and right.granted_on < right.filed_on:
        add(name, _("A right cannot be granted before it was filed."))
