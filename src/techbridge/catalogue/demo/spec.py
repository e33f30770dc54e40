"""Plain data shapes for the demo catalogue; the loader turns them into model rows.

Kept free of Django models so that the content can be written and checked on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class DemoText:
    """One language version of a listing's free text. Only the author's language(s)."""

    language: str  # "en", "zh-hant" or "zh-hans"
    title: str
    summary: str
    description: str
    advantages: str = ""
    requirements: str = ""


@dataclass(frozen=True)
class DemoIPRight:
    right_type: str  # catalogue.choices.IPRightType value
    number: str
    territory: str  # catalogue.choices.IPTerritory value
    status: str  # catalogue.choices.IPRightStatus value
    owners: tuple[tuple[str, int], ...]  # (owner name, share in percent); shares sum to 100


@dataclass(frozen=True)
class DemoOrganisation:
    key: str  # stable slug used by listings to refer to their owner
    names: dict[str, str]  # language code -> name, at least the author language
    org_type: str  # accounts.choices.OrganisationType value
    region: str  # accounts.choices.Region value
    size_band: str = ""  # accounts.choices.SizeBand value, enterprises only
    website: str = ""


@dataclass(frozen=True)
class DemoListing:
    external_ref: str  # stable, unique; makes loading idempotent
    kind: str  # catalogue.choices.ListingKind value
    owner_key: str  # DemoOrganisation.key or a reference institution key
    texts: tuple[DemoText, ...]  # first one is the original (author) language
    areas: tuple[str, ...]  # programme area codes
    keywords: tuple[str, ...]
    sectors: tuple[str, ...]  # sector codes
    trl: int | None  # 1..9; None for expertise
    ip_status: str  # catalogue.choices.IPStatus value
    partnership_types: tuple[str, ...]  # catalogue.choices.PartnershipType values
    price_terms: str = "negotiable"
    price_amount: Decimal | None = None
    currency: str = ""  # "HKD", "CNY", "USD" or ""
    anonymous: bool = False
    ip_rights: tuple[DemoIPRight, ...] = field(default_factory=tuple)
    # Position that picks the listing's lifecycle state and publication date when loaded
    # (``loader._advance``); None means its place in the catalogue. Listings added later name
    # one, so that adding them moves no other listing to another state.
    slot: int | None = None
