"""A listing's page: its teaser for everyone allowed, its confidential detail by tier."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import can_edit_for
from techbridge.catalogue.selectors import listing_reading
from techbridge.experts.selectors import experts_named_on
from techbridge.pipeline.models import Deal
from techbridge.web.deal_forms import InterestForm
from techbridge.web.views.deals import interest_organisations


def listing_detail(request: HttpRequest, reference: str) -> HttpResponse:
    listing = get_object_or_404(
        Listing.objects.select_related("owner", "trl").prefetch_related(
            "texts", "areas", "sectors", "partnership_types", "ip_rights__owners"
        ),
        reference=reference,
    )
    reading = listing_reading(request.user, listing, get_language() or "en")
    if reading is None:
        # Not published, or above the reader's tier: indistinguishable from absent.
        raise Http404
    context: dict[str, object] = {
        "reading": reading,
        "listing": listing,
        "can_edit": can_edit_for(request.user, listing.owner),
        # Never on an anonymous listing: the expert's institution would name its owner.
        "experts": experts_named_on(listing),
    }
    if listing.status == ListingStatus.PUBLISHED and request.user.is_authenticated:
        organisations = interest_organisations(request.user, listing)
        open_deal = (
            Deal.objects.filter(listing=listing, counterparty__in=organisations)
            .exclude(stage="closed")
            .first()
        )
        context["open_deal"] = open_deal
        if open_deal is None and organisations.exists():
            context["interest_form"] = InterestForm(organisations=organisations)
    return render(request, "web/listing_detail.html", context)
