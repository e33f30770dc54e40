"""The home page: what the platform is, and what it holds per cooperation area."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from techbridge.catalogue.choices import ListingKind
from techbridge.catalogue.selectors import area_counts, published_listings
from techbridge.web.forms import SearchForm


def home(request: HttpRequest) -> HttpResponse:
    by_kind = dict(
        published_listings().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    kinds = [(value, label, by_kind.get(value, 0)) for value, label in ListingKind.choices]
    return render(
        request,
        "web/home.html",
        {
            "form": SearchForm(),
            "areas": area_counts(),
            "kinds": kinds,
            "total": sum(by_kind.values()),
        },
    )
