"""REST API v1: the Conference's programme as the public dashboards show it: the tracked
mechanism's areas, its published cooperation items with their published initiatives and
milestones, and its published indicators with their values computed as the dashboard
computes them (``programme.dashboard.indicator_rows``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from techbridge.core.scripts import in_reader_language
from techbridge.programme.dashboard import IndicatorRow, indicator_rows
from techbridge.programme.models import (
    CooperationArea,
    CooperationItem,
    Indicator,
    IndicatorSource,
    Initiative,
    Mechanism,
    Milestone,
)
from techbridge.programme.selectors import (
    programme_areas,
    published_indicators,
    published_initiatives,
    published_items,
)

from .schema import ProblemAutoSchema
from .views import AREA_CODE_LENGTH, present

MIN_YEAR, MAX_YEAR = 2000, 2100


def _value(**options: Any) -> serializers.DecimalField:
    """An indicator's figure (entered values have two decimals; sums may be long)."""
    return serializers.DecimalField(max_digits=20, decimal_places=2, **options)


class ProgrammeAreaSerializer(serializers.ModelSerializer[CooperationArea]):
    name = serializers.CharField(read_only=True)
    items = serializers.IntegerField(
        source="published_items", read_only=True, help_text="Its published cooperation items."
    )

    class Meta:
        model = CooperationArea
        fields = ["code", "name", "name_en", "name_zh_hant", "name_zh_hans", "position", "items"]
        read_only_fields = fields


class ItemFilterSerializer(serializers.Serializer[Any]):
    """An unknown area code matches nothing (areas are data, not a fixed vocabulary)."""

    area = serializers.SlugField(required=False, max_length=AREA_CODE_LENGTH)


class ProgrammeItemSerializer(serializers.ModelSerializer[CooperationItem]):
    area = serializers.CharField(source="area.code", read_only=True)
    title = serializers.SerializerMethodField(help_text="In the request's language.")
    status = serializers.ChoiceField(choices=CooperationItem.Status.choices, read_only=True)

    class Meta:
        model = CooperationItem
        fields = [
            "reference",
            "area",
            "title",
            "title_en",
            "title_zh_hant",
            "title_zh_hans",
            "status",
            "agreed_on",
        ]
        read_only_fields = fields

    def get_title(self, item: CooperationItem) -> str:
        return in_reader_language(item.title_en, item.title_zh_hant, item.title_zh_hans)


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    title = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Milestone.Status.choices, read_only=True)
    rag = serializers.SerializerMethodField(
        help_text="green, amber (due within 30 days, or done late) or red (overdue), as the "
        "dashboards show it; null for a cancelled milestone."
    )

    class Meta:
        model = Milestone
        fields = [
            "title",
            "title_en",
            "title_zh_hant",
            "title_zh_hans",
            "due_on",
            "status",
            "done_on",
            "rag",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(choices=["red", "amber", "green"], allow_null=True)
    )
    def get_rag(self, milestone: Milestone) -> str | None:
        return milestone.rag(self.context["today"]) or None


class InitiativeSerializer(serializers.ModelSerializer[Initiative]):
    title = serializers.CharField(read_only=True)
    hk_unit = serializers.CharField(
        read_only=True, help_text="The responsible unit in Hong Kong, in the request's language."
    )
    cq_unit = serializers.CharField(
        read_only=True, help_text="The responsible unit in Chongqing, in the request's language."
    )
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "title",
            "title_en",
            "title_zh_hant",
            "title_zh_hans",
            "hk_unit",
            "cq_unit",
            "milestones",
        ]
        read_only_fields = fields


class ProgrammeItemDetailSerializer(ProgrammeItemSerializer):
    initiatives = serializers.SerializerMethodField(help_text="Its published initiatives.")

    class Meta(ProgrammeItemSerializer.Meta):
        fields = [*ProgrammeItemSerializer.Meta.fields, "initiatives"]
        read_only_fields = fields

    @extend_schema_field(InitiativeSerializer(many=True))
    def get_initiatives(self, item: CooperationItem) -> list[dict[str, Any]]:
        initiatives = published_initiatives(item)
        return list(InitiativeSerializer(initiatives, many=True, context=self.context).data)


class IndicatorFilterSerializer(serializers.Serializer[Any]):
    area = serializers.SlugField(
        required=False,
        max_length=AREA_CODE_LENGTH,
        help_text="The indicators of this area and of its items.",
    )
    year = serializers.IntegerField(
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text="The year of value and share_of_target; this year when absent.",
    )


class PeriodValueSerializer(serializers.Serializer[Any]):
    period = serializers.CharField(help_text="2026, or 2026 Q3 for a quarterly indicator.")
    start = serializers.DateField()
    end = serializers.DateField(help_text="The first day after the period.")
    value = _value(allow_null=True)


class ProgrammeIndicatorSerializer(serializers.Serializer[Any]):
    """An indicator and its values, as the programme dashboard shows it."""

    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    name_en = serializers.CharField(source="indicator.name_en")
    name_zh_hant = serializers.CharField(source="indicator.name_zh_hant")
    name_zh_hans = serializers.CharField(source="indicator.name_zh_hans")
    unit = serializers.CharField(source="indicator.unit")
    definition = serializers.CharField(source="indicator.definition")
    area = serializers.SerializerMethodField(help_text="null for the mechanism's own.")
    item = serializers.SerializerMethodField(help_text="The cooperation item's reference.")
    computed = serializers.BooleanField(
        source="indicator.computed",
        help_text="Computed from what happens on the platform, or entered with evidence.",
    )
    period = serializers.ChoiceField(source="indicator.period", choices=Indicator.Period.choices)
    aggregation = serializers.ChoiceField(
        source="indicator.aggregation", choices=Indicator.Aggregation.choices
    )
    baseline = _value(source="indicator.baseline")
    target = _value(source="indicator.target")
    target_year = serializers.IntegerField(source="indicator.target_year")
    year = serializers.SerializerMethodField()
    value = _value(allow_null=True, help_text="The year's value; null when none was entered.")
    split = serializers.SerializerMethodField(
        help_text="The value by direction (hk_cq, cq_hk, other), for indicators split so."
    )
    share_of_target = serializers.IntegerField(
        allow_null=True, help_text="The year's value as a whole percentage of the target."
    )
    values = serializers.SerializerMethodField(
        help_text="The values of each reporting period over the three years to the year."
    )

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()
        # Added here: as a class attribute, "source" would hide Field.source.
        source = serializers.ChoiceField(source="indicator.source", choices=IndicatorSource.choices)
        names = list(fields)
        at = names.index("computed")
        return {
            **{name: fields[name] for name in names[:at]},
            "source": source,
            **{name: fields[name] for name in names[at:]},
        }

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_area(self, row: IndicatorRow) -> str | None:
        return row.indicator.area.code if row.indicator.area is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_item(self, row: IndicatorRow) -> str | None:
        return row.indicator.item.reference if row.indicator.item is not None else None

    def get_year(self, row: IndicatorRow) -> int:
        return int(self.context["year"])

    @extend_schema_field(serializers.DictField(child=_value()))
    def get_split(self, row: IndicatorRow) -> dict[str, Any]:
        field = _value()
        return {direction: field.to_representation(n) for direction, n in row.split.items()}

    @extend_schema_field(PeriodValueSerializer(many=True))
    def get_values(self, row: IndicatorRow) -> list[dict[str, Any]]:
        periods = [
            {"period": period.label, "start": period.start, "end": period.end, "value": value}
            for period, value in row.trend
        ]
        return list(PeriodValueSerializer(periods, many=True).data)


class ProgrammeAreaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[CooperationArea]):
    """The areas of the mechanism this platform tracks, in their order."""

    schema = ProblemAutoSchema()
    serializer_class = ProgrammeAreaSerializer

    def get_queryset(self) -> QuerySet[CooperationArea]:
        return programme_areas()


class ProgrammeItemViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[CooperationItem]
):
    """Published cooperation items; one with its published initiatives and their milestones."""

    schema = ProblemAutoSchema()
    serializer_class = ProgrammeItemSerializer
    lookup_field = "reference"

    def get_queryset(self) -> QuerySet[CooperationItem]:
        items = published_items()
        if self.action == "list":
            filters = ItemFilterSerializer(data=present(self.request.query_params))
            filters.is_valid(raise_exception=True)
            if "area" in filters.validated_data:
                items = items.filter(area__code=filters.validated_data["area"])
        return items

    @extend_schema(parameters=[ItemFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=ProgrammeItemDetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        context = {**self.get_serializer_context(), "today": timezone.localdate()}
        return Response(ProgrammeItemDetailSerializer(self.get_object(), context=context).data)


class ProgrammeIndicatorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Indicator]):
    """Published indicators with baseline, target and values: the mechanism's own first,
    then by area and item, as on the dashboard."""

    schema = ProblemAutoSchema()
    serializer_class = ProgrammeIndicatorSerializer

    def get_queryset(self) -> QuerySet[Indicator]:
        mechanism = Mechanism.objects.filter(is_primary=True).first()
        if mechanism is None:
            return Indicator.objects.none()
        indicators = published_indicators(mechanism)
        area = self._filters().get("area")
        return indicators.filter(area__code=area) if area else indicators

    def _filters(self) -> dict[str, Any]:
        filters = IndicatorFilterSerializer(data=present(self.request.query_params))
        filters.is_valid(raise_exception=True)
        return dict(filters.validated_data)

    @extend_schema(parameters=[IndicatorFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        year = self._filters().get("year") or timezone.localdate().year
        paginator = self.paginator
        assert paginator is not None  # REST_FRAMEWORK's DEFAULT_PAGINATION_CLASS
        page = paginator.paginate_queryset(self.get_queryset(), request, view=self)
        rows = indicator_rows(list(page or []), year)
        context = {**self.get_serializer_context(), "year": year}
        data = ProgrammeIndicatorSerializer(rows, many=True, context=context).data
        return paginator.get_paginated_response(data)
