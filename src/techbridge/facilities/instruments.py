"""Listing and editing instruments: the instrument organisation's facility managers and
administrators create an instrument and change its texts, rules and fees.

Fees are replaced as a whole, in the same transaction as the instrument, so an instrument is
never left with half of a new fee table. Fees already quoted to bookings stay on the bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import Membership, Organisation
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.facilities.models import Instrument, InstrumentFee, UserCategory
from techbridge.facilities.services import MANAGER_ROLES

# Instruments charge in the currency of one of the two cities.
FEE_CURRENCIES = ("HKD", "CNY")

MIN_SLOT, MAX_SLOT = 5, 7 * 24 * 60  # as the database constraint on slot_minutes

# What a manager may set; everything else (organisation, listing) is fixed by the page.
EDITABLE_FIELDS = (
    "name_en",
    "name_zh_hant",
    "name_zh_hans",
    "category",
    "manufacturer",
    "model_name",
    "location_en",
    "location_zh_hant",
    "location_zh_hans",
    "capabilities_en",
    "capabilities_zh_hant",
    "capabilities_zh_hans",
    "lead_time_days",
    "slot_minutes",
    "requires_training",
    "requires_approval",
    "results_terms_en",
    "results_terms_zh_hant",
    "results_terms_zh_hans",
    "is_active",
)


@dataclass(frozen=True)
class FeeInput:
    user_category: str
    currency: str
    hourly_rate: Decimal


def managed_organisations(user: Any) -> list[Organisation]:
    """Organisations whose instruments ``user`` manages (facility manager or administrator)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    return [
        m.organisation
        for m in Membership.objects.filter(user=user, role__in=MANAGER_ROLES)
        .select_related("organisation")
        .order_by("organisation__name_en", "organisation_id")
    ]


def can_manage_organisation(user: Any, organisation_id: int) -> bool:
    return any(o.pk == organisation_id for o in managed_organisations(user))


def _check_fees(fees: list[FeeInput]) -> None:
    seen: set[tuple[str, str]] = set()
    for fee in fees:
        if fee.user_category not in UserCategory.values or fee.currency not in FEE_CURRENCIES:
            raise ServiceValidationError({"fees": [_("Choose a user category and a currency.")]})
        if fee.hourly_rate < 0:
            raise ServiceValidationError({"fees": [_("A fee cannot be negative.")]})
        key = (fee.user_category, fee.currency)
        if key in seen:
            raise ServiceValidationError(
                {"fees": [_("Give one fee per user category and currency.")]}
            )
        seen.add(key)


def instrument_save(
    *,
    actor: Any,
    organisation: Organisation,
    data: dict[str, Any],
    fees: list[FeeInput],
    instrument: Instrument | None = None,
) -> Instrument:
    """Create an instrument of ``organisation`` (or change ``instrument``) with its fees."""
    owner_id = instrument.organisation_id if instrument is not None else organisation.pk
    if not can_manage_organisation(actor, owner_id):
        raise PermissionDenied(_("Only the organisation's facility managers list instruments."))
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    _check_fees(fees)
    target = instrument if instrument is not None else Instrument(organisation=organisation)
    for name, value in data.items():
        setattr(target, name, value)
    if not (target.name_en or target.name_zh_hant or target.name_zh_hans):
        raise ServiceValidationError(
            {"name_en": [_("Give the instrument a name in at least one language.")]}
        )
    if not MIN_SLOT <= target.slot_minutes <= MAX_SLOT:
        raise ServiceValidationError(
            {
                "slot_minutes": [
                    _("A slot lasts from %(min)d minutes to %(max)d minutes.")
                    % {"min": MIN_SLOT, "max": MAX_SLOT}
                ]
            }
        )
    try:
        # The database's named constraints stay the guarantee; the checks above say it
        # in words.
        target.full_clean(exclude=["listing"], validate_constraints=False)
    except ValidationError as error:
        raise ServiceValidationError(error.message_dict) from error
    with transaction.atomic():
        target.save()
        target.fees.all().delete()
        InstrumentFee.objects.bulk_create(
            InstrumentFee(
                instrument=target,
                user_category=fee.user_category,
                currency=fee.currency,
                hourly_rate=fee.hourly_rate,
            )
            for fee in fees
        )
    return target
