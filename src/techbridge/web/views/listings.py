"""A listing's page: its teaser for everyone allowed, its confidential detail by tier."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from techbridge.catalogue.models import Listing
from techbridge.catalogue.selectors import listing_reading


def listing_detail(request: HttpRequest, reference: str) -> HttpResponse:
    listing = get_object_or_404(
        Listing.objects.select_related("owner", "trl").prefetch_related(
            "texts", "areas", "sectors", "partnership_types", "ip_rights"
        ),
        reference=reference,
    )
    reading = listing_reading(request.user, listing, get_language() or "en")
    if reading is None:
        # Not published, or above the reader's tier: indistinguishable from absent.
        raise Http404
    return render(request, "web/listing_detail.html", {"reading": reading, "listing": listing})
