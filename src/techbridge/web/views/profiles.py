"""Public profiles: an organisation's page (about, region, type, verified mark, its published
listings that are not anonymous, its instruments and experts), an expert's page, and the
organisation's administrators editing its profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.accounts.organisations import (
    OrganisationInput,
    is_organisation_admin,
    organisation_update,
)
from techbridge.catalogue.public_listings import public_listings_of
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.experts.models import ExpertProfile
from techbridge.experts.selectors import experts_of, listings_naming, published_expert
from techbridge.experts.services import (
    can_publish_expert,
    can_write_expert,
    expert_create,
    expert_set_published,
    expert_update,
)
from techbridge.facilities.models import Instrument
from techbridge.web.account_forms import OrganisationForm
from techbridge.web.base_forms import add_service_errors
from techbridge.web.expert_forms import ExpertForm

PROFILE_FIELDS = tuple(OrganisationForm.base_fields)


def organisation_profile(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    # An instrument whose facility listing is anonymous stays off the page: its name would
    # tie the listing to its owner.
    instruments = (
        Instrument.objects.filter(organisation=organisation, is_active=True)
        .exclude(listing__is_anonymous=True)
        .order_by("name_en", "pk")
    )
    context = {
        "organisation": organisation,
        "listings": public_listings_of(organisation, request.user),
        "instruments": instruments,
        "experts": experts_of(organisation),
        "can_edit": is_organisation_admin(request.user, organisation),
    }
    if can_write_expert(request.user, organisation):
        # Its own members also see the profiles not (or no longer) public, to edit them.
        context["unpublished_experts"] = ExpertProfile.objects.filter(
            institution=organisation, is_published=False
        ).order_by("name_en", "pk")
    return render(request, "web/organisation_profile.html", context)


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_organisation_admin(request.user, organisation):
        raise PermissionDenied(_("Only the organisation's administrators edit its profile."))
    initial = {name: getattr(organisation, name) for name in PROFILE_FIELDS}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(
                actor=request.user,
                organisation=organisation,
                data=OrganisationInput(**form.cleaned_data),
            )
        except ServiceValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation's profile is saved."))
            return redirect("web:organisation", slug=organisation.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "web/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=status,
    )


def expert_profile(request: HttpRequest, pk: int) -> HttpResponse:
    expert = published_expert(pk)
    if expert is None:
        # Unpublished (the person has not agreed, or it was withdrawn): as if absent.
        raise Http404
    context = {"expert": expert, "listings": listings_naming(expert, request.user)}
    return render(request, "web/expert_profile.html", context)


@login_required
def expert_new(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return _expert_form(request, organisation, None)


@login_required
def expert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    expert = get_object_or_404(ExpertProfile.objects.select_related("institution"), pk=pk)
    return _expert_form(request, expert.institution, expert)


def _expert_form(
    request: HttpRequest, institution: Organisation, expert: ExpertProfile | None
) -> HttpResponse:
    if not can_write_expert(request.user, institution):
        raise PermissionDenied(_("Only members of the institution keep its experts' profiles."))
    may_publish = can_publish_expert(request.user, institution)
    form = ExpertForm(
        request.POST or None,
        initial=ExpertForm.initial_for(expert) if expert else None,
        institution=institution,
        may_publish=may_publish,
        language=get_language() or "en",
    )
    if request.method == "POST" and form.is_valid():
        try:
            if expert is None:
                expert = expert_create(
                    actor=request.user, institution=institution, data=form.expert_input()
                )
            else:
                expert = expert_update(actor=request.user, expert=expert, data=form.expert_input())
            if may_publish:
                expert_set_published(
                    actor=request.user, expert=expert, published=form.cleaned_data["is_published"]
                )
        except ServiceValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The expert's profile is saved."))
            return redirect("web:organisation", slug=institution.slug)
    status = 400 if form.errors else 200
    context = {"form": form, "organisation": institution, "expert": expert}
    return render(request, "web/expert_form.html", context, status=status)
