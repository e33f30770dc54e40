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
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.models import Membership, Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.core.errors import ServiceValidationError
from techbridge.pipeline.choices import EVENT_LABELS, GoverningLaw, verb_label
from techbridge.pipeline.models import (
    NDA,
    Agreement,
    ContactConsent,
    Deal,
    DealDocument,
    DealEvent,
    Obligation,
)
from techbridge.pipeline.roles import deal_role, deals_of, holder_role
from techbridge.pipeline.selectors import owner_hidden_from, party_names
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
    nda_choose_law,
    nda_confirm,
    nda_use_uploaded,
    obligation_add,
    obligation_mark_done,
    refusal_message,
)
from techbridge.pipeline.transitions import Event, Guard, Role, Stage, available_events
from techbridge.web.confirming import Confirmation, ask, is_confirmed
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
    mine = set(
        Membership.objects.filter(user=cast(User, request.user), role__in=EDITOR_ROLES).values_list(
            "organisation_id", flat=True
        )
    )
    rows = [
        (deal, party_names(deal, Role.OWNER if deal.owner_id in mine else Role.COUNTERPARTY))
        for deal in deals
    ]
    named = [(deal, names[deal.owner_id]) for deal, names in rows]
    return render(request, "web/my_deals.html", {"deals": named})


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
    if owner_hidden_from(deal, role):
        contacts = []  # nobody of an owner not yet named, even one who shared before this rule
    my_side_confirmed = bool(
        nda and (nda.owner_confirmed_at if role == Role.OWNER else nda.counterparty_confirmed_at)
    )
    context = {
        "deal": deal,
        # The page is titled by the listing's title in the reader's language: part of its
        # teaser, which both parties saw before the deal began. It names no owner.
        "listing_title": deal.listing.title or deal.listing.reference,
        "role": role.value,
        "party_names": party_names(deal, role),
        "other_side": other_side,
        "actions": [
            (event.value, EVENT_LABELS[event])
            for event in available_events(Stage(deal.stage), role)
        ],
        "action_form": IdempotentForm(),
        "confirm_first": set(FINAL_STEPS),
        "nda": nda,
        "law_choices": GoverningLaw.choices,
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
        # The owner of an anonymous listing shares contact details once it is named.
        "contact_withheld": role == Role.OWNER and owner_hidden_from(deal, Role.COUNTERPARTY),
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


# Steps that cannot be undone ask for confirmation first, saying what cannot be undone: on a
# page of their own without JavaScript, in a dialog with it (techbridge.web.confirming).
# The steps that end a deal for good, by event:
FINAL_STEPS: dict[str, Callable[[], str]] = {
    Event.DECLINE.value: lambda: _(
        "Declining closes this deal for good: no more messages or documents can be added, and "
        "the deal cannot be reopened."
    ),
    Event.WITHDRAW.value: lambda: _(
        "Withdrawing closes this deal for good: any confidential detail released to you under "
        "the NDA is no longer shown, and the deal cannot be reopened."
    ),
    Event.CLOSE_LOST.value: lambda: _(
        "Closing as lost ends this deal for good: nothing more can be recorded in it, any "
        "confidential detail released under the NDA is no longer shown, and it cannot be reopened."
    ),
    Event.CLOSE_WON.value: lambda: _(
        "Closing as won ends this deal for good: it counts as an achieved transfer, nothing more "
        "can be recorded in it, and it cannot be reopened."
    ),
}

# Other one-way forms of the deal page, by action: (the step's name, what cannot be undone).
ONE_WAY_ACTIONS: dict[str, Callable[[], tuple[str, str]]] = {
    "consent": lambda: (
        _("Share my name and e-mail address with the other side"),
        _(
            "The other side of this deal will see your name and e-mail address. Once shared, "
            "they cannot be hidden from it again."
        ),
    ),
}


def _needs_confirmation(request: HttpRequest, action: str) -> str:
    """The step to confirm first (an event of FINAL_STEPS or an action of ONE_WAY_ACTIONS),
    or "" when the request may go ahead."""
    if is_confirmed(request):
        return ""
    if action == "advance":
        event = request.POST.get("event", "")
        return event if event in FINAL_STEPS else ""
    return action if action in ONE_WAY_ACTIONS else ""


def _confirm_page(request: HttpRequest, deal: Deal, action: str, step: str) -> HttpResponse:
    form = IdempotentForm(request.POST)
    form.is_valid()
    if action == "advance":
        title, consequence = str(EVENT_LABELS[Event(step)]), FINAL_STEPS[step]()
        fields: tuple[tuple[str, str], ...] = (("event", step),)
    else:
        title, consequence = ONE_WAY_ACTIONS[step]()
        fields = ()
    confirmation = Confirmation(
        title=title,
        consequence=consequence,
        subject=_("Deal on %(reference)s.") % {"reference": deal.listing.reference},
        action=reverse("web:deal_act", args=[deal.pk, action]),
        fields=(*fields, ("idempotency_key", _key(form) or "")),
        confirm_label=_("Yes, I am sure"),
        cancel_url=reverse("web:deal", args=[deal.pk]),
        cancel_label=_("No, go back to the deal"),
    )
    return ask(request, confirmation, "web/deal_confirm.html", {"deal": deal})


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


def _act_nda_law(request: HttpRequest, deal: Deal) -> None:
    form = IdempotentForm(request.POST)
    form.is_valid()
    law = request.POST.get("law", "")
    nda_choose_law(actor=request.user, deal=deal, law=law, idempotency_key=_key(form))


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
    "nda-law": _act_nda_law,
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
    step = _needs_confirmation(request, action)
    if step:
        return _confirm_page(request, deal, action, step)
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
    deal, role = _party_deal(request, pk)
    hidden = deal.owner_id if owner_hidden_from(deal, role) else None
    lines = [
        json.dumps(_history_line(event, hidden), ensure_ascii=False, default=str)
        for event in deal.events.order_by("seq")
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="application/x-ndjson")
    response["Content-Disposition"] = f'attachment; filename="deal-{deal.pk}-history.jsonl"'
    return response


def _history_line(event: DealEvent, hidden_owner_id: int | None) -> dict[str, Any]:
    """One event as downloaded. While the owner of an anonymous listing is not yet disclosed,
    its organisation and people are blanked in its own events (marked ``redacted``); those
    lines' hashes can be checked once the owner is known."""
    line = {**event.payload(), "hash": event.hash}
    if hidden_owner_id is not None and event.organisation_id == hidden_owner_id:
        line.update(actor=None, organisation=None, redacted=["actor", "organisation"])
    return line
