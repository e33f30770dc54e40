"""The home page: what the platform is, the newest listings, and what it holds per
cooperation area."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from techbridge.catalogue.choices import ListingKind
from techbridge.catalogue.selectors import (
    area_counts,
    published_listings,
    recent_public_listings,
    recent_public_listings_by_area,
)
from techbridge.web.forms import SearchForm

RECENT = 8
PER_AREA = 3
NEWEST = 200  # how far back the areas' picks look


def home(request: HttpRequest) -> HttpResponse:
    by_kind = dict(
        published_listings().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    kinds = [(value, label, by_kind.get(value, 0)) for value, label in ListingKind.choices]
    # Cards show teasers that anyone may read, whoever is signed in: the page is the same
    # for every reader.
    # One read of the newest listings serves both the recent cards and the areas' picks.
    newest = recent_public_listings(NEWEST)
    by_area = recent_public_listings_by_area(PER_AREA, listings=newest)
    featured = {area.pk: listings for area, listings in by_area}
    areas = [(area, count, featured.get(area.pk, [])) for area, count in area_counts()]
    return render(
        request,
        "web/home.html",
        {
            "form": SearchForm(),
            "areas": areas,
            "kinds": kinds,
            "total": sum(by_kind.values()),
            "recent": newest[:RECENT],
        },
    )
