"""The demo catalogue: fictional organisations and listings of both cities.

Everything here is deterministic, so that loading twice gives the same rows. Listings are
composed from hand-written technology topics (see ``topics_*`` modules) and facilities.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from . import (
    facilities_cq,
    facilities_hk,
    topics_care,
    topics_digital,
    topics_energy,
    topics_health,
    topics_manufacturing,
    topics_people,
    topics_services,
    topics_trade,
    topics_transport,
)
from .compose import topic_listings
from .facilities_base import Facility, facility_listings
from .organisations import ORGANISATIONS
from .spec import DemoListing, DemoOrganisation
from .topics_base import Topic

TOPICS: tuple[Topic, ...] = (
    *topics_health.TOPICS,
    *topics_care.TOPICS,
    *topics_digital.TOPICS,
    *topics_services.TOPICS,
    *topics_people.TOPICS,
    *topics_energy.TOPICS,
    *topics_manufacturing.TOPICS,
    *topics_trade.TOPICS,
    *topics_transport.TOPICS,
)

# Topics written after the catalogue's references were first published (see demo_listings).
ADDED_TOPICS: tuple[Topic, ...] = (*topics_health.ADDED_TOPICS,)

FACILITIES: tuple[Facility, ...] = (*facilities_hk.FACILITIES, *facilities_cq.FACILITIES)


def demo_organisations() -> tuple[DemoOrganisation, ...]:
    """Fictional enterprises, intermediaries and laboratories; real institutions come from
    ``techbridge.accounts.reference_data``."""
    return ORGANISATIONS


@cache
def demo_listings() -> tuple[DemoListing, ...]:
    """All demo listings, in a stable order with stable external references."""
    counters: dict[str, int] = {}
    listings = topic_listings(TOPICS, counters)
    topic_slots = len(listings)
    listings.extend(facility_listings(FACILITIES))
    # Topics added later come last and continue the topics' numbering and lifecycle slots, so
    # that every listing published before keeps its reference, state and date.
    added = topic_listings(ADDED_TOPICS, counters, first=len(TOPICS))
    listings.extend(replace(listing, slot=topic_slots + n) for n, listing in enumerate(added))
    return tuple(listings)
