"""Catalogue models: listings, their per-language text, IP rights, taxonomy and events."""

from techbridge.catalogue.models.events import ConfidentialView, ListingEvent
from techbridge.catalogue.models.imports import ListingImportJob
from techbridge.catalogue.models.ip import IPRight, IPRightOwner
from techbridge.catalogue.models.listing import Listing, ListingText
from techbridge.catalogue.models.media import ListingImage, ListingSummary
from techbridge.catalogue.models.taxonomy import PartnershipTypeRef, Sector, TRLLevel

__all__ = [
    "ConfidentialView",
    "IPRight",
    "IPRightOwner",
    "Listing",
    "ListingEvent",
    "ListingImage",
    "ListingImportJob",
    "ListingSummary",
    "ListingText",
    "PartnershipTypeRef",
    "Sector",
    "TRLLevel",
]
