"""The deal's NDA: the standard text confirmed by both parties, or an uploaded signed PDF
confirmed by the other party. When both sides have confirmed, the NDA is in force, the deal
moves to due diligence, and the listing's confidential detail is released to the
interested organisation (a "disclosed" event records it)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.pipeline.choices import DocumentPurpose, GoverningLaw, NDAKind, StageChoice
from techbridge.pipeline.models import NDA, Deal, DealDocument
from techbridge.pipeline.notifications import deal_notify
from techbridge.pipeline.roles import deal_role
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.services.deals import _transition, idempotent, locked
from techbridge.pipeline.transitions import Event, Role


def _open_nda(actor: Any, deal: Deal) -> tuple[Deal, NDA, Role]:
    current = locked(deal)
    role = deal_role(actor, current)
    if role == Role.OTHER:
        raise PermissionDenied(_("Only the parties to a deal act on it."))
    if current.stage != StageChoice.NDA:
        raise ServiceValidationError(_("The deal is not at the NDA stage."))
    nda = NDA.objects.select_for_update().get(deal=current)
    return current, nda, role


def nda_confirm(*, actor: Any, deal: Deal, idempotency_key: str | None = None) -> NDA:
    """Confirm the NDA for the actor's side; the second confirmation puts it in force. The
    same idempotency key again (a double click) returns the NDA and changes nothing."""
    return idempotent(
        actor,
        idempotency_key,
        lambda: _confirm(actor, deal),
        model=NDA,
        operation="nda_confirm",
        deal=deal,
    )


def _confirm(actor: Any, deal: Deal) -> NDA:
    with transaction.atomic():
        current, nda, role = _open_nda(actor, deal)
        now = timezone.now()
        organisation_id = current.owner_id if role == Role.OWNER else current.counterparty_id
        if role == Role.OWNER:
            if nda.owner_confirmed_at:
                raise ServiceValidationError(_("Your side has already confirmed the NDA."))
            nda.owner_confirmed_by, nda.owner_confirmed_at = actor, now
        else:
            if nda.counterparty_confirmed_at:
                raise ServiceValidationError(_("Your side has already confirmed the NDA."))
            nda.counterparty_confirmed_by, nda.counterparty_confirmed_at = actor, now
        version = nda.template.version if nda.template else None
        # What was confirmed, exactly: the version, the law chosen and the text's hash.
        agreed = {"law": nda.governing_law, "sha256": nda.fingerprint()} if version else {}
        event_append(
            current,
            actor=actor,
            organisation_id=organisation_id,
            verb="nda_confirmed",
            after={"side": role.value, "kind": nda.kind, "version": version, **agreed},
        )
        if nda.owner_confirmed_at and nda.counterparty_confirmed_at:
            nda.in_force_at = now
        nda.save()
        if nda.in_force_at and nda.kind == NDAKind.STANDARD:
            # Rendering takes a second or two: the worker stores the PDF after the commit.
            from techbridge.pipeline.tasks import nda_pdf_store_task

            nda_pdf_store_task.enqueue(nda.pk)
        if nda.in_force_at:
            _transition(current, Event.NDA_IN_FORCE, Role.SYSTEM, None, None)
            event_append(
                current,
                actor=None,
                organisation_id=current.owner_id,
                verb="disclosed",
                after={
                    "listing": current.listing.reference,
                    "to": current.counterparty_id,
                    "fields": ["description", "advantages", "requirements", "ip_rights"],
                },
            )
            deal_notify(
                current,
                "nda_in_force",
                actor=actor,
                organisation_id=organisation_id,
                sides=(Role.OWNER, Role.COUNTERPARTY),
            )
        else:
            deal_notify(current, "nda_confirmed", actor=actor, organisation_id=organisation_id)
        return nda


def nda_use_uploaded(
    *, actor: Any, deal: Deal, document: DealDocument, idempotency_key: str | None = None
) -> NDA:
    """Replace the NDA's text by a signed PDF; the uploader's side counts as confirmed and
    the other side confirms it. The same idempotency key again returns the NDA and changes
    nothing (a second upload event would also clear the other side's confirmation)."""
    return idempotent(
        actor,
        idempotency_key,
        lambda: _use_uploaded(actor, deal, document),
        model=NDA,
        operation=f"nda_upload:{document.pk}",
        deal=deal,
    )


def _use_uploaded(actor: Any, deal: Deal, document: DealDocument) -> NDA:
    with transaction.atomic():
        current, nda, role = _open_nda(actor, deal)
        if document.deal_id != current.pk or document.content_type != "application/pdf":
            raise ServiceValidationError(_("Choose a PDF document of this deal."))
        now = timezone.now()
        nda.kind, nda.document, nda.template = NDAKind.UPLOADED, document, None
        nda.owner_confirmed_by = actor if role == Role.OWNER else None
        nda.owner_confirmed_at = now if role == Role.OWNER else None
        nda.counterparty_confirmed_by = actor if role == Role.COUNTERPARTY else None
        nda.counterparty_confirmed_at = now if role == Role.COUNTERPARTY else None
        nda.save()
        DealDocument.objects.filter(pk=document.pk).update(purpose=DocumentPurpose.NDA)
        organisation_id = current.owner_id if role == Role.OWNER else current.counterparty_id
        event_append(
            current,
            actor=actor,
            organisation_id=organisation_id,
            verb="nda_uploaded",
            after={"document": document.pk, "sha256": document.sha256, "side": role.value},
        )
        deal_notify(current, "nda_proposed", actor=actor, organisation_id=organisation_id)
        return nda


def nda_choose_law(*, actor: Any, deal: Deal, law: str, idempotency_key: str | None = None) -> NDA:
    """Change the standard NDA's governing law and forum. Either party may, until both have
    confirmed; a change clears both confirmations, since each confirmed another text."""
    if law not in GoverningLaw.values:
        raise ServiceValidationError({"law": [_("Choose a governing law and forum.")]})
    return idempotent(
        actor,
        idempotency_key,
        lambda: _choose_law(actor, deal, law),
        model=NDA,
        operation=f"nda_law:{law}",
        deal=deal,
    )


def _choose_law(actor: Any, deal: Deal, law: str) -> NDA:
    with transaction.atomic():
        current, nda, role = _open_nda(actor, deal)
        if nda.kind != NDAKind.STANDARD or not (nda.template and nda.template.clauses):
            raise ServiceValidationError(_("This NDA's text does not offer a choice of law."))
        if nda.governing_law == law:
            return nda
        before = nda.governing_law
        nda.governing_law = law
        nda.owner_confirmed_by = nda.owner_confirmed_at = None
        nda.counterparty_confirmed_by = nda.counterparty_confirmed_at = None
        nda.save()
        event_append(
            current,
            actor=actor,
            organisation_id=current.owner_id if role == Role.OWNER else current.counterparty_id,
            verb="nda_law_chosen",
            before={"law": before},
            after={"law": law, "sha256": nda.fingerprint()},
        )
        deal_notify(
            current,
            "nda_proposed",
            actor=actor,
            organisation_id=current.owner_id if role == Role.OWNER else current.counterparty_id,
        )
        return nda
