"""Who a booking's requester is to the instrument, and the fee that applies.

The category follows the usual instrument-sharing practice: the host's own people, other
academics, industry, and partners across the Hong Kong–mainland boundary (often on a
negotiated rate). A cross-boundary booking uses the cross-boundary fee when the instrument
has one, else the academic or industry fee. The fee is quoted in the instrument's local
currency (HKD in Hong Kong, RMB on the mainland) when it has one, else the first listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from techbridge.accounts.choices import OrganisationType, Region
from techbridge.accounts.models import Membership, Organisation
from techbridge.facilities.models import Booking, Instrument, UserCategory

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


def hours_between(starts_at: datetime, ends_at: datetime) -> Decimal:
    """The hours from ``starts_at`` to ``ends_at``, to the hundredth (as fees are charged)."""
    seconds = Decimal((ends_at - starts_at).total_seconds())
    return (seconds / 3600).quantize(Decimal("0.01"), ROUND_HALF_UP)


def booking_hours(booking: Booking) -> Decimal:
    """The hours a booking is charged for: those used once recorded, else those booked."""
    if booking.actual_hours is not None:
        return booking.actual_hours
    return hours_between(booking.starts_at, booking.ends_at)


def booking_total(booking: Booking) -> Decimal | None:
    """Hours (``booking_hours``) × the quoted hourly rate, to the cent; None without a rate."""
    if booking.fee_rate is None:
        return None
    return (booking_hours(booking) * booking.fee_rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
