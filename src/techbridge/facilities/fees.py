"""Who a booking's requester is to the instrument, and the fee that applies.

The category follows the usual instrument-sharing practice: the host's own people, other
academics, industry, and partners across the Hong Kong–mainland boundary (often on a
negotiated rate). A cross-boundary booking uses the cross-boundary fee when the instrument
has one, else the academic or industry fee. The fee is quoted in the instrument's local
currency (HKD in Hong Kong, RMB on the mainland) when it has one, else the first listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from techbridge.accounts.choices import OrganisationType, Region
from techbridge.accounts.models import Membership, Organisation
from techbridge.facilities.models import Instrument, UserCategory

ACADEMIC_TYPES = (
    OrganisationType.UNIVERSITY,
    OrganisationType.RESEARCH_INSTITUTE,
    OrganisationType.LABORATORY,
    OrganisationType.GOVERNMENT,
)
MAINLAND = (Region.CHONGQING, Region.MAINLAND_OTHER)


@dataclass(frozen=True)
class BookingTerms:
    organisation: Organisation | None
    category: str
    cross_boundary: bool
    rate: Decimal | None
    currency: str


def crosses_boundary(a: str, b: str) -> bool:
    return (a == Region.HONG_KONG and b in MAINLAND) or (b == Region.HONG_KONG and a in MAINLAND)


def requester_organisation(user: Any, instrument: Instrument) -> Organisation | None:
    """The host organisation if the user belongs to it, else their first organisation."""
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    organisations = [m.organisation for m in memberships.order_by("pk")]
    for organisation in organisations:
        if organisation.pk == instrument.organisation_id:
            return organisation
    return organisations[0] if organisations else None


def booking_terms(user: Any, instrument: Instrument) -> BookingTerms:
    organisation = requester_organisation(user, instrument)
    host_region = instrument.organisation.region
    cross = organisation is not None and crosses_boundary(organisation.region, host_region)
    if organisation is not None and organisation.pk == instrument.organisation_id:
        base = UserCategory.INTERNAL
    elif organisation is not None and organisation.org_type in ACADEMIC_TYPES:
        base = UserCategory.ACADEMIC
    else:
        base = UserCategory.INDUSTRY
    fees = {(f.user_category, f.currency): f.hourly_rate for f in instrument.fees.all()}
    wanted = [UserCategory.CROSS_BOUNDARY, base] if cross else [base]
    local = "HKD" if host_region == Region.HONG_KONG else "CNY"
    for category in wanted:
        in_category = {cur: rate for (cat, cur), rate in fees.items() if cat == category}
        if in_category:
            currency = local if local in in_category else sorted(in_category)[0]
            return BookingTerms(organisation, category, cross, in_category[currency], currency)
    return BookingTerms(organisation, wanted[0], cross, None, "")
