"""REST API v1: listings (read by tier; written through the services), search with the
same engine and permissions as the pages, organisations and the taxonomy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import IPStatus, ListingKind, PartnershipType
from techbridge.catalogue.models import Listing, TRLLevel
from techbridge.catalogue.permissions import reader_tier
from techbridge.catalogue.search import CATALOGUE_KIND
from techbridge.catalogue.selectors import listing_reading, published_listings
from techbridge.catalogue.services import (
    listing_archive,
    listing_create,
    listing_publish,
    listing_put_on_hold,
    listing_renew,
    listing_resume,
    listing_return_to_draft,
    listing_submit_for_review,
    listing_update,
)
from techbridge.matching.selectors import listing_search
from techbridge.programme.models import CooperationArea
from techbridge.web.forms import FACET_FIELDS, SearchForm
from techbridge.web.presenting import reasons

from .serializers import (
    ListingDetailSerializer,
    ListingTeaserSerializer,
    ListingWriteSerializer,
    OrganisationSerializer,
    TaxonomySerializer,
)

MAX_LIMIT = 100


class ReturnSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


class ListingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Listing],
):
    """Published listings (teasers); one listing with its detail as the reader's tier allows."""

    lookup_field = "reference"
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ListingTeaserSerializer

    def get_queryset(self) -> QuerySet[Listing]:
        listings = published_listings().filter(teaser_tier__lte=reader_tier(self.request.user))
        for name in ("kind", "owner__region"):
            value = self.request.query_params.get(name.split("__")[-1])
            if value:
                listings = listings.filter(**{name: value})
        area = self.request.query_params.get("area")
        if area:
            listings = listings.filter(areas__code=area)
        return (
            listings.select_related("owner", "trl")
            .prefetch_related("texts", "areas")
            .order_by("-published_at", "-pk")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=ListingKind.values),
            OpenApiParameter("region", OpenApiTypes.STR),
            OpenApiParameter("area", OpenApiTypes.STR),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=ListingDetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        listing = get_object_or_404(
            Listing.objects.select_related("owner", "trl").prefetch_related(
                "texts", "areas", "partnership_types"
            ),
            reference=kwargs["reference"],
        )
        reading = listing_reading(request.user, listing, get_language() or "en", channel="api")
        if reading is None:
            return Response(status=status.HTTP_404_NOT_FOUND)  # handled as problem+json
        return Response(ListingDetailSerializer(reading).data)

    @extend_schema(request=ListingWriteSerializer, responses={201: ListingTeaserSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ListingWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        listing = listing_create(actor=request.user, data=incoming.to_input())
        return Response(ListingTeaserSerializer(listing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ListingWriteSerializer, responses=ListingTeaserSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        listing = get_object_or_404(Listing, reference=kwargs["reference"])
        incoming = ListingWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        listing = listing_update(actor=request.user, listing=listing, data=incoming.to_input())
        return Response(ListingTeaserSerializer(listing).data)

    def _transition(self, request: Request, reference: str, move: Any, **extra: Any) -> Response:
        listing = get_object_or_404(Listing, reference=reference)
        listing = move(actor=request.user, listing=listing, **extra)
        return Response(ListingTeaserSerializer(listing).data)

    @extend_schema(request=None, responses=ListingTeaserSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, reference: str) -> Response:
        """Send a draft for review (the owner's members)."""
        return self._transition(request, reference, listing_submit_for_review)

    @extend_schema(request=None, responses=ListingTeaserSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, reference: str) -> Response:
        """Publish a listing in review (platform administrators)."""
        return self._transition(request, reference, listing_publish)

    @extend_schema(request=ReturnSerializer, responses=ListingTeaserSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_draft(self, request: Request, reference: str) -> Response:
        """Return a listing in review to its owner, saying why (platform administrators)."""
        incoming = ReturnSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        return self._transition(
            request, reference, listing_return_to_draft, reason=incoming.validated_data["reason"]
        )

    @extend_schema(request=None, responses=ListingTeaserSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, reference: str) -> Response:
        return self._transition(request, reference, listing_put_on_hold)

    @extend_schema(request=None, responses=ListingTeaserSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, reference: str) -> Response:
        return self._transition(request, reference, listing_resume)

    @extend_schema(request=None, responses=ListingTeaserSerializer)
    @action(detail=True, methods=["post"])
    def renew(self, request: Request, reference: str) -> Response:
        return self._transition(request, reference, listing_renew)

    @extend_schema(request=None, responses=ListingTeaserSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, reference: str) -> Response:
        return self._transition(request, reference, listing_archive)

    @extend_schema(exclude=True)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet[Organisation]):
    lookup_field = "slug"
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.order_by("slug")


class TaxonomyView(APIView):
    @extend_schema(responses=TaxonomySerializer)
    def get(self, request: Request) -> Response:
        def choices(enum: Any) -> list[dict[str, str]]:
            return [{"code": value, "name": str(label)} for value, label in enum.choices]

        data = {
            "areas": CooperationArea.objects.filter(mechanism__is_primary=True).order_by(
                "position"
            ),
            "kinds": choices(ListingKind),
            "partnership_types": choices(PartnershipType),
            "ip_statuses": choices(IPStatus),
            "trl_levels": [
                {
                    "level": level.level,
                    "een_stage": level.een_stage,
                    "maturity_stage": level.maturity_stage,
                }
                for level in TRLLevel.objects.order_by("level")
            ],
        }
        return Response(TaxonomySerializer(data).data)


class SearchHitSerializer(serializers.Serializer[Any]):
    listing = ListingTeaserSerializer()
    score = serializers.FloatField()
    highlights = serializers.ListField(child=serializers.DictField())
    reasons = serializers.ListField(child=serializers.DictField())


class SearchResultSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))


class SearchView(generics.GenericAPIView[Any]):
    """One query in any language; the same engine, filters and tiers as the search page."""

    serializer_class = SearchResultSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("kind", OpenApiTypes.STR, many=True, enum=ListingKind.values),
            OpenApiParameter("area", OpenApiTypes.STR, many=True),
            OpenApiParameter("region", OpenApiTypes.STR, many=True),
            OpenApiParameter("org_type", OpenApiTypes.STR, many=True),
            OpenApiParameter("partnership", OpenApiTypes.STR, many=True),
            OpenApiParameter("ip_status", OpenApiTypes.STR, many=True),
            OpenApiParameter("trl_min", OpenApiTypes.INT),
            OpenApiParameter("trl_max", OpenApiTypes.INT),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=["relevance", "newest", "trl"]),
            OpenApiParameter("limit", OpenApiTypes.INT),
            OpenApiParameter("offset", OpenApiTypes.INT),
        ]
    )
    def get(self, request: Request) -> Response:
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors.get_json_data())
        limit, offset = (
            _bounded(request, "limit", 20, 1, MAX_LIMIT),
            _bounded(request, "offset", 0, 0, 10_000),
        )
        result = listing_search(
            request.user,
            form.cleaned_data.get("q") or "",
            filters=form.engine_filters(),
            trl_range=form.trl_range(),
            facets=list(FACET_FIELDS.values()),
            offset=offset,
            limit=limit,
            explain=True,
            sort=form.cleaned_data.get("sort") or "relevance",
        )
        hits = [
            {
                "listing": hit.listing,
                "score": hit.score,
                "highlights": [
                    {"field": h.field, "language": h.language, "text": h.text, "spans": h.spans}
                    for h in hit.highlights
                ],
                "reasons": [
                    {
                        "query": r.source,
                        "matched": r.alternative,
                        "via": r.via,
                        "weight": r.weight,
                        "fields": list(r.fields),
                    }
                    for r in reasons(hit.matches)
                ],
            }
            for hit in result.hits
        ]
        facets = dict(result.facets)
        if "kind" in facets:  # the engine's kinds, back in the catalogue's vocabulary
            facets["kind"] = {CATALOGUE_KIND[k]: n for k, n in facets["kind"].items()}
        data = {"count": result.total, "results": hits, "facets": facets}
        return Response(SearchResultSerializer(data).data)


def _bounded(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise serializers.ValidationError({name: [_("A whole number is required.")]}) from None
    if not low <= value <= high:
        message = _("Must be between %(low)d and %(high)d.") % {"low": low, "high": high}
        raise serializers.ValidationError({name: [message]})
    return value
