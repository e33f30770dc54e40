"""REST API v1: listings (read by tier; written through the services), search with the
same engine and permissions as the pages, organisations and the taxonomy."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from techbridge.accounts.choices import OrganisationType, Region
from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import IPStatus, ListingKind, PartnershipType
from techbridge.catalogue.models import Listing, TRLLevel
from techbridge.catalogue.permissions import can_edit_for, reader_tier
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
from techbridge.catalogue.services.inputs import ip_rights_as_input
from techbridge.matching.selectors import listing_search, listing_suggestions
from techbridge.programme.models import CooperationArea
from techbridge.web.forms import FACET_FIELDS, SearchForm
from techbridge.web.presenting import FIELD_LABELS, reasons

from .matches import MatchSerializer
from .pagination import whole_number_param
from .schema import LINE_PATTERN, ProblemAutoSchema, problem
from .serializers import (
    ListingDetailSerializer,
    ListingTeaserSerializer,
    ListingWriteSerializer,
    OrganisationSerializer,
    TaxonomySerializer,
)

MAX_LIMIT = 100
MAX_SEARCH_OFFSET = 10_000
MAX_QUERY_LENGTH = 200
AREA_CODE_LENGTH = 40  # CooperationArea.code, a slug
AREA_CODE = re.compile(rf"[-a-zA-Z0-9_]{{1,{AREA_CODE_LENGTH}}}")


def present(query_params: Any) -> QueryDict:
    """The query without its empty values: an empty filter (``area=``) is no filter."""
    kept = QueryDict(mutable=True)
    for name, values in query_params.lists():
        values = [value for value in values if value != ""]
        if values:
            kept.setlist(name, values)
    return kept


UNKNOWN_OWNER = problem(404, "No such listing, or the organisation named as owner does not exist.")


class ListingFilterSerializer(serializers.Serializer[Any]):
    """The listing list's filters; an unknown kind or region is a 400, an unknown area code
    simply matches no listing (areas are data, not a fixed vocabulary)."""

    kind = serializers.ChoiceField(choices=ListingKind.choices, required=False)
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    area = serializers.SlugField(required=False, max_length=AREA_CODE_LENGTH)


class ReturnSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


def _refuse_unknown_owner(incoming: ListingWriteSerializer) -> None:
    """Valid input, but naming an owner that does not exist: 404, as a deal naming an unknown
    listing or organisation is; anything else wrong with the input is a 400."""
    if incoming.is_valid():
        return
    owner_errors = incoming.errors.get("owner", [])
    if set(incoming.errors) == {"owner"} and all(
        getattr(error, "code", "") == "does_not_exist" for error in owner_errors
    ):
        raise NotFound(_("The organisation named as owner does not exist."))
    raise serializers.ValidationError(incoming.errors)


class ListingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Listing],
):
    """Published listings (teasers); one listing with its detail as the reader's tier allows.
    There is no partial update (PATCH): ``update`` replaces the listing's content whole."""

    schema = ProblemAutoSchema()
    lookup_field = "reference"
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ListingTeaserSerializer

    def get_queryset(self) -> QuerySet[Listing]:
        listings = published_listings().filter(teaser_tier__lte=reader_tier(self.request.user))
        if self.action == "list":
            filters = ListingFilterSerializer(data=present(self.request.query_params))
            filters.is_valid(raise_exception=True)
            lookups = {"kind": "kind", "region": "owner__region", "area": "areas__code"}
            for name, value in filters.validated_data.items():
                listings = listings.filter(**{lookups[name]: value})
        return (
            listings.select_related("owner", "trl")
            .prefetch_related("texts", "areas")
            .order_by("-published_at", "-pk")
        )

    @extend_schema(parameters=[ListingFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=ListingDetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        listing = get_object_or_404(
            Listing.objects.select_related("owner", "trl").prefetch_related(
                "texts", "areas", "partnership_types", "ip_rights__owners"
            ),
            reference=kwargs["reference"],
        )
        reading = listing_reading(request.user, listing, get_language() or "en", channel="api")
        if reading is None:
            return Response(status=status.HTTP_404_NOT_FOUND)  # handled as problem+json
        return Response(ListingDetailSerializer(reading).data)

    @extend_schema(
        request=ListingWriteSerializer, responses={201: ListingTeaserSerializer, **UNKNOWN_OWNER}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ListingWriteSerializer(data=request.data)
        _refuse_unknown_owner(incoming)
        listing = listing_create(actor=request.user, data=incoming.to_input())
        return Response(ListingTeaserSerializer(listing).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ListingWriteSerializer, responses={200: ListingTeaserSerializer, **UNKNOWN_OWNER}
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        listing = get_object_or_404(Listing, reference=kwargs["reference"])
        incoming = ListingWriteSerializer(data=request.data)
        _refuse_unknown_owner(incoming)
        data = incoming.to_input(kept_ip_rights=ip_rights_as_input(listing))
        listing = listing_update(actor=request.user, listing=listing, data=data)
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

    @extend_schema(responses=MatchSerializer(many=True))
    @action(detail=True, methods=["get"])
    def matches(self, request: Request, reference: str) -> Response:
        """The listing's match suggestions, best first, a page at a time like every list of
        the API (its owner's members only; for anyone else the listing has none to show:
        404)."""
        listing = get_object_or_404(Listing.objects.select_related("owner"), reference=reference)
        if not can_edit_for(request.user, listing.owner):
            raise NotFound
        page = self.paginate_queryset(listing_suggestions(listing))
        return self.get_paginated_response(MatchSerializer(page, many=True).data)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet[Organisation]):
    schema = ProblemAutoSchema()
    lookup_field = "slug"
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.order_by("slug")


class TaxonomyView(APIView):
    schema = ProblemAutoSchema()

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


#: The text fields a hit is matched in, as the engine names them (heaviest first; the last,
#: ``translation``, is the listing's word-by-word dictionary translation).
HIT_FIELDS = tuple(FIELD_LABELS)


class SearchHighlightSerializer(serializers.Serializer[Any]):
    field = serializers.ChoiceField(
        choices=HIT_FIELDS[:-1], help_text="body is the description and other long texts."
    )
    language = serializers.CharField(help_text="The language the fragment is written in.")
    text = serializers.CharField(help_text="A fragment of the listing's text, unescaped.")
    spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        help_text="[start, end) character offsets of the matched words in text.",
    )


class SearchReasonSerializer(serializers.Serializer[Any]):
    query = serializers.CharField(help_text="A word or phrase of the query, as typed.")
    matched = serializers.CharField(
        help_text="What was found: the word itself, its other-script or regional form, or a "
        "translation of it."
    )
    via = serializers.ChoiceField(
        choices=("query", "script", "variant", "glossary", "cedict"),
        help_text="query: as typed; script: Traditional and Simplified folded together; "
        "variant: a Hong Kong or mainland term for the same thing; glossary or cedict: a "
        "translation from the curated glossary or the CC-CEDICT dictionary.",
    )
    weight = serializers.FloatField(
        help_text="How much a match found this way counts (1 for the word as typed)."
    )
    field_labels = serializers.ListField(
        child=serializers.CharField(),
        help_text="The same fields named in the request's language, for display.",
    )

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        # "fields" is the name integrators read, but also a serializer's own attribute, so it
        # cannot be declared on the class (as "label" in matches.MatchSerializer).
        declared = dict(super().get_fields())
        codes = serializers.ListField(
            child=serializers.ChoiceField(choices=HIT_FIELDS),
            help_text="Where it was found, heaviest first: codes, the same in every language.",
        )
        ordered: dict[str, serializers.Field[Any, Any, Any, Any]] = {}
        for name, field in declared.items():
            if name == "field_labels":
                ordered["fields"] = codes
            ordered[name] = field
        return ordered


class SearchHitSerializer(serializers.Serializer[Any]):
    listing = ListingTeaserSerializer()
    score = serializers.FloatField()
    highlights = SearchHighlightSerializer(many=True)
    reasons = SearchReasonSerializer(many=True)


class SearchResultSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))


class AnyAreaCodes(forms.MultipleChoiceField):
    """Area codes as slugs: an unknown one matches no listing rather than being refused,
    since the codes are data that the schema cannot list."""

    def valid_value(self, value: Any) -> bool:
        return bool(AREA_CODE.fullmatch(str(value)))


class ApiSearchForm(SearchForm):
    """The search page's form, for the API: any area code, and a TRL range given the wrong
    way round matches nothing instead of being an error (each bound alone is valid)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"] = AnyAreaCodes(required=False)

    def clean(self) -> dict[str, Any]:
        return forms.Form.clean(self) or {}

    def is_empty_range(self) -> bool:
        low, high = self.cleaned_data.get("trl_min"), self.cleaned_data.get("trl_max")
        return low is not None and high is not None and low > high


def _many(name: str, values: list[str]) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, enum=values, many=True, description=_FILTER_NOTE
    )


_FILTER_NOTE = "Any of the values given (repeat the parameter); an empty value is ignored."
_TRL = {"type": "integer", "minimum": 1, "maximum": 9}


class SearchView(generics.GenericAPIView[Any]):
    """One query in any language; the same engine, filters and tiers as the search page."""

    schema = ProblemAutoSchema()
    serializer_class = SearchResultSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", {"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": LINE_PATTERN}
            ),
            _many("kind", ListingKind.values),
            OpenApiParameter(
                "area",
                {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "pattern": "^[-a-zA-Z0-9_]+$",
                        "maxLength": AREA_CODE_LENGTH,
                    },
                },
                description=_FILTER_NOTE,
            ),
            _many("region", Region.values),
            _many("org_type", OrganisationType.values),
            _many("partnership", PartnershipType.values),
            _many("ip_status", IPStatus.values),
            OpenApiParameter("trl_min", _TRL),
            OpenApiParameter("trl_max", _TRL, description="Below trl_min, nothing matches."),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=["relevance", "newest", "trl"]),
            OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
            OpenApiParameter(
                "offset", {"type": "integer", "minimum": 0, "maximum": MAX_SEARCH_OFFSET}
            ),
        ]
    )
    def get(self, request: Request) -> Response:
        limit = whole_number_param(request, "limit", default=20, low=1, high=MAX_LIMIT)
        offset = whole_number_param(request, "offset", default=0, low=0, high=MAX_SEARCH_OFFSET)
        filters = present(request.query_params)
        for paging in ("limit", "offset"):
            filters.pop(paging, None)
        form = ApiSearchForm(filters)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors.get_json_data())
        if form.is_empty_range():
            empty = {"count": 0, "results": [], "facets": {}}
            return Response(SearchResultSerializer(empty).data)
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
                        "fields": list(r.field_codes),
                        "field_labels": list(r.fields),
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


class NoSuchEndpoint(APIView):
    """Any address under the API that names no endpoint: 404 as problem+json, whatever the
    method, so that a client (or a path parameter with a slash in it) gets the API's errors."""

    schema = None

    def _not_found(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise NotFound()

    get = post = put = patch = delete = options = _not_found
