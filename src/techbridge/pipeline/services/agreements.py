"""Recording the signed agreement (type per the crosswalk, scope, value, registration), its
technology-contract registration number (usually known only after signing), and its post-deal
obligations, which either party adds and marks done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.pipeline.choices import DealType, LicenceExclusivity, registration_applies
from techbridge.pipeline.models import Agreement, Deal, Obligation
from techbridge.pipeline.models.deal import MAINLAND_REGIONS
from techbridge.pipeline.notifications import deal_notify
from techbridge.pipeline.roles import deal_role
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.services.deals import idempotent, locked
from techbridge.pipeline.transitions import Role


@dataclass(frozen=True)
class AgreementInput:
    deal_type: str
    signed_on: date
    exclusivity: str = ""
    field_of_use: str = ""
    territory: str = ""
    ends_on: date | None = None
    value: Decimal | None = None
    currency: str = ""
    registration_number: str = ""


def _validate(data: AgreementInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.deal_type not in DealType.values:
        errors["deal_type"] = [_("Choose a deal type.")]
    if data.exclusivity and data.deal_type != DealType.LICENCE:
        errors["exclusivity"] = [_("Exclusivity applies to licences only.")]
    if data.deal_type == DealType.LICENCE and data.exclusivity not in LicenceExclusivity.values:
        errors["exclusivity"] = [_("Say whether the licence is exclusive, sole or non-exclusive.")]
    if data.ends_on and data.ends_on < data.signed_on:
        errors["ends_on"] = [_("The agreement cannot end before it is signed.")]
    if data.signed_on > timezone.localdate():
        errors["signed_on"] = [_("The signing date cannot be in the future.")]
    if data.value is not None and (data.value < 0 or not data.currency):
        errors["value"] = [_("Give a value of zero or more, with its currency.")]
    if errors:
        raise ServiceValidationError(errors)


def agreement_record(
    *, actor: Any, deal: Deal, data: AgreementInput, idempotency_key: str | None = None
) -> Agreement:
    """The owner records the agreement during negotiation (or corrects it before signing)."""
    _validate(data)
    return idempotent(
        actor,
        idempotency_key,
        lambda: _agreement_write(actor, deal, data),
        model=Agreement,
        operation="agreement",
        deal=deal,
        content=data,
    )


def _agreement_write(actor: Any, deal: Deal, data: AgreementInput) -> Agreement:
    with transaction.atomic():
        current = locked(deal)
        if deal_role(actor, current) != Role.OWNER:
            raise PermissionDenied(_("The listing's owner records the agreement."))
        if current.stage != "negotiation":
            raise ServiceValidationError(_("The agreement is recorded during negotiation."))
        mainland_party = (
            current.provider_region in MAINLAND_REGIONS
            or current.recipient_region in MAINLAND_REGIONS
        )
        fields = {
            "deal_type": data.deal_type,
            "exclusivity": data.exclusivity,
            "field_of_use": data.field_of_use.strip()[:300],
            "territory": data.territory.strip()[:200],
            "signed_on": data.signed_on,
            "ends_on": data.ends_on,
            "value": data.value,
            "currency": data.currency if data.value is not None else "",
            "registration_required": registration_applies(data.deal_type, mainland_party),
            "registration_number": data.registration_number.strip()[:80],
        }
        agreement, created = Agreement.objects.update_or_create(
            deal=current, defaults={**fields, "recorded_by": actor}
        )
        event_append(
            current,
            actor=actor,
            organisation_id=current.owner_id,
            verb="agreement_recorded" if created else "agreement_corrected",
            after={k: str(v) if v is not None else None for k, v in fields.items()},
        )
        if created:
            deal_notify(
                current, "agreement_recorded", actor=actor, organisation_id=current.owner_id
            )
        return agreement


# After signing the registration number may still be recorded, and obligations marked done.
AFTER_SIGNING = ("signed", "obligations")


def _party_organisation(actor: Any, deal: Deal) -> int:
    role = deal_role(actor, deal)
    if role == Role.OTHER:
        raise PermissionDenied(_("Only the parties to a deal act on it."))
    return deal.owner_id if role == Role.OWNER else deal.counterparty_id


def agreement_registration_record(
    *, actor: Any, deal: Deal, registration_number: str, idempotency_key: str | None = None
) -> Agreement:
    """Either party records (or corrects) the technology-contract registration number
    (技术合同认定登记) once the agreement is signed: the registration office issues it after
    signing. Allowed while the deal runs and after it closed as won."""
    number = registration_number.strip()[:80]
    if not number:
        raise ServiceValidationError({"registration_number": [_("Give the registration number.")]})

    def write() -> Agreement:
        with transaction.atomic():
            current = locked(deal)
            organisation_id = _party_organisation(actor, current)
            agreement = Agreement.objects.select_for_update().filter(deal=current).first()
            signed = current.stage in AFTER_SIGNING or (
                current.stage == "closed" and current.outcome == "won"
            )
            if agreement is None or not signed:
                raise ServiceValidationError(
                    _("The registration number is recorded once the agreement is signed.")
                )
            if not agreement.registration_required:
                raise ServiceValidationError(
                    _("Technology-contract registration does not apply to this agreement.")
                )
            before = agreement.registration_number
            agreement.registration_number = number
            agreement.save(update_fields=["registration_number"])
            event_append(
                current,
                actor=actor,
                organisation_id=organisation_id,
                verb="registration_recorded",
                before={"registration_number": before},
                after={"registration_number": number},
            )
            return agreement

    return idempotent(
        actor,
        idempotency_key,
        write,
        model=Agreement,
        operation="registration",
        deal=deal,
        content=number,
    )


def obligation_add(
    *,
    actor: Any,
    deal: Deal,
    description: str,
    due_on: date,
    remind_days_before: int = 7,
    idempotency_key: str | None = None,
) -> Obligation:
    if not description.strip():
        raise ServiceValidationError({"description": [_("Say what is owed.")]})
    return idempotent(
        actor,
        idempotency_key,
        lambda: _obligation_write(actor, deal, description, due_on, remind_days_before),
        model=Obligation,
        operation="obligation",
        deal=deal,
        content={"description": description, "due_on": due_on, "remind": remind_days_before},
    )


def _obligation_write(
    actor: Any, deal: Deal, description: str, due_on: date, remind_days_before: int
) -> Obligation:
    with transaction.atomic():
        current = locked(deal)
        role = deal_role(actor, current)
        if role == Role.OTHER:
            raise PermissionDenied(_("Only the parties to a deal act on it."))
        agreement = Agreement.objects.filter(deal=current).first()
        if agreement is None or current.stage not in ("negotiation", "signed", "obligations"):
            raise ServiceValidationError(_("Record the agreement before its obligations."))
        obligation = Obligation.objects.create(
            agreement=agreement,
            description=description.strip()[:300],
            due_on=due_on,
            remind_days_before=max(0, min(remind_days_before, 365)),
        )
        event_append(
            current,
            actor=actor,
            organisation_id=current.owner_id if role == Role.OWNER else current.counterparty_id,
            verb="obligation_added",
            after={"obligation": obligation.pk, "due_on": due_on.isoformat()},
        )
        return obligation


def obligation_mark_done(
    *, actor: Any, deal: Deal, obligation: Obligation, idempotency_key: str | None = None
) -> Obligation:
    """Either party marks a post-deal obligation done; no reminder is sent for it after."""

    def write() -> Obligation:
        with transaction.atomic():
            current = locked(deal)
            organisation_id = _party_organisation(actor, current)
            done = (
                Obligation.objects.select_for_update()
                .filter(pk=obligation.pk, agreement__deal=current)
                .first()
            )
            if done is None:
                raise ServiceValidationError(_("Choose an obligation of this deal."))
            if current.stage not in AFTER_SIGNING:
                raise ServiceValidationError(
                    _("Obligations are marked done after signing, while the deal is open.")
                )
            if done.done_at is not None:
                raise ServiceValidationError(_("This obligation is already marked done."))
            done.done_at = timezone.now()
            done.save(update_fields=["done_at"])
            event_append(
                current,
                actor=actor,
                organisation_id=organisation_id,
                verb="obligation_done",
                after={"obligation": done.pk, "due_on": done.due_on.isoformat()},
            )
            return done

    return idempotent(
        actor,
        idempotency_key,
        write,
        model=Obligation,
        operation=f"obligation_done:{obligation.pk}",
        deal=deal,
    )
