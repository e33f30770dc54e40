"""Writing listings from the browser: my organisation's listings, the create and edit form
(with a 繁 ↔ 简 conversion), submitting for review, and the administrators' review queue.

Every write goes through the catalogue services; this module only parses and renders.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES, can_edit_for, is_platform_admin
from techbridge.catalogue.services import (
    listing_create,
    listing_publish,
    listing_return_to_draft,
    listing_submit_for_review,
    listing_update,
)
from techbridge.catalogue.services.inputs import ip_rights_as_input
from techbridge.core.errors import ServiceValidationError
from techbridge.web.ip_right_forms import (
    ADD_IP_RIGHT,
    BaseIPRightFormSet,
    ip_management_present,
    ip_rights_formset,
    with_one_more_right,
)
from techbridge.web.listing_forms import (
    CONVERSIONS,
    ListingForm,
    converted_data,
    initial_from,
)

# A member's new wording of these goes back to review (see catalogue.services.editing).
LIVE_STATUSES = (ListingStatus.PUBLISHED, ListingStatus.ON_HOLD)


def _writable_organisations(user: Any) -> QuerySet[Organisation]:
    if is_platform_admin(user):
        return Organisation.objects.order_by("slug")
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=EDITOR_ROLES
    ).order_by("slug")


def _listings(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    return queryset.select_related("owner").prefetch_related("texts").order_by("-updated_at")


@login_required
def my_listings(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(
        memberships__user=cast(Any, request.user), memberships__role__in=EDITOR_ROLES
    )
    listings = _listings(Listing.objects.filter(owner__in=organisations))
    return render(request, "web/my_listings.html", {"listings": listings})


@login_required
def listing_form(request: HttpRequest, reference: str | None = None) -> HttpResponse:
    listing = None
    if reference is not None:
        listing = get_object_or_404(
            Listing.objects.prefetch_related(
                "texts", "areas", "partnership_types", "ip_rights__owners"
            ),
            reference=reference,
        )
        if not can_edit_for(request.user, listing.owner):
            raise PermissionDenied
    organisations = _writable_organisations(request.user)
    if request.method != "POST":
        initial = initial_from(listing) if listing else {"original_language": _language(request)}
        form = ListingForm(initial=initial, organisations=organisations)
        return _render_form(request, form, ip_rights_formset(listing=listing), listing)
    target = request.POST.get("convert_to")
    if target in CONVERSIONS or ADD_IP_RIGHT in request.POST:
        # Fill the other script, or make room for one more IP right, for the author to go on
        # writing; nothing is saved.
        posted = converted_data(request.POST, target) if target in CONVERSIONS else request.POST
        more = ADD_IP_RIGHT in request.POST
        rights = ip_rights_formset(with_one_more_right(request.POST) if more else request.POST)
        form = ListingForm(posted, organisations=organisations)
        form.is_valid()
        return _render_form(request, form, rights, listing)
    form = ListingForm(request.POST, organisations=organisations)
    carried = ip_management_present(request.POST)
    rights = ip_rights_formset(request.POST if carried else None, listing=listing)
    was_live = listing is not None and listing.status in LIVE_STATUSES
    if form.is_valid() and (not carried or rights.is_valid()):
        try:
            if listing is None:
                listing = listing_create(actor=request.user, data=form.to_input(rights.to_input()))
            else:
                kept = rights.to_input() if carried else ip_rights_as_input(listing)
                data = form.to_input(ip_rights=kept)
                listing = listing_update(actor=request.user, listing=listing, data=data)
        except ServiceValidationError as error:
            form.add_service_errors(rights.add_service_errors(_error_dict(error)))
        else:
            messages.success(request, _("Listing %(reference)s saved.") % _ref(listing))
            if was_live and listing.status == ListingStatus.REVIEW:
                messages.info(request, _sent_back_for_review())
            return redirect("web:my_listings")
    return _render_form(request, form, rights, listing, status=400)


def _sent_back_for_review() -> str:
    return _("Its new wording goes to an administrator for review; it is out of search until then.")


def _render_form(
    request: HttpRequest,
    form: ListingForm,
    rights: BaseIPRightFormSet,
    listing: Listing | None,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "ip_rights": rights, "listing": listing}
    return render(request, "web/listing_form.html", context, status=status)


@login_required
@require_POST
def listing_submit(request: HttpRequest, reference: str) -> HttpResponse:
    listing = get_object_or_404(Listing, reference=reference)
    try:
        listing_submit_for_review(actor=request.user, listing=listing)
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Listing %(reference)s sent for review.") % _ref(listing))
    return redirect("web:my_listings")


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not is_platform_admin(request.user):
        raise PermissionDenied
    listings = _listings(Listing.objects.filter(status=ListingStatus.REVIEW))
    return render(request, "web/review_queue.html", {"listings": listings})


@login_required
@require_POST
def review_decide(request: HttpRequest, reference: str) -> HttpResponse:
    if not is_platform_admin(request.user):
        raise PermissionDenied
    listing = get_object_or_404(Listing, reference=reference)
    try:
        if request.POST.get("decision") == "publish":
            listing_publish(actor=request.user, listing=listing)
            messages.success(request, _("Listing %(reference)s published.") % _ref(listing))
        else:
            reason = request.POST.get("reason", "").strip()
            listing_return_to_draft(actor=request.user, listing=listing, reason=reason)
            messages.success(
                request, _("Listing %(reference)s returned to its owner.") % _ref(listing)
            )
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("web:review_queue")


def _ref(listing: Listing) -> dict[str, str]:
    return {"reference": listing.reference}


def _error_dict(error: ServiceValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: list(problems) for name, problems in error.message_dict.items()}
    return {"__all__": list(error.messages)}


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", "en")
