"""REST API v1: the reader's deals. Writes go through the pipeline's services; a client may
send an ``Idempotency-Key`` header so that a retried request has one effect."""

from __future__ import annotations

import re
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from techbridge.accounts.models import Organisation
from techbridge.api.errors import problem_response
from techbridge.api.schema import ProblemAutoSchema, problem
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import Deal, DealMessage
from techbridge.pipeline.roles import deal_role, deals_of
from techbridge.pipeline.selectors import owner_hidden_from
from techbridge.pipeline.services import deal_advance, deal_express_interest, deal_message_post
from techbridge.pipeline.services.deals import IdempotencyKeyReused
from techbridge.pipeline.transitions import Event, Role, Stage, available_events

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string; repeating a request with the same key has one effect. A key "
        "already used for another request (another step, deal or kind of write, or the same "
        "write with other content) is refused with 422."
    ),
)


# The reply to a reused Idempotency-Key, beside what each write answers when it works.
KEY_REUSED = problem(422, "The Idempotency-Key was already used for another request.")
NO_SUCH_PARTY = problem(404, "The listing or the organisation named does not exist.")


class DealSerializer(serializers.ModelSerializer[Deal]):
    listing: Any = serializers.SlugRelatedField(slug_field="reference", read_only=True)
    owner = serializers.SerializerMethodField(
        help_text=(
            "The owner organisation's slug; null for the interested party while the owner of "
            "an anonymous listing has not accepted the interest."
        )
    )
    owner_region = serializers.CharField(source="owner.region", read_only=True)
    owner_type = serializers.CharField(source="owner.org_type", read_only=True)
    counterparty: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    direction = serializers.CharField(read_only=True)
    your_side = serializers.SerializerMethodField()
    next_events = serializers.SerializerMethodField()

    class Meta:
        model = Deal
        fields = [
            "id",
            "listing",
            "owner",
            "owner_region",
            "owner_type",
            "counterparty",
            "stage",
            "outcome",
            "stage_entered_at",
            "direction",
            "export_classification",
            "created_at",
            "your_side",
            "next_events",
        ]

    def _role(self, deal: Deal) -> Role:
        # Three fields ask; one membership query per deal.
        roles: dict[int, Role] = self.__dict__.setdefault("_roles", {})
        if deal.pk not in roles:
            roles[deal.pk] = deal_role(self.context["request"].user, deal)
        return roles[deal.pk]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_owner(self, deal: Deal) -> str | None:
        return None if owner_hidden_from(deal, self._role(deal)) else deal.owner.slug

    def get_your_side(self, deal: Deal) -> str:
        return self._role(deal).value

    def get_next_events(self, deal: Deal) -> list[str]:
        return [event.value for event in available_events(Stage(deal.stage), self._role(deal))]


class InterestSerializer(serializers.Serializer[Any]):
    listing = serializers.CharField(max_length=24)
    organisation = serializers.SlugField(max_length=80)
    message = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class EventSerializer(serializers.Serializer[Any]):
    event = serializers.ChoiceField(choices=[e.value for e in Event if e != Event.NDA_IN_FORCE])


class MessageSerializer(serializers.ModelSerializer[DealMessage]):
    organisation = serializers.SerializerMethodField(
        help_text="The author's organisation; null while it is an undisclosed anonymous owner."
    )

    class Meta:
        model = DealMessage
        fields = ["id", "organisation", "body", "parent", "created_at"]
        read_only_fields = ["id", "organisation", "parent", "created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organisation(self, message: DealMessage) -> str | None:
        if message.organisation_id == self.context.get("hidden_owner_id"):
            return None
        return message.organisation.slug


DEAL_ID = re.compile(r"[0-9]{1,18}")


def _hidden_owner_id(request: Request, deal: Deal) -> int | None:
    """The owner organisation to leave unnamed for this reader (see pipeline.selectors)."""
    return deal.owner_id if owner_hidden_from(deal, deal_role(request.user, deal)) else None


def _key(request: Request) -> str | None:
    return request.headers.get("Idempotency-Key") or None


def _key_reused(error: IdempotencyKeyReused) -> Response:
    """422, as the Idempotency-Key header's specification answers a key reused for a
    different request: nothing was done."""
    return problem_response(
        status.HTTP_422_UNPROCESSABLE_ENTITY,
        _("The idempotency key was already used."),
        detail=" ".join(error.messages),
    )


class DealViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Deal]):
    """Deals the reader's organisations take part in, on either side."""

    schema = ProblemAutoSchema()
    permission_classes = [IsAuthenticated]
    serializer_class = DealSerializer

    def get_queryset(self) -> Any:
        return (
            deals_of(self.request.user)
            .select_related("listing", "owner", "counterparty")
            .order_by("-created_at", "-pk")
        )

    def _deal(self, pk: str) -> Deal:
        # ASCII digits only, and few enough for any database's integer: "²" or a 30-digit
        # number names no deal, rather than failing in the lookup.
        deal = self.get_queryset().filter(pk=int(pk)).first() if DEAL_ID.fullmatch(pk) else None
        if deal is None:
            raise NotFound
        return deal

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(DealSerializer(self._deal(pk), context={"request": request}).data)

    @extend_schema(
        request=InterestSerializer,
        responses={201: DealSerializer, **KEY_REUSED, **NO_SUCH_PARTY},
        parameters=[IDEMPOTENCY_HEADER],
    )
    def create(self, request: Request) -> Response:
        """Express interest in a listing for one of the reader's organisations."""
        incoming = InterestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        listing = get_object_or_404(Listing, reference=incoming.validated_data["listing"])
        organisation = get_object_or_404(Organisation, slug=incoming.validated_data["organisation"])
        try:
            deal = deal_express_interest(
                actor=request.user,
                listing=listing,
                organisation=organisation,
                message=incoming.validated_data.get("message", ""),
                idempotency_key=_key(request),
            )
        except IdempotencyKeyReused as error:
            return _key_reused(error)
        body = DealSerializer(deal, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=EventSerializer,
        responses={200: DealSerializer, **KEY_REUSED},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @action(detail=True, methods=["post"])
    def events(self, request: Request, pk: str) -> Response:
        """Take the next step (see ``next_events``)."""
        deal = self._deal(pk)
        incoming = EventSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            deal = deal_advance(
                actor=request.user,
                deal=deal,
                event=incoming.validated_data["event"],
                idempotency_key=_key(request),
            )
        except IdempotencyKeyReused as error:
            return _key_reused(error)
        return Response(DealSerializer(deal, context={"request": request}).data)

    @extend_schema(methods=["GET"], request=None, responses=MessageSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=MessageSerializer,
        responses={201: MessageSerializer, **KEY_REUSED},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @action(detail=True, methods=["get", "post"])
    def messages(self, request: Request, pk: str) -> Response:
        """The deal's conversation; post to add a message."""
        deal = self._deal(pk)
        if request.method == "POST":
            incoming = MessageSerializer(data=request.data)
            incoming.is_valid(raise_exception=True)
            try:
                posted = deal_message_post(
                    actor=request.user,
                    deal=deal,
                    body=incoming.validated_data["body"],
                    idempotency_key=_key(request),
                )
            except IdempotencyKeyReused as error:
                return _key_reused(error)
            context = {"hidden_owner_id": _hidden_owner_id(request, deal)}
            created = MessageSerializer(posted, context=context).data
            return Response(created, status=status.HTTP_201_CREATED)
        messages = deal.messages.select_related("organisation").order_by("created_at", "pk")
        paginator = self.paginator
        assert paginator is not None  # REST_FRAMEWORK's DEFAULT_PAGINATION_CLASS
        page = paginator.paginate_queryset(messages, request, view=self)
        context = {"hidden_owner_id": _hidden_owner_id(request, deal)}
        return paginator.get_paginated_response(
            MessageSerializer(page, many=True, context=context).data
        )
