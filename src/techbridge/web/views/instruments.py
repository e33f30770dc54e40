"""Facility managers' pages: the instruments of the organisations they manage, the form that
lists a new instrument or changes one (texts in three languages, rules and fees), and the
record of who is trained on an instrument that requires training.
Facility managers confirm their session with the second factor first, as for approving
bookings (``TwoFactorRequiredMiddleware``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.models import User
from techbridge.core.errors import ServiceValidationError
from techbridge.facilities.instruments import (
    can_manage_organisation,
    instrument_save,
    managed_organisations,
)
from techbridge.facilities.models import Instrument
from techbridge.facilities.services import training_record
from techbridge.web.base_forms import add_service_errors
from techbridge.web.instrument_forms import InstrumentForm, current_fees


@login_required
def my_instruments(request: HttpRequest) -> HttpResponse:
    organisations = managed_organisations(request.user)
    instruments = (
        Instrument.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .prefetch_related("fees")
        .order_by("organisation__name_en", "name_en", "pk")
    )
    context = {"organisations": organisations, "instruments": instruments}
    return render(request, "web/my_instruments.html", context)


def _form_page(request: HttpRequest, instrument: Instrument | None) -> HttpResponse:
    organisations = managed_organisations(request.user)
    if instrument is None and not organisations:
        raise PermissionDenied
    if instrument is not None and not can_manage_organisation(
        request.user, instrument.organisation_id
    ):
        raise PermissionDenied
    form = InstrumentForm(
        request.POST or None,
        instance=instrument,
        organisations=organisations,
        fees=current_fees(instrument),
    )
    if request.method == "POST" and form.is_valid():
        organisation = (
            instrument.organisation if instrument is not None else form.cleaned_data["organisation"]
        )
        try:
            saved = instrument_save(
                actor=request.user,
                organisation=organisation,
                data=form.instrument_data(),
                fees=form.fee_inputs(),
                instrument=instrument,
            )
        except ServiceValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The instrument is saved."))
            return redirect("web:instrument_edit", saved.pk)
    status = 400 if form.errors else 200
    trainings = (
        instrument.trainings.select_related("user").order_by("trained_on", "pk")
        if instrument is not None
        else []
    )
    context = {"form": form, "instrument": instrument, "trainings": trainings}
    return render(request, "web/instrument_form.html", context, status=status)


@login_required
def instrument_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@login_required
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(
        Instrument.objects.select_related("organisation").prefetch_related("fees"), pk=pk
    )
    return _form_page(request, instrument)


@login_required
@require_POST
def instrument_training(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a user (by e-mail address) is trained on the instrument."""
    instrument = get_object_or_404(Instrument, pk=pk)
    if not can_manage_organisation(request.user, instrument.organisation_id):
        raise PermissionDenied
    email = request.POST.get("email", "").strip()
    trainee = User.objects.filter(email__iexact=email, is_active=True).first() if email else None
    if trainee is None:
        messages.error(request, _("No active user has this e-mail address."))
    else:
        training_record(
            actor=request.user,
            instrument=instrument,
            user=trainee,
            trained_on=timezone.localdate(),
        )
        messages.success(request, _("The training is recorded."))
    return redirect("web:instrument_edit", instrument.pk)
