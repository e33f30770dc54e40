"""REST API v1: instruments taking bookings, their fees, and the free slots on their grid
(public, as the instrument pages are)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from techbridge.accounts.choices import Region
from techbridge.catalogue.choices import Currency
from techbridge.facilities.models import Instrument, InstrumentCategory, UserCategory
from techbridge.facilities.selectors import MAX_FREE_SLOT_DAYS, free_slots

from .schema import ProblemAutoSchema
from .views import present

# ASCII digits only, and few enough for any database's integer (as deals.DEAL_ID).
OBJECT_ID = re.compile(r"[0-9]{1,18}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DEFAULT_FREE_SLOT_DAYS = 7
_SMALL_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")


def object_id(pk: str) -> int:
    """``pk`` from the path as an id, or a 404 when it cannot name an object."""
    if not OBJECT_ID.fullmatch(pk):
        raise NotFound
    return int(pk)


class InstrumentFilterSerializer(serializers.Serializer[Any]):
    """The instrument list's filters; an unknown category or region is a 400, an unknown
    organisation simply matches no instrument."""

    organisation = serializers.SlugField(
        required=False, max_length=80, help_text="The owner organisation's slug."
    )
    category = serializers.ChoiceField(choices=InstrumentCategory.choices, required=False)
    region = serializers.ChoiceField(
        choices=Region.choices, required=False, help_text="The owner organisation's region."
    )


class FeeSerializer(serializers.Serializer[Any]):
    user_category = serializers.ChoiceField(choices=UserCategory.choices)
    currency = serializers.ChoiceField(choices=Currency.choices)
    hourly_rate = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)


class InstrumentSerializer(serializers.ModelSerializer[Instrument]):
    """An instrument; ``name`` (and the other texts without a language suffix) in the
    request's language (Accept-Language), the other Chinese script converted where missing."""

    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    region = serializers.ChoiceField(
        source="organisation.region", choices=Region.choices, read_only=True
    )
    name = serializers.CharField(read_only=True)
    location = serializers.CharField(read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "region",
            "category",
            "name",
            "name_en",
            "name_zh_hant",
            "name_zh_hans",
            "manufacturer",
            "model_name",
            "location",
            "lead_time_days",
            "slot_minutes",
            "requires_training",
            "requires_approval",
        ]
        read_only_fields = fields


class InstrumentDetailSerializer(InstrumentSerializer):
    """An instrument with its capabilities, the terms for results produced on it and its
    hourly fees by user category and currency."""

    capabilities = serializers.CharField(read_only=True)
    results_terms = serializers.CharField(read_only=True)
    fees = FeeSerializer(many=True, read_only=True)

    class Meta(InstrumentSerializer.Meta):
        fields = [*InstrumentSerializer.Meta.fields, "capabilities", "results_terms", "fees"]
        read_only_fields = fields


class SlotSerializer(serializers.Serializer[Any]):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class FreeSlotsSerializer(serializers.Serializer[Any]):
    instrument = serializers.IntegerField()
    days = serializers.IntegerField(min_value=1, max_value=MAX_FREE_SLOT_DAYS)
    slot_minutes = serializers.IntegerField()
    lead_time_days = serializers.IntegerField()
    slots = SlotSerializer(many=True)

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()
        # "from" cannot be a class attribute's name.
        return {
            "instrument": fields.pop("instrument"),
            "from": serializers.DateField(help_text="The first day asked about."),
            **fields,
        }


FREE_SLOT_PARAMETERS = [
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        description="The first day (YYYY-MM-DD, local time); today when absent.",
    ),
    OpenApiParameter(
        "days",
        {"type": "integer", "minimum": 1, "maximum": MAX_FREE_SLOT_DAYS},
        description=f"How many days from the first; {DEFAULT_FREE_SLOT_DAYS} when absent.",
    ),
]


def _free_slot_window(request: Request) -> tuple[date, int]:
    """The first day and the number of days asked for; an invalid value is a 400."""
    query = present(request.query_params)
    errors: dict[str, list[str]] = {}
    first = timezone.localdate()
    raw_from = query.get("from")
    if raw_from is not None:
        try:
            if not ISO_DATE.fullmatch(raw_from):
                raise ValueError(raw_from)
            first = date.fromisoformat(raw_from)
        except ValueError:
            errors["from"] = [_("Give a date as YYYY-MM-DD.")]
    days = DEFAULT_FREE_SLOT_DAYS
    raw_days = query.get("days")
    if raw_days is not None:
        if _SMALL_WHOLE_NUMBER.fullmatch(raw_days) and 1 <= int(raw_days) <= MAX_FREE_SLOT_DAYS:
            days = int(raw_days)
        else:
            errors["days"] = [
                _("Must be between %(low)d and %(high)d.") % {"low": 1, "high": MAX_FREE_SLOT_DAYS}
            ]
    if errors:
        raise serializers.ValidationError(errors)
    return first, days


class InstrumentViewSet(viewsets.ReadOnlyModelViewSet[Instrument]):
    """Instruments taking bookings (inactive ones are not shown), in the order of the
    instruments page: by region of their organisation, then by name."""

    schema = ProblemAutoSchema()
    serializer_class = InstrumentSerializer

    def get_queryset(self) -> QuerySet[Instrument]:
        instruments = Instrument.objects.filter(is_active=True)
        if self.action == "list":
            filters = InstrumentFilterSerializer(data=present(self.request.query_params))
            filters.is_valid(raise_exception=True)
            lookups = {
                "organisation": "organisation__slug",
                "category": "category",
                "region": "organisation__region",
            }
            for name, value in filters.validated_data.items():
                instruments = instruments.filter(**{lookups[name]: value})
        return instruments.select_related("organisation").order_by(
            "organisation__region", "name_en", "pk"
        )

    def get_object(self) -> Instrument:
        instruments = self.get_queryset()
        if self.action == "retrieve":
            instruments = instruments.prefetch_related("fees")
        instrument = instruments.filter(pk=object_id(self.kwargs["pk"])).first()
        if instrument is None:
            raise NotFound
        return instrument

    @extend_schema(parameters=[InstrumentFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=InstrumentDetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(InstrumentDetailSerializer(self.get_object()).data)

    @extend_schema(parameters=FREE_SLOT_PARAMETERS, responses=FreeSlotsSerializer)
    @action(detail=True, methods=["get"], url_path="free-slots")
    def free_slots(self, request: Request, pk: str) -> Response:
        """The slots a request could still take: on the instrument's grid (slots start at
        local midnight and follow each other through the day), no sooner than its lead time,
        and clear of approved and completed bookings. A requested booking holds no time."""
        instrument = self.get_object()
        first, days = _free_slot_window(request)
        data = {
            "instrument": instrument.pk,
            "from": first,
            "days": days,
            "slot_minutes": instrument.slot_minutes,
            "lead_time_days": instrument.lead_time_days,
            "slots": free_slots(instrument, first, days),
        }
        return Response(FreeSlotsSerializer(data).data)
