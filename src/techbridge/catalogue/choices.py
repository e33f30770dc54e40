"""Closed vocabularies of the catalogue, after the Enterprise Europe Network profile schema.

Stored values are stable English codes; labels are translated. Open vocabularies that
administrators extend (sectors, keywords) live in tables instead.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Technology offer")
    REQUEST = "request", _("Technology request")
    RD_REQUEST = "rd_request", _("R&D partner request")
    EXPERTISE = "expertise", _("Expertise")
    FACILITY = "facility", _("Research facility")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ON_HOLD = "on_hold", _("On hold")
    EXPIRED = "expired", _("Expired")
    ARCHIVED = "archived", _("Archived")


class DisclosureTier(models.IntegerChoices):
    """Who may read a field group. Ordered: a higher tier is more restricted."""

    PUBLIC = 0, _("Public")
    REGISTERED = 1, _("Registered users")
    VERIFIED = 2, _("Verified organisations")
    PARTIES = 3, _("Deal parties under NDA")


class IPStatus(models.TextChoices):
    PATENT_GRANTED = "patent_granted", _("Patents granted")
    PATENT_APPLIED = "patent_applied", _("Patent applied for, not yet granted")
    KNOW_HOW = "know_how", _("Secret know-how")
    COPYRIGHT = "copyright", _("Copyright")
    DESIGN_RIGHTS = "design_rights", _("Design rights")
    TRADEMARK = "trademark", _("Trade marks")
    EXCLUSIVE_RIGHTS = "exclusive_rights", _("Exclusive rights")
    OTHER = "other", _("Other")
    NONE = "none", _("No IP protection")


class IPRightType(models.TextChoices):
    INVENTION_PATENT = "invention_patent", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model")
    DESIGN_PATENT = "design_patent", _("Design patent")
    SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
    COPYRIGHT = "copyright", _("Copyright")
    TRADEMARK = "trademark", _("Trade mark")
    IC_LAYOUT = "ic_layout", _("Integrated circuit layout design")
    PLANT_VARIETY = "plant_variety", _("Plant variety right")


class IPTerritory(models.TextChoices):
    CN = "CN", _("Mainland China")
    HK = "HK", _("Hong Kong")
    MO = "MO", _("Macao")
    TW = "TW", _("Taiwan")
    US = "US", _("United States")
    EP = "EP", _("European Patent")
    JP = "JP", _("Japan")
    KR = "KR", _("Korea")
    PCT = "PCT", _("PCT international application")
    OTHER = "OTHER", _("Other territory")


class IPRightStatus(models.TextChoices):
    FILED = "filed", _("Filed")
    PUBLISHED = "published", _("Published")
    GRANTED = "granted", _("Granted")
    LAPSED = "lapsed", _("Lapsed")
    EXPIRED = "expired", _("Expired")


class PartnershipType(models.TextChoices):
    LICENCE = "licence", _("Licence agreement")
    ASSIGNMENT = "assignment", _("Assignment of rights")
    JOINT_RD = "joint_rd", _("Joint research and development")
    TECHNICAL_SERVICE = "technical_service", _("Technical service or consultancy")
    INVESTMENT = "investment", _("Investment")
    MANUFACTURING = "manufacturing", _("Manufacturing with know-how")


class Currency(models.TextChoices):
    HKD = "HKD", _("Hong Kong dollar (HKD)")
    CNY = "CNY", _("Renminbi (RMB)")
    USD = "USD", _("US dollar (USD)")


class PriceTerms(models.TextChoices):
    NEGOTIABLE = "negotiable", _("Negotiable")
    FIXED = "fixed", _("Fixed price")
    ROYALTY = "royalty", _("Royalty-based")
    FREE = "free", _("Free of charge")
    ON_REQUEST = "on_request", _("On request")


class TextOrigin(models.TextChoices):
    AUTHOR = "author", _("Written by the author")
    HUMAN = "human", _("Human translation")
    MACHINE = "machine", _("Machine conversion")
