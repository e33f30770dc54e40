"""Which listing fields feed the search index, in which disclosure group.

The one declarative place for the catalogue's search (after NetBox's ``search.py``): the
adapter in ``techbridge.matching`` reads it; field weights themselves live in the engine
(title > keywords > summary > body).
"""

from __future__ import annotations

from techbridge.catalogue.choices import ListingKind, ListingStatus

# Listing text field → engine field. Teaser fields go into the teaser document, readable at
# the listing's teaser tier; detail fields into a separate detail document at its detail tier,
# so a reader below that tier can neither match on nor see a snippet of confidential text.
TEASER_FIELDS: dict[str, str] = {"title": "title", "summary": "summary"}
DETAIL_FIELDS: dict[str, str] = {
    "description": "body",
    "advantages": "body",
    "requirements": "body",
}

# Catalogue kinds → engine kinds.
ENGINE_KIND: dict[str, str] = {
    ListingKind.OFFER: "offer",
    ListingKind.REQUEST: "request",
    ListingKind.RD_REQUEST: "partner",
    ListingKind.EXPERTISE: "expertise",
    ListingKind.FACILITY: "facility",
}
CATALOGUE_KIND: dict[str, str] = {engine: kind for kind, engine in ENGINE_KIND.items()}

# Only these statuses are searchable; any other status removes a listing from the index.
SEARCHABLE_STATUSES = frozenset({ListingStatus.PUBLISHED})
