"""Deal pages: expressing interest from a listing, my deals, one deal's page with the steps
the reader's side may take, the NDA, the agreement, the conversation, documents and history.

Only the two parties see a deal; anyone else gets 404, as if it did not exist.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.models import Membership, Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.core.errors import ServiceValidationError
from techbridge.pipeline.choices import EVENT_LABELS, verb_label
from techbridge.pipeline.models import (
    NDA,
    Agreement,
    ContactConsent,
    Deal,
    DealDocument,
    Obligation,
)
from techbridge.pipeline.roles import deal_role, deals_of, holder_role
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    agreement_registration_record,
    contact_consent_give,
    deal_advance,
    deal_document_download,
    deal_document_upload,
    deal_export_classify,
    deal_express_interest,
    deal_message_post,
    nda_confirm,
    nda_use_uploaded,
    obligation_add,
    obligation_mark_done,
    refusal_message,
)
from techbridge.pipeline.transitions import Guard, Role, Stage, available_events
from techbridge.web.deal_forms import (
    AgreementForm,
    DocumentForm,
    ExportForm,
    IdempotentForm,
    InterestForm,
    MessageForm,
    ObligationForm,
    RegistrationForm,
)


def interest_organisations(user: Any, listing: Listing) -> QuerySet[Organisation]:
    """The organisations a user may express interest for: theirs, except the owner."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    ids = Membership.objects.filter(user=user, role__in=EDITOR_ROLES).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids).exclude(pk=listing.owner_id).order_by("pk")


@login_required
@require_POST
def listing_interest(request: HttpRequest, reference: str) -> HttpResponse:
    listing = get_object_or_404(Listing, reference=reference)
    form = InterestForm(request.POST, organisations=interest_organisations(request.user, listing))
    if not form.is_valid():
        messages.error(request, _("Choose the organisation you act for."))
        return redirect("web:listing", reference=reference)
    try:
        deal = deal_express_interest(
            actor=request.user,
            listing=listing,
            organisation=form.cleaned_data["organisation"],
            message=form.cleaned_data["message"],
            idempotency_key=form.cleaned_data["idempotency_key"] or None,
        )
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:listing", reference=reference)
    messages.success(request, _("Your interest is sent to the owner."))
    return redirect("web:deal", pk=deal.pk)


@login_required
def my_deals(request: HttpRequest) -> HttpResponse:
    deals = (
        deals_of(request.user)
        .select_related("listing", "owner", "counterparty")
        .prefetch_related("listing__texts")
        .order_by("-updated_at", "-pk")
    )
    return render(request, "web/my_deals.html", {"deals": deals})


def _party_deal(request: HttpRequest, pk: int) -> tuple[Deal, Role]:
    deal = get_object_or_404(Deal.objects.select_related("listing", "owner", "counterparty"), pk=pk)
    role = deal_role(request.user, deal)
    if role == Role.OTHER:
        raise Http404
    return deal, role


@login_required
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deal, role = _party_deal(request, pk)
    nda = NDA.objects.filter(deal=deal).select_related("template", "document").first()
    agreement = Agreement.objects.filter(deal=deal).prefetch_related("obligations").first()
    other_side = deal.counterparty if role == Role.OWNER else deal.owner
    consented = ContactConsent.objects.filter(deal=deal).select_related("user")
    contacts = [
        consent.user
        for consent in consented
        if Membership.objects.filter(user=consent.user, organisation=other_side).exists()
    ]
    my_side_confirmed = bool(
        nda and (nda.owner_confirmed_at if role == Role.OWNER else nda.counterparty_confirmed_at)
    )
    context = {
        "deal": deal,
        "role": role.value,
        "other_side": other_side,
        "actions": [
            (event.value, EVENT_LABELS[event])
            for event in available_events(Stage(deal.stage), role)
        ],
        "action_form": IdempotentForm(),
        "nda": nda,
        "my_side_confirmed": my_side_confirmed,
        "agreement": agreement,
        "messages_list": deal.messages.select_related("author", "organisation", "parent"),
        "documents": deal.documents.select_related("organisation"),
        "history": [
            (event, verb_label(event.verb))
            for event in deal.events.select_related("actor", "organisation").order_by("seq")
        ],
        "holds_technology": holder_role(deal) == role,
        "prohibited_notice": (
            refusal_message(Guard.EXPORT_NOT_PROHIBITED.value)
            if deal.export_classification == "prohibited" and deal.is_open
            else ""
        ),
        "registration_open": bool(
            agreement
            and agreement.registration_required
            and (
                deal.stage in ("signed", "obligations")
                or (deal.stage == "closed" and deal.outcome == "won")
            )
        ),
        "registration_form": RegistrationForm(
            initial={"registration_number": agreement.registration_number if agreement else ""}
        ),
        "contacts": contacts,
        "i_consented": consented.filter(user=cast(User, request.user)).exists(),
        "message_form": MessageForm(),
        "document_form": DocumentForm(),
        "export_form": ExportForm(
            initial={
                "classification": deal.export_classification,
                "licence_ref": deal.export_licence_ref,
            }
        ),
        "agreement_form": AgreementForm(),
        "obligation_form": ObligationForm(),
    }
    return render(request, "web/deal_detail.html", context)


def _key(form: Any) -> str | None:
    return form.cleaned_data.get("idempotency_key") or None


def _act_advance(request: HttpRequest, deal: Deal) -> None:
    form = IdempotentForm(request.POST)
    form.is_valid()
    deal_advance(
        actor=request.user,
        deal=deal,
        event=request.POST.get("event", ""),
        idempotency_key=_key(form),
    )


def _act_nda_confirm(request: HttpRequest, deal: Deal) -> None:
    form = IdempotentForm(request.POST)
    form.is_valid()
    nda_confirm(actor=request.user, deal=deal, idempotency_key=_key(form))


def _act_nda_upload(request: HttpRequest, deal: Deal) -> None:
    form = IdempotentForm(request.POST)
    form.is_valid()
    document = get_object_or_404(DealDocument, pk=request.POST.get("document") or 0, deal=deal)
    nda_use_uploaded(actor=request.user, deal=deal, document=document, idempotency_key=_key(form))


def _invalid(form: Any) -> ServiceValidationError:
    return ServiceValidationError(
        [
            f"{form.fields[name].label}: {' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        ]
    )


def _act_export(request: HttpRequest, deal: Deal) -> None:
    form = ExportForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    deal_export_classify(
        actor=request.user,
        deal=deal,
        classification=form.cleaned_data["classification"],
        licence_ref=form.cleaned_data["licence_ref"],
        idempotency_key=_key(form),
    )


def _act_agreement(request: HttpRequest, deal: Deal) -> None:
    form = AgreementForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    fields = {k: v for k, v in form.cleaned_data.items() if k != "idempotency_key"}
    agreement_record(
        actor=request.user, deal=deal, data=AgreementInput(**fields), idempotency_key=_key(form)
    )


def _act_registration(request: HttpRequest, deal: Deal) -> None:
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    agreement_registration_record(
        actor=request.user,
        deal=deal,
        registration_number=form.cleaned_data["registration_number"],
        idempotency_key=_key(form),
    )


def _act_obligation(request: HttpRequest, deal: Deal) -> None:
    form = ObligationForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    obligation_add(
        actor=request.user,
        deal=deal,
        description=form.cleaned_data["description"],
        due_on=form.cleaned_data["due_on"],
        idempotency_key=_key(form),
    )


def _act_obligation_done(request: HttpRequest, deal: Deal) -> None:
    form = IdempotentForm(request.POST)
    form.is_valid()
    obligation = get_object_or_404(
        Obligation, pk=request.POST.get("obligation") or 0, agreement__deal=deal
    )
    obligation_mark_done(
        actor=request.user, deal=deal, obligation=obligation, idempotency_key=_key(form)
    )


def _act_message(request: HttpRequest, deal: Deal) -> None:
    form = MessageForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    parent_pk = form.cleaned_data.get("parent")
    parent = deal.messages.filter(pk=parent_pk).first() if parent_pk else None
    deal_message_post(
        actor=request.user,
        deal=deal,
        body=form.cleaned_data["body"],
        parent=parent,
        idempotency_key=_key(form),
    )


def _act_document(request: HttpRequest, deal: Deal) -> None:
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        raise _invalid(form)
    deal_document_upload(
        actor=request.user,
        deal=deal,
        upload=form.cleaned_data["file"],
        purpose=form.cleaned_data["purpose"],
        idempotency_key=_key(form),
    )


def _act_consent(request: HttpRequest, deal: Deal) -> None:
    form = IdempotentForm(request.POST)
    form.is_valid()
    contact_consent_give(actor=request.user, deal=deal, idempotency_key=_key(form))


ACTIONS: dict[str, Callable[[HttpRequest, Deal], None]] = {
    "advance": _act_advance,
    "nda-confirm": _act_nda_confirm,
    "nda-upload": _act_nda_upload,
    "export": _act_export,
    "agreement": _act_agreement,
    "obligation": _act_obligation,
    "obligation-done": _act_obligation_done,
    "registration": _act_registration,
    "message": _act_message,
    "document": _act_document,
    "consent": _act_consent,
}


@login_required
@require_POST
def deal_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint for the deal page's forms; each calls its service, which checks the
    reader's side and the deal's stage again under the deal's lock."""
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    deal, _role = _party_deal(request, pk)
    try:
        handler(request, deal)
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:deal", pk=pk)
    except PermissionDenied as denied:
        messages.error(request, str(denied) or _("Your side of the deal cannot take this step."))
        return redirect("web:deal", pk=pk)
    messages.success(request, _("Done."))
    return redirect("web:deal", pk=pk)


@login_required
def deal_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    deal, _role = _party_deal(request, pk)
    document = get_object_or_404(DealDocument, pk=document_pk, deal=deal)
    try:
        content = deal_document_download(actor=request.user, document=document)
    except FileNotFoundError as missing:
        # The record outlived its content (a lost object, a restore without the files):
        # nothing to send, and the service recorded no download.
        raise Http404 from missing
    response = FileResponse(
        content,
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def deal_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The deal's history as JSON lines, hashes included, so it can be checked elsewhere."""
    deal, _role = _party_deal(request, pk)
    lines = [
        json.dumps({**event.payload(), "hash": event.hash}, ensure_ascii=False, default=str)
        for event in deal.events.order_by("seq")
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="application/x-ndjson")
    response["Content-Disposition"] = f'attachment; filename="deal-{deal.pk}-history.jsonl"'
    return response
