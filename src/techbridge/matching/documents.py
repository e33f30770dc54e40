"""Turn listings into engine documents: a teaser document and, when there is confidential
text, a detail document at the listing's detail tier."""

from __future__ import annotations

from techbridge.catalogue.choices import DisclosureTier, TextOrigin
from techbridge.catalogue.models import Listing, ListingText
from techbridge.catalogue.search import DETAIL_FIELDS, ENGINE_KIND, TEASER_FIELDS
from techbridge.engine import Document
from techbridge.experts.models import ExpertProfile

DETAIL_SUFFIX = ":detail"
MAX_TIER = max(DisclosureTier.values)


def teaser_id(listing_pk: int) -> str:
    return f"listing:{listing_pk}"


def detail_id(listing_pk: int) -> str:
    return f"listing:{listing_pk}{DETAIL_SUFFIX}"


def listing_pk_of(document_id: str) -> int:
    return int(document_id.removeprefix("listing:").removesuffix(DETAIL_SUFFIX))


def listing_documents(listing: Listing, *, with_facets: bool = True) -> list[Document]:
    """The documents for one listing (expects texts, areas, partnership types prefetched;
    without facets, for describing a hit, only texts are read).

    One version per disclosure level: the teaser version (title, summary, keywords) for
    readers from the teaser tier up to below the detail tier, and the full version (teaser
    and confidential detail) for readers at or above the detail tier. Each version lists its
    ``audience`` (reader tiers), so a search filtered on the reader's tier matches, counts and
    quotes exactly one version per listing, and never confidential text below its tier.

    Machine conversions are left out: the engine folds Traditional to Simplified itself, so
    they would only duplicate the original.
    """
    texts = [text for text in listing.texts.all() if text.origin != TextOrigin.MACHINE]
    facets: dict[str, list[str] | str] = {}
    if with_facets:
        facets = {
            "area": sorted(area.code for area in listing.areas.all()),
            "region": listing.owner.region,
            "ip_status": listing.ip_status,
            "partnership": sorted(p.code for p in listing.partnership_types.all()),
            "org_type": listing.owner.org_type,
        }
        facets = {name: value for name, value in facets.items() if value}

    def version(doc_id: str, fields: dict[str, str], tiers: range) -> Document:
        return Document(
            id=doc_id,
            kind=ENGINE_KIND[listing.kind],
            texts=_fields(texts, fields),
            keywords=tuple(listing.keywords),
            facets={**facets, "audience": [str(tier) for tier in tiers]},
            trl=listing.trl_id,
            tier=tiers.start,
            owner=listing.owner.slug,
        )

    documents = []
    if listing.teaser_tier < listing.detail_tier:
        documents.append(
            version(
                teaser_id(listing.pk),
                TEASER_FIELDS,
                range(listing.teaser_tier, listing.detail_tier),
            )
        )
    documents.append(
        version(
            detail_id(listing.pk),
            {**TEASER_FIELDS, **DETAIL_FIELDS},
            range(listing.detail_tier, MAX_TIER + 1),
        )
    )
    return documents


def _fields(texts: list[ListingText], mapping: dict[str, str]) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for text in texts:
        fields: dict[str, str] = {}
        for source, target in mapping.items():
            value = getattr(text, source)
            if value:
                fields[target] = f"{fields[target]}\n{value}" if target in fields else value
        if fields:
            result[text.language] = fields
    return result


# Expert profiles: one public document per published profile.
EXPERT_KIND = "expert"
EXPERT_PREFIX = "expert:"
EVERY_TIER = [str(tier) for tier in range(MAX_TIER + 1)]


def expert_id(expert_pk: int) -> str:
    return f"{EXPERT_PREFIX}{expert_pk}"


def is_expert_id(document_id: str) -> bool:
    return document_id.startswith(EXPERT_PREFIX)


def expert_pk_of(document_id: str) -> int:
    return int(document_id.removeprefix(EXPERT_PREFIX))


def expert_document(expert: ExpertProfile) -> Document:
    """A published expert profile as one document, readable at every tier: in each language,
    the person's name as title, their position and fields (cooperation areas and sectors) as
    summary. Free keywords are language-neutral. Expects institution, areas and sectors read.
    """
    texts: dict[str, dict[str, str]] = {}
    areas = list(expert.areas.all())
    sectors = list(expert.sectors.all())
    for language in ("en", "zh-hant", "zh-hans"):
        name = _own(expert, "name", language)
        position = _own(expert, "position", language)
        fields = [item.name_in(language) for item in (*areas, *sectors)]
        summary = "\n".join(part for part in (position, "; ".join(f for f in fields if f)) if part)
        entry = {key: value for key, value in (("title", name), ("summary", summary)) if value}
        if entry:
            texts[language] = entry
    institution = expert.institution
    facets: dict[str, list[str] | str] = {
        "area": sorted({area.code for area in areas}),
        "region": institution.region,
        "org_type": institution.org_type,
        "audience": EVERY_TIER,
    }
    return Document(
        id=expert_id(expert.pk),
        kind=EXPERT_KIND,
        texts=texts,
        keywords=tuple(expert.keywords),
        facets={name: value for name, value in facets.items() if value},
        owner=institution.slug,
    )


def _own(expert: ExpertProfile, prefix: str, language: str) -> str:
    """The text the person entered in ``language`` (no conversion: the engine folds the
    Chinese scripts itself)."""
    return str(getattr(expert, f"{prefix}_{language.replace('-', '_')}")).strip()
