"""REST API v1: instrument bookings. The reader's own bookings and those of the instruments
they manage; requests, decisions, cancellation and completion go through the facilities
services, which hold every rule (deciding needs the second factor: a token carries it only if
the session that created it had confirmed one)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from techbridge.catalogue.choices import Currency
from techbridge.facilities.fees import booking_hours, booking_total, hours_between
from techbridge.facilities.instruments import managed_organisations
from techbridge.facilities.models import Booking, BookingStatus, Instrument, UserCategory
from techbridge.facilities.services import (
    booking_approve,
    booking_cancel,
    booking_complete,
    booking_decline,
    booking_request,
)

from .instruments import object_id
from .schema import ProblemAutoSchema, problem
from .serializers import TextSafeSerializer
from .views import present

CENT = Decimal("0.01")
NO_SUCH_INSTRUMENT = problem(404, "The instrument named does not exist.")
# What the reader may do next with a booking, by its status; the services decide.
_MANAGER_ACTIONS: dict[str, list[str]] = {
    BookingStatus.REQUESTED: ["approve", "decline", "cancel"],
    BookingStatus.APPROVED: ["complete", "cancel"],
}
_REQUESTER_ACTIONS: dict[str, list[str]] = {
    BookingStatus.REQUESTED: ["cancel"],
    BookingStatus.APPROVED: ["cancel"],
}
# The bookings a fee is charged for: an estimate on the booked time until completed.
_CHARGED = (BookingStatus.REQUESTED, BookingStatus.APPROVED, BookingStatus.COMPLETED)


class QuotedFeeSerializer(serializers.Serializer[Any]):
    user_category = serializers.ChoiceField(choices=UserCategory.choices)
    hourly_rate = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    currency = serializers.ChoiceField(choices=Currency.choices)


class TotalSerializer(serializers.Serializer[Any]):
    basis = serializers.ChoiceField(
        choices=["booked", "actual"],
        help_text="booked: the booked time, until the managers record the hours used (actual).",
    )
    hours = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    amount = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        min_value=0,
        help_text="The hourly rate times the hours, to the cent.",
    )
    currency = serializers.ChoiceField(choices=Currency.choices)


class BookingSerializer(serializers.ModelSerializer[Booking]):
    instrument = serializers.IntegerField(source="instrument_id", read_only=True)
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)
    organisation = serializers.CharField(
        source="instrument.organisation.slug",
        read_only=True,
        help_text="The slug of the organisation whose instrument it is.",
    )
    requester = serializers.SerializerMethodField(help_text="The requester's name.")
    requester_organisation = serializers.SerializerMethodField(
        help_text="The slug of the requester's organisation when they asked, if any."
    )
    status = serializers.ChoiceField(choices=BookingStatus.choices, read_only=True)
    booked_hours = serializers.SerializerMethodField()
    fee = serializers.SerializerMethodField(
        help_text="The hourly fee quoted when the booking was requested; null if none applied."
    )
    total = serializers.SerializerMethodField(
        help_text="What the booking costs at the quoted fee; null without a fee, or once "
        "declined or cancelled."
    )
    actions = serializers.SerializerMethodField(
        help_text="The steps the reader may take: approve, decline, complete, cancel."
    )

    class Meta:
        model = Booking
        fields = [
            "id",
            "instrument",
            "instrument_name",
            "organisation",
            "starts_at",
            "ends_at",
            "purpose",
            "status",
            "requester",
            "requester_organisation",
            "is_cross_boundary",
            "booked_hours",
            "actual_hours",
            "fee",
            "total",
            "decided_at",
            "created_at",
            "actions",
        ]
        read_only_fields = fields

    def get_requester(self, booking: Booking) -> str:
        return booking.requester.get_full_name()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_requester_organisation(self, booking: Booking) -> str | None:
        organisation = booking.requester_organisation
        return organisation.slug if organisation is not None else None

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0))
    def get_booked_hours(self, booking: Booking) -> str:
        return f"{hours_between(booking.starts_at, booking.ends_at):f}"

    @extend_schema_field(QuotedFeeSerializer(allow_null=True))
    def get_fee(self, booking: Booking) -> dict[str, Any] | None:
        if booking.fee_rate is None:
            return None
        quoted = {
            "user_category": booking.user_category,
            "hourly_rate": booking.fee_rate,
            "currency": booking.fee_currency,
        }
        return dict(QuotedFeeSerializer(quoted).data)

    @extend_schema_field(TotalSerializer(allow_null=True))
    def get_total(self, booking: Booking) -> dict[str, Any] | None:
        if booking.fee_rate is None or booking.status not in _CHARGED:
            return None
        # The same figures as the pages (facilities.fees): hours used once recorded.
        total = {
            "basis": "actual" if booking.actual_hours is not None else "booked",
            "hours": booking_hours(booking),
            "amount": booking_total(booking),
            "currency": booking.fee_currency,
        }
        return dict(TotalSerializer(total).data)

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=["approve", "decline", "complete", "cancel"])
        )
    )
    def get_actions(self, booking: Booking) -> list[str]:
        reader = self.context["request"].user
        if booking.instrument.organisation_id in self.context["managed"]:
            return list(_MANAGER_ACTIONS.get(booking.status, []))
        if booking.requester_id == reader.pk:
            return list(_REQUESTER_ACTIONS.get(booking.status, []))
        return []


class BookingFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=BookingStatus.choices, required=False)


class BookingRequestSerializer(TextSafeSerializer):
    instrument = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    starts_at = serializers.DateTimeField(
        help_text="On the instrument's slot grid; without an offset, Hong Kong time."
    )
    ends_at = serializers.DateTimeField(help_text="A whole number of slots after starts_at.")
    purpose = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CompletionSerializer(serializers.Serializer[Any]):
    actual_hours = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        min_value=Decimal(0),
        help_text="The hours used, at most the hours booked.",
    )


class BookingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Booking]):
    """The reader's own bookings (the list) and those of the instruments they manage as a
    facility manager or administrator of the instrument's organisation (``managed``)."""

    schema = ProblemAutoSchema()
    permission_classes = [IsAuthenticated]
    serializer_class = BookingSerializer

    _managed_ids: set[int] | None = None

    def _managed(self) -> set[int]:
        """The organisations whose instruments the reader manages (asked once a request)."""
        if self._managed_ids is None:
            self._managed_ids = {o.pk for o in managed_organisations(self.request.user)}
        return self._managed_ids

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "managed": self._managed()}

    def get_queryset(self) -> QuerySet[Booking]:
        user = self.request.user
        if not user.is_authenticated:  # the schema's generation asks without a reader
            return Booking.objects.none()
        managed = Q(instrument__organisation_id__in=self._managed())
        bookings = Booking.objects.select_related(
            "instrument__organisation", "requester", "requester_organisation"
        )
        if self.action == "list":
            bookings = bookings.filter(requester=user).order_by("-starts_at", "-pk")
        elif self.action == "managed":
            bookings = bookings.filter(managed).order_by("starts_at", "pk")
        else:
            return bookings.filter(Q(requester=user) | managed)
        filters = BookingFilterSerializer(data=present(self.request.query_params))
        filters.is_valid(raise_exception=True)
        if "status" in filters.validated_data:
            bookings = bookings.filter(status=filters.validated_data["status"])
        return bookings

    def _booking(self, pk: str) -> Booking:
        """A booking the reader may see (their own or one they manage); others are not
        found, so that nobody learns of another's booking."""
        booking = self.get_queryset().filter(pk=object_id(pk)).first()
        if booking is None:
            raise NotFound
        return booking

    def _answer(self, booking: Booking, code: int = status.HTTP_200_OK) -> Response:
        fresh = self._booking(str(booking.pk))
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(parameters=[BookingFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The reader's own bookings, latest first."""
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[BookingFilterSerializer], responses=BookingSerializer(many=True))
    @action(detail=False, methods=["get"])
    def managed(self, request: Request) -> Response:
        """Bookings of the instruments the reader manages, earliest first."""
        return super().list(request)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.get_serializer(self._booking(pk)).data)

    @extend_schema(
        request=BookingRequestSerializer, responses={201: BookingSerializer, **NO_SUCH_INSTRUMENT}
    )
    def create(self, request: Request) -> Response:
        """Ask for time on an instrument. An instrument without an approval step grants it
        at once (the booking is approved) or refuses a time that is taken."""
        incoming = BookingRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        instrument = Instrument.objects.filter(pk=data["instrument"]).first()
        if instrument is None:
            raise NotFound(_("The instrument named does not exist."))
        booking = booking_request(
            actor=request.user,
            instrument=instrument,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            purpose=data.get("purpose", ""),
        )
        return self._answer(booking, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """Approve a requested booking (the instrument's managers, with the second factor)."""
        return self._answer(booking_approve(actor=request.user, booking=self._booking(pk)))

    @extend_schema(request=None, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        """Decline a requested booking (the instrument's managers, with the second factor)."""
        return self._answer(booking_decline(actor=request.user, booking=self._booking(pk)))

    @extend_schema(request=None, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        """Cancel a requested or approved booking (its requester or the managers)."""
        return self._answer(booking_cancel(actor=request.user, booking=self._booking(pk)))

    @extend_schema(request=CompletionSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        """Record the hours an approved booking used (the instrument's managers)."""
        booking = self._booking(pk)
        incoming = CompletionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        done = booking_complete(
            actor=request.user,
            booking=booking,
            actual_hours=incoming.validated_data["actual_hours"],
        )
        return self._answer(done)
