"""Plain input shapes accepted by the listing services, and their validation.

Forms, the API, importers, the admin and commands all build a ``ListingInput``; validation
lives here once so that every door applies the same rules and returns the same translated
messages. Besides the business rules it enforces the storage bounds of ``core.bounds``: no
control characters in any text, decimals finite and within their column, integers and choices
in range, lengths — so that whatever is accepted can be stored, read back and exported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from techbridge.catalogue.models import IPRight, IPRightOwner, Listing
from techbridge.core.bounds import decimal_problem, integer_problem, text_problem
from techbridge.core.errors import ServiceValidationError
from techbridge.core.languages import LANGUAGE_CODES

AddError = Callable[[str, str], None]

MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 60
MAX_TITLE_LENGTH = 300
MAX_SUMMARY_LENGTH = 1500
# Description, advantages and requirements are unbounded columns; a bound keeps a page, an
# export row and an index document of sane size (about ten pages of text).
MAX_DETAIL_LENGTH = 20_000
MAX_CODE_LENGTH = 40

TEXT_LABELS = {
    "title": gettext_lazy("The title"),
    "summary": gettext_lazy("The summary"),
    "description": gettext_lazy("The description"),
    "advantages": gettext_lazy("The advantages"),
    "requirements": gettext_lazy("The requirements"),
}
SINGLE_LINE_TEXTS = frozenset({"title"})


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
        messages = errors.setdefault(name, [])
        if message not in messages:  # two checks may find the same fault
            messages.append(message)

    _validate_scalar_types(data, add)
    if data.kind not in ListingKind.values:
        add("kind", _("Choose a valid kind of listing."))
    if data.original_language not in LANGUAGE_CODES:
        add("original_language", _("Choose English, Traditional Chinese or Simplified Chinese."))
    _validate_texts(data, add)
    if data.kind == ListingKind.OFFER and data.trl is None:
        add("trl", _("A technology offer needs its technology readiness level."))
    if data.trl is not None and integer_problem(data.trl, minimum=1, maximum=9):
        add("trl", _("The technology readiness level must be between 1 and 9."))
    if data.ip_status not in IPStatus.values:
        add("ip_status", _("Choose a valid IP status."))
    if data.price_terms not in PriceTerms.values:
        add("price_terms", _("Choose valid price terms."))
    if data.currency and data.currency not in Currency.values:
        add("currency", _("Choose HKD, RMB or USD."))
    if data.price_amount is not None:
        _validate_price(data.price_amount, add)
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
    _validate_codes(data, add)
    _validate_ip_rights(data.ip_rights, add)
    if errors:
        raise ServiceValidationError(errors)


def _validate_scalar_types(data: ListingInput, add: AddError) -> None:
    """Choices and integers must at least be of the right type before they are compared."""
    for name in ("kind", "original_language", "ip_status", "price_terms", "currency"):
        if not isinstance(getattr(data, name), str):
            add(name, _("Choose a valid value."))
    for name in ("teaser_tier", "detail_tier"):
        if isinstance(getattr(data, name), bool) or not isinstance(getattr(data, name), int):
            add("detail_tier", _("Choose a valid disclosure tier."))  # one field shows both
    problem = text_problem(
        data.external_ref,
        label=_("The external reference"),
        max_length=Listing._meta.get_field("external_ref").max_length,
    )
    if problem:
        add("external_ref", problem)


def _validate_price(amount: Any, add: AddError) -> None:
    price_field = Listing._meta.get_field("price_amount")
    problem = decimal_problem(
        amount, max_digits=price_field.max_digits, decimal_places=price_field.decimal_places
    )
    if problem:
        add("price_amount", problem)
    elif amount < 0:
        add("price_amount", _("The price cannot be negative."))


def _validate_texts(data: ListingInput, add: AddError) -> None:
    if data.original_language not in data.texts:
        add("texts", _("Write the listing in its original language first."))
    for language, text in data.texts.items():
        if language not in LANGUAGE_CODES:
            add("texts", _("Unknown language code: %(code)s") % {"code": str(language)[:20]})
            continue
        if not _texts_are_safe(language, text, add):
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


def _texts_are_safe(language: str, text: TextInput, add: AddError) -> bool:
    """Every text field is a string without control characters (titles: on one line)."""
    safe = True
    for name, label in TEXT_LABELS.items():
        problem = text_problem(
            getattr(text, name),
            label=str(label),
            multiline=name not in SINGLE_LINE_TEXTS,
            max_length=None if name in ("title", "summary") else MAX_DETAIL_LENGTH,
        )
        if problem:
            add(f"{name}_{language}", problem)
            safe = False
    for name in ("origin", "source_language"):
        if not isinstance(getattr(text, name), str):
            add(f"title_{language}", _("Unknown text origin."))
            safe = False
    return safe


def _validate_keywords(keywords: Sequence[str], add: AddError) -> None:
    if len(keywords) > MAX_KEYWORDS:
        add("keywords", _("Give at most 20 keywords."))
    for keyword in keywords:
        problem = text_problem(keyword, label=_("A keyword"))
        if problem:
            add("keywords", problem)
            break
        if not keyword.strip() or len(keyword) > MAX_KEYWORD_LENGTH:
            add("keywords", _("Each keyword must have 1 to 60 characters."))
            break


def _validate_codes(data: ListingInput, add: AddError) -> None:
    """Area, sector and partnership codes are looked up in the database: they must be short
    single-line strings (PostgreSQL refuses a NUL even in a query parameter)."""
    for name in ("areas", "sectors", "partnership_types"):
        for code in getattr(data, name):
            if text_problem(code, max_length=MAX_CODE_LENGTH):
                add(name, _("Unknown code: %(code)s") % {"code": repr(code)[:MAX_CODE_LENGTH]})
                break


def _validate_ip_rights(rights: Sequence[IPRightInput], add: AddError) -> None:
    """Each right on its own, then one number per territory: the database holds a listing's
    rights unique by territory and number."""
    seen: set[tuple[str, str]] = set()
    for index, right in enumerate(rights, start=1):
        _validate_ip_right(index, right, add)
        if not isinstance(right.number, str) or not isinstance(right.territory, str):
            continue
        key = (right.territory, right.number.strip())
        if key in seen:
            add(
                f"ip_rights_{index}_number",
                _("This number is already listed for this territory."),
            )
        seen.add(key)


def _validate_ip_right(index: int, right: IPRightInput, add: AddError) -> None:
    # Keyed by right and field (ip_rights_1_owners), so that each door can show a problem
    # beside the value it concerns.
    name = f"ip_rights_{index}"
    if right.right_type not in IPRightType.values:
        add(f"{name}_right_type", _("Choose a valid type of IP right."))
    if right.territory not in IPTerritory.values:
        add(f"{name}_territory", _("Choose a valid territory."))
    if right.status not in IPRightStatus.values:
        add(f"{name}_status", _("Choose a valid status of the IP right."))
    number_problem = text_problem(
        right.number,
        label=_("The application or registration number"),
        max_length=IPRight._meta.get_field("number").max_length,
    )
    if number_problem:
        add(f"{name}_number", number_problem)
    elif not right.number.strip():
        add(f"{name}_number", _("The application or registration number is required."))
    if right.filed_on and right.granted_on and right.granted_on < right.filed_on:
        add(f"{name}_granted_on", _("A right cannot be granted before it was filed."))
    owners = f"{name}_owners"
    if not _owners_are_safe(owners, right, add):
        return
    if not right.owners:
        add(owners, _("Name at least one owner of the IP right."))
    elif sum((share for _owner, share in right.owners), Decimal(0)) != Decimal(100):
        add(owners, _("The owners' shares must add up to 100%."))
    if any(share <= 0 for _owner, share in right.owners):
        add(owners, _("Every owner's share must be more than 0%."))
    if any(not owner.strip() for owner, _share in right.owners):
        add(owners, _("Give every owner a name."))
    if len({owner for owner, _share in right.owners}) != len(right.owners):
        add(owners, _("An owner is named twice."))


def _owners_are_safe(name: str, right: IPRightInput, add: AddError) -> bool:
    """Owner names are single-line text and shares finite numbers of the stored shape,
    checked before any arithmetic (comparing a NaN decimal raises)."""
    share_field = IPRightOwner._meta.get_field("share_percent")
    name_length = IPRightOwner._meta.get_field("name").max_length
    for owner, share in right.owners:
        problem = text_problem(owner, label=_("The owner's name"), max_length=name_length)
        if problem:
            add(name, problem)
            return False
        problem = decimal_problem(
            share, max_digits=share_field.max_digits, decimal_places=share_field.decimal_places
        )
        if problem:
            add(name, problem)
            return False
    return True


def ip_rights_as_input(listing: Listing) -> tuple[IPRightInput, ...]:
    """A stored listing's IP rights as service input: a door that does not carry them (an
    older file, an API client that leaves them out) passes these so that an edit keeps them."""
    return tuple(
        IPRightInput(
            right_type=right.right_type,
            number=right.number,
            territory=right.territory,
            status=right.status,
            owners=tuple((owner.name, owner.share_percent) for owner in right.owners.all()),
            filed_on=right.filed_on,
            granted_on=right.granted_on,
        )
        for right in listing.ip_rights.prefetch_related("owners")
    )
