"""REST API v1 routes and the OpenAPI 3 schema."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from techbridge.api import deals, views

router = SimpleRouter(trailing_slash=False)
router.register("listings", views.ListingViewSet, basename="listing")
router.register("deals", deals.DealViewSet, basename="deal")
router.register("organisations", views.OrganisationViewSet, basename="organisation")

app_name = "api"

urlpatterns = [
    path("search", views.SearchView.as_view(), name="search"),
    path("taxonomy", views.TaxonomyView.as_view(), name="taxonomy"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    *router.urls,
]
