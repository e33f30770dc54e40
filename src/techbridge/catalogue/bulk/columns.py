"""The documented field mapping between files and listings.

Our own column names are the canonical ones (what an export writes). Enterprise Europe
Network (EEN) partnering-profile headings are accepted as aliases, so a profile exported from
the EEN database imports with its English texts; its "stage of development" is mapped to the
lowest TRL of that stage through the crosswalk.
"""

from __future__ import annotations

from techbridge.catalogue.reference_trl import TRL_LEVELS

LANGUAGES = ("en", "zh-hant", "zh-hans")
TEXT_FIELDS = ("title", "summary", "description", "advantages", "requirements")
LIST_SEPARATOR = ";"

# Canonical columns, in export order.
COLUMNS: tuple[str, ...] = (
    "external_ref",
    "reference",
    "kind",
    "owner",
    "original_language",
    *(f"{field}_{language}" for language in LANGUAGES for field in TEXT_FIELDS),
    "keywords",
    "areas",
    "partnership_types",
    "trl",
    "ip_status",
    "ip_rights",  # one right per line, in the text form of catalogue.ip_text
    "price_terms",
    "price_amount",
    "currency",
    "is_anonymous",
    "teaser_tier",
    "detail_tier",
)
IP_RIGHTS_COLUMN = "ip_rights"
# Without these a file cannot say what it lists and for whom (checked after EEN aliases).
REQUIRED_COLUMNS = ("external_ref", "kind", "owner")
# IP rights are disclosed with the confidential detail, as on the listing's page.
DETAIL_COLUMNS = frozenset(
    {
        *(
            f"{field}_{language}"
            for language in LANGUAGES
            for field in ("description", "advantages", "requirements")
        ),
        "ip_rights",
    }
)

# EEN profile heading (lower-cased) → our column.
EEN_ALIASES: dict[str, str] = {
    "profile reference": "external_ref",
    "reference number": "external_ref",
    "profile type": "kind",
    "title": "title_en",
    "summary": "summary_en",
    "description": "description_en",
    "advantages and innovations": "advantages_en",
    "partner sought": "requirements_en",
    "type and role of partner sought": "requirements_en",
    "keywords - technologies": "keywords",
    "stage of development": "trl",
    "ipr status": "ip_status",
    "type of partnership considered": "partnership_types",
}
EEN_KINDS = {
    "technology offer": "offer",
    "technology request": "request",
    "r&d request": "rd_request",
    "research and development request": "rd_request",
}
EEN_STAGE_TO_TRL: dict[str, int] = {}
for level, *_names, een_stage, _maturity in TRL_LEVELS:
    EEN_STAGE_TO_TRL.setdefault(een_stage, level)
EEN_STAGE_LABELS = {
    "concept stage": "concept",
    "under development/lab tested": "lab_tested",
    "under development / lab tested": "lab_tested",
    "prototype available for demonstration": "prototype",
    "field tested/evaluated": "field_tested",
    "field tested / evaluated": "field_tested",
    "available for demonstration": "demonstration",
    "already on the market": "on_market",
}
EEN_IP = {
    "patents granted": "patent_granted",
    "patent(s) applied for but not yet granted": "patent_applied",
    "patent applied for, not yet granted": "patent_applied",
    "secret know-how": "know_how",
    "copyright": "copyright",
    "design rights": "design_rights",
    "trade marks": "trademark",
    "exclusive rights": "exclusive_rights",
    "other": "other",
    "no ipr applied": "none",
}
EEN_PARTNERSHIP = {
    "license agreement": "licence",
    "licence agreement": "licence",
    "commercial agreement with technical assistance": "technical_service",
    "technical cooperation agreement": "technical_service",
    "research cooperation agreement": "joint_rd",
    "joint venture agreement": "investment",
    "financial agreement": "investment",
    "manufacturing agreement": "manufacturing",
}


def canonical(heading: str) -> str:
    """Our column for a file heading (canonical names pass through)."""
    name = heading.strip()
    return EEN_ALIASES.get(name.lower(), name)
