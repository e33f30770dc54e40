"""REST API v1 routes, the OpenAPI 3 schema and its interactive reference page."""

from __future__ import annotations

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from techbridge.api import bookings, deals, instruments, programme, views

router = SimpleRouter(trailing_slash=False)
router.register("listings", views.ListingViewSet, basename="listing")
router.register("deals", deals.DealViewSet, basename="deal")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("instruments", instruments.InstrumentViewSet, basename="instrument")
router.register("bookings", bookings.BookingViewSet, basename="booking")
router.register("programme/areas", programme.ProgrammeAreaViewSet, basename="programme-area")
router.register("programme/items", programme.ProgrammeItemViewSet, basename="programme-item")
router.register(
    "programme/indicators", programme.ProgrammeIndicatorViewSet, basename="programme-indicator"
)

app_name = "api"

urlpatterns = [
    path("search", views.SearchView.as_view(), name="search"),
    path("taxonomy", views.TaxonomyView.as_view(), name="taxonomy"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    # Swagger UI from the platform's own static files (drf-spectacular-sidecar), no CDN.
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:openapi"), name="docs"),
    *router.urls,
    # Last: any other address under the API is a problem+json 404, not the site's HTML page.
    re_path(r"", views.NoSuchEndpoint.as_view()),
]
