"""Opening a deal and moving it through the pipeline.

Every write runs in one transaction with the deal's row locked (``select_for_update`` on
PostgreSQL; SQLite's write transactions are IMMEDIATE, which serialises them), reads the
stage again under the lock, asks the pure transition table, and appends exactly one audit
event per change. Two parties acting at the same moment therefore see each other's result:
the second is refused cleanly if its event no longer applies.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import Membership, Organisation
from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES, reader_tier
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.pipeline.choices import ExportClassification, StageChoice
from techbridge.pipeline.models import (
    NDA,
    Agreement,
    Deal,
    DealMessage,
    IdempotencyKey,
    NDATemplate,
    Obligation,
)
from techbridge.pipeline.reference_nda import default_law
from techbridge.pipeline.roles import PROVIDED_BY_OWNER, deal_role, holder_role
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.transitions import (
    DealFacts,
    Event,
    Guard,
    Role,
    Stage,
    TransitionRefused,
    next_stage,
)

M = TypeVar("M", bound=models.Model)


def refusal_message(reason: str) -> str:
    messages = {
        "stage": _("This step is not possible at the deal's current stage."),
        "role": _("Your side of the deal cannot take this step."),
        Guard.EXPORT_CLASSIFIED.value: _(
            "The party holding the technology must first record its mainland "
            "technology-export classification."
        ),
        Guard.EXPORT_NOT_PROHIBITED.value: _(
            "This technology is prohibited from export; the deal cannot go further."
        ),
        Guard.NDA_IN_FORCE.value: _("The NDA is not yet in force."),
        Guard.EXPORT_LICENCE_IF_RESTRICTED.value: _(
            "Export of this technology is restricted: record the export licence before "
            "substantive negotiation."
        ),
        Guard.AGREEMENT_RECORDED.value: _("Record the signed agreement first."),
        Guard.HAS_OBLIGATIONS.value: _("Add at least one obligation to the agreement first."),
    }
    return messages.get(reason, reason)


class IdempotencyKeyReused(ServiceValidationError):
    """A key already used for another request: another operation, another deal, or the same
    operation with other content."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This idempotency key was already used for a different request; send a new "
                "key for a new request."
            )
        )


def _deal_id_of(result: models.Model) -> int | None:
    if isinstance(result, Deal):
        return int(result.pk)
    if isinstance(result, Obligation):
        return int(result.agreement.deal_id)
    deal_id = getattr(result, "deal_id", None)
    return int(deal_id) if deal_id is not None else None


def idempotent(
    actor: Any,
    key: str | None,
    write: Callable[[], M],
    *,
    model: type[M],
    operation: str,
    deal: Deal | None = None,
    content: object = None,
) -> M:
    """Run ``write`` once per (actor, key); a repeat of the same request returns the first
    result again (the ``model`` row it produced) and changes nothing.

    A key names one request: the same ``operation`` (a step names its event, an interest its
    listing and organisation) on the same ``deal`` with the same ``content`` (what the
    request says: a message's text, an agreement's terms; compared by a digest). Used again
    for anything else, it is refused with :class:`IdempotencyKeyReused` rather than answered
    with the first result, which would look like success while nothing was done.

    The key row is inserted in the same transaction as the write, so a crash or a refusal
    loses both, and a concurrent repeat waits on the unique index and then replays.
    """
    if not key:
        return write()
    key = key[:100]
    fingerprint = _content_digest(content)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=actor,
                    key=key,
                    operation=operation[:60],
                    deal=deal,
                    fingerprint=fingerprint,
                )
        except IntegrityError:
            record = IdempotencyKey.objects.get(user=actor, key=key)
            return _replay(record, model, operation, deal, fingerprint)
        result = write()
        record.result_type = result._meta.label_lower
        record.result_id = result.pk
        record.deal_id = deal.pk if deal is not None else _deal_id_of(result)
        record.save(update_fields=["result_type", "result_id", "deal"])
        return result


def _content_digest(content: object) -> str:
    """A stable digest of what a request says (dataclasses, dates and decimals included)."""
    if dataclasses.is_dataclass(content) and not isinstance(content, type):
        content = dataclasses.asdict(content)
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _replay(
    record: IdempotencyKey, model: type[M], operation: str, deal: Deal | None, fingerprint: str
) -> M:
    if record.result_type != model._meta.label_lower or record.result_id is None:
        raise IdempotencyKeyReused
    if record.operation and record.operation != operation[:60]:
        raise IdempotencyKeyReused
    # Keys recorded before requests were fingerprinted replay on operation and deal alone.
    if record.fingerprint and record.fingerprint != fingerprint:
        raise IdempotencyKeyReused
    result = model._default_manager.filter(pk=record.result_id).first()
    if result is None:
        raise IdempotencyKeyReused
    # Keys recorded before operations were named are checked by their result's deal.
    recorded_deal = record.deal_id if record.operation else _deal_id_of(result)
    if deal is not None and recorded_deal != deal.pk:
        raise IdempotencyKeyReused
    return result


def locked(deal: Deal) -> Deal:
    return Deal.objects.select_for_update().select_related("listing").get(pk=deal.pk)


def deal_facts(deal: Deal) -> DealFacts:
    nda = NDA.objects.filter(deal=deal).first()
    agreement = Agreement.objects.filter(deal=deal).first()
    return DealFacts(
        checkpoint_applies=deal.checkpoint_applies,
        export_classification=deal.export_classification,
        export_licence=bool(deal.export_licence_ref),
        nda_in_force=bool(nda and nda.in_force_at),
        agreement_recorded=agreement is not None,
        obligations=agreement.obligations.count() if agreement else 0,
    )


def _acting_membership(actor: Any, organisation: Organisation) -> None:
    if not Membership.objects.filter(
        user=actor, organisation=organisation, role__in=EDITOR_ROLES
    ).exists():
        raise PermissionDenied(_("You can act only for an organisation you belong to."))


def deal_express_interest(
    *,
    actor: Any,
    listing: Listing,
    organisation: Organisation,
    message: str = "",
    idempotency_key: str | None = None,
) -> Deal:
    """Open a deal: ``organisation`` is interested in ``listing``."""
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Log in to express interest."))
    _acting_membership(actor, organisation)
    if listing.status != ListingStatus.PUBLISHED or listing.teaser_tier > reader_tier(actor):
        raise PermissionDenied(_("This listing is not open for expressions of interest."))
    if listing.owner_id == organisation.pk:
        raise ServiceValidationError(_("Your organisation owns this listing."))
    owner = listing.owner
    by_owner = listing.kind in PROVIDED_BY_OWNER
    provider, recipient = (owner, organisation) if by_owner else (organisation, owner)

    def write() -> Deal:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    deal = Deal.objects.create(
                        listing=listing,
                        owner=owner,
                        counterparty=organisation,
                        initiated_by=actor,
                        provider_region=provider.region,
                        recipient_region=recipient.region,
                    )
            except IntegrityError:
                raise ServiceValidationError(
                    _("Your organisation already has an open deal on this listing.")
                ) from None
            event_append(
                deal,
                actor=actor,
                organisation_id=organisation.pk,
                verb="interest_expressed",
                after={"stage": Stage.INTEREST.value, "listing": listing.reference},
            )
            if message.strip():
                _message_append(deal, actor, organisation.pk, message.strip())
            from techbridge.pipeline.notifications import interest_notify_owner

            interest_notify_owner(deal, actor, message.strip())
            return deal

    return idempotent(
        actor,
        idempotency_key,
        write,
        model=Deal,
        operation=f"interest:{listing.pk}:{organisation.pk}",
        content=message,
    )


def _message_append(
    deal: Deal, actor: Any, organisation_id: int, body: str, parent: DealMessage | None = None
) -> DealMessage:
    posted = DealMessage.objects.create(
        deal=deal, author=actor, organisation_id=organisation_id, body=body, parent=parent
    )
    event_append(
        deal,
        actor=actor,
        organisation_id=organisation_id,
        verb="message_posted",
        after={"message": posted.pk, "reply_to": parent.pk if parent else None},
    )
    return posted


def _transition(
    deal: Deal, event: Event, role: Role, actor: Any, organisation_id: int | None
) -> Deal:
    """Apply one transition to a deal already locked by the caller."""
    try:
        transition = next_stage(Stage(deal.stage), event, role, deal_facts(deal))
    except TransitionRefused as refused:
        raise ServiceValidationError(refusal_message(refused.reason)) from None
    before = {"stage": deal.stage, "outcome": deal.outcome}
    now = timezone.now()
    deal.stage, deal.outcome = transition.target.value, transition.outcome.value
    deal.stage_entered_at = now
    if transition.target == Stage.CLOSED:
        deal.closed_at = now
    if event == Event.ACCEPT and deal.owner_disclosed_at is None:
        deal.owner_disclosed_at = now  # accepting the interest is agreeing to be known
    deal.save(
        update_fields=[
            "stage",
            "outcome",
            "stage_entered_at",
            "closed_at",
            "owner_disclosed_at",
            "updated_at",
        ]
    )
    event_append(
        deal,
        actor=actor,
        organisation_id=organisation_id,
        verb=event.value,
        before=before,
        after={"stage": deal.stage, "outcome": deal.outcome},
    )
    if transition.target == Stage.NDA and not NDA.objects.filter(deal=deal).exists():
        _nda_start_standard(deal, actor, organisation_id)
    if role != Role.SYSTEM:  # the NDA coming into force is told by nda_confirm
        from techbridge.pipeline.notifications import deal_notify

        deal_notify(
            deal,
            "deal_stage_moved",
            actor=actor,
            organisation_id=organisation_id,
            params={"step": event.value},
        )
    return deal


def _nda_start_standard(deal: Deal, actor: Any, organisation_id: int | None) -> None:
    template = NDATemplate.objects.order_by("-version").first()
    if template is None:
        raise ServiceValidationError(_("No standard NDA is available; ask the platform team."))
    law = default_law(deal.owner.region) if template.clauses else ""
    NDA.objects.create(deal=deal, kind="standard", template=template, governing_law=law)
    event_append(
        deal,
        actor=actor,
        organisation_id=organisation_id,
        verb="nda_proposed",
        after={"kind": "standard", "version": template.version, "law": law},
    )


def deal_advance(*, actor: Any, deal: Deal, event: str, idempotency_key: str | None = None) -> Deal:
    """Fire ``event`` on ``deal`` as ``actor``; refused events change nothing."""
    try:
        parsed = Event(event)
    except ValueError:
        raise ServiceValidationError(_("Unknown step.")) from None
    if parsed == Event.NDA_IN_FORCE:
        raise PermissionDenied(_("The NDA comes into force when both parties confirm it."))

    def write() -> Deal:
        with transaction.atomic():
            current = locked(deal)
            role = deal_role(actor, current)
            if role == Role.OTHER:
                raise PermissionDenied(_("Only the parties to a deal act on it."))
            organisation_id = current.owner_id if role == Role.OWNER else current.counterparty_id
            return _transition(current, parsed, role, actor, organisation_id)

    return idempotent(
        actor, idempotency_key, write, model=Deal, operation=f"advance:{parsed.value}", deal=deal
    )


def deal_export_classify(
    *,
    actor: Any,
    deal: Deal,
    classification: str,
    licence_ref: str = "",
    idempotency_key: str | None = None,
) -> Deal:
    """The party holding the technology (the owner of an offer, the interested organisation
    answering a need) records the mainland export classification (before the NDA) and, for
    restricted technology, the export licence (before substantive negotiation)."""
    if classification not in ExportClassification.values:
        raise ServiceValidationError({"classification": [_("Choose a classification.")]})
    return idempotent(
        actor,
        idempotency_key,
        lambda: _export_classify(actor, deal, classification, licence_ref),
        model=Deal,
        operation=f"export:{classification}",
        deal=deal,
        content=licence_ref,
    )


def _export_classify(actor: Any, deal: Deal, classification: str, licence_ref: str) -> Deal:
    with transaction.atomic():
        current = locked(deal)
        role = deal_role(actor, current)
        if role == Role.OTHER or role != holder_role(current):
            raise PermissionDenied(
                _("Only the party holding the technology records its export status.")
            )
        if not current.checkpoint_applies:
            raise ServiceValidationError(_("The export checkpoint does not apply to this deal."))
        if current.stage not in (
            StageChoice.INTEREST,
            StageChoice.SCREENING,
            StageChoice.NDA,
            StageChoice.DUE_DILIGENCE,
        ):
            raise ServiceValidationError(_("The export status can no longer be changed."))
        before = {
            "classification": current.export_classification,
            "licence": current.export_licence_ref,
        }
        current.export_classification = classification
        current.export_licence_ref = licence_ref.strip()[:80]
        current.save(update_fields=["export_classification", "export_licence_ref", "updated_at"])
        event_append(
            current,
            actor=actor,
            organisation_id=current.owner_id if role == Role.OWNER else current.counterparty_id,
            verb="export_classified",
            before=before,
            after={"classification": classification, "licence": current.export_licence_ref},
        )
        return current
