"""Organisation pages: the directory, creating one, asking to join, deciding on requests,
inviting by e-mail and accepting an invitation."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import JoinRequest, Membership, Organisation
from techbridge.accounts.organisations import (
    OrganisationInput,
    invitation_accept,
    is_organisation_admin,
    join_request_decide,
    organisation_create,
    organisation_invite,
    organisation_request_join,
)
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.web.account_forms import OrganisationForm
from techbridge.web.base_forms import add_service_errors
from techbridge.web.confirming import Confirmation, ask, carried, is_confirmed


def _messages_of(error: ServiceValidationError) -> list[str]:
    return list(error.messages)


def organisation_directory(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.order_by("-is_verified", "name_en", "slug")
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    mine: set[int] = set()
    if request.user.is_authenticated:
        mine = set(
            Membership.objects.filter(user=cast(Any, request.user)).values_list(
                "organisation_id", flat=True
            )
        )
    return render(request, "web/organisations.html", {"page": page, "mine": mine})


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(
                actor=request.user, data=OrganisationInput(**form.cleaned_data)
            )
        except ServiceValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s is created; a platform administrator will verify it.")
                % {"organisation": organisation.name},
            )
            return redirect("web:my_organisations")
    status = 400 if form.errors else 200
    return render(request, "web/organisation_form.html", {"form": form}, status=status)


@login_required
@require_POST
def organisation_join(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    try:
        organisation_request_join(actor=request.user, organisation=organisation)
    except ServiceValidationError as error:
        messages.error(request, " ".join(_messages_of(error)))
    else:
        messages.success(
            request,
            _("Your request to join %(organisation)s is sent to its administrators.")
            % {"organisation": organisation.name},
        )
    return redirect("web:organisations")


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=cast(Any, request.user)).select_related(
        "organisation"
    )
    administered = [m.organisation for m in memberships if m.role == MembershipRole.ADMIN]
    pending = JoinRequest.objects.filter(
        organisation__in=administered, status=JoinRequest.Status.PENDING
    ).select_related("user", "organisation")
    # The person's own requests still waiting for a decision.
    waiting = JoinRequest.objects.filter(
        user=cast(Any, request.user), status=JoinRequest.Status.PENDING
    ).select_related("organisation")
    return render(
        request,
        "web/my_organisations.html",
        {
            "memberships": memberships,
            "pending": pending,
            "waiting": waiting,
            "administered": administered,
            "roles": MembershipRole.choices,
        },
    )


@login_required
@require_POST
def join_request_decision(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("organisation", "user"), pk=pk
    )
    approve = request.POST.get("decision") == "approve"
    if not approve and not is_confirmed(request):
        if not is_organisation_admin(request.user, join_request.organisation):
            raise PermissionDenied(_("Only the organisation's administrators decide on requests."))
        return ask(
            request,
            Confirmation(
                title=_("Decline the request to join"),
                consequence=_(
                    "Declining cannot be changed afterwards: %(person)s does not become a "
                    "member of %(organisation)s and would have to ask again."
                )
                % {
                    "person": join_request.user.get_full_name() or join_request.user.email,
                    "organisation": join_request.organisation.name,
                },
                action=request.path,
                fields=carried(request, ["decision"]),
                confirm_label=_("Yes, decline the request"),
                cancel_url=reverse("web:my_organisations"),
                cancel_label=_("No, go back to my organisations"),
            ),
        )
    try:
        join_request_decide(actor=request.user, join_request=join_request, approve=approve)
    except ServiceValidationError as error:
        messages.error(request, " ".join(_messages_of(error)))
    return redirect("web:my_organisations")


@login_required
@require_POST
def organisation_invitation_send(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    email = request.POST.get("email", "")
    try:
        organisation_invite(
            actor=request.user,
            organisation=organisation,
            email=email,
            role=request.POST.get("role", MembershipRole.MEMBER),
            link_for=lambda token: request.build_absolute_uri(
                reverse("web:invitation", args=[token])
            ),
        )
    except ServiceValidationError as error:
        messages.error(request, " ".join(_messages_of(error)))
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
    return redirect("web:my_organisations")


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            membership = invitation_accept(actor=request.user, token=token)
        except ServiceValidationError as error:
            return render(
                request, "web/invitation.html", {"problems": _messages_of(error)}, status=400
            )
        messages.success(
            request,
            _("You are now a member of %(organisation)s.")
            % {"organisation": membership.organisation.name},
        )
        return redirect("web:my_organisations")
    return render(request, "web/invitation.html", {"token": token})
