"""What the API says about listings, organisations and the taxonomy; listings are written
through the catalogue services, never by the serializers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from rest_framework import serializers

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import (
    Currency,
    DisclosureTier,
    IPStatus,
    ListingKind,
    PartnershipType,
    PriceTerms,
)
from techbridge.catalogue.models import Listing
from techbridge.catalogue.selectors import ListingReading, pick_text
from techbridge.catalogue.services.inputs import ListingInput, TextInput
from techbridge.programme.models import CooperationArea

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name_en",
            "name_zh_hant",
            "name_zh_hans",
            "org_type",
            "region",
            "is_verified",
        ]


class AreaSerializer(serializers.ModelSerializer[CooperationArea]):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = CooperationArea
        fields = ["code", "name", "name_en", "name_zh_hant", "name_zh_hans"]


class ChoiceSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class TRLSerializer(serializers.Serializer[Any]):
    level = serializers.IntegerField()
    een_stage = serializers.CharField()
    maturity_stage = serializers.CharField()


class TaxonomySerializer(serializers.Serializer[Any]):
    areas = AreaSerializer(many=True)
    kinds = ChoiceSerializer(many=True)
    partnership_types = ChoiceSerializer(many=True)
    ip_statuses = ChoiceSerializer(many=True)
    trl_levels = TRLSerializer(many=True)


class ListingTeaserSerializer(serializers.Serializer[Listing]):
    """The public teaser of a listing in the request's language (or its original)."""

    reference = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    owner = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    converted = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    areas = serializers.SerializerMethodField()
    keywords = serializers.ListField(child=serializers.CharField())
    trl = serializers.IntegerField(source="trl_id", allow_null=True)
    ip_status = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)

    def _text(self, listing: Listing) -> Any:
        return pick_text(listing, get_language() or "en")[0]

    def get_owner(self, listing: Listing) -> str | None:
        return None if listing.is_anonymous else listing.owner.slug

    def get_language(self, listing: Listing) -> str:
        return str(self._text(listing).language)

    def get_converted(self, listing: Listing) -> bool:
        return bool(self._text(listing).origin == "machine")

    def get_title(self, listing: Listing) -> str:
        return str(self._text(listing).title)

    def get_summary(self, listing: Listing) -> str:
        return str(self._text(listing).summary)

    def get_areas(self, listing: Listing) -> list[str]:
        return [area.code for area in listing.areas.all()]


class ListingDetailSerializer(serializers.Serializer[ListingReading]):
    """One listing as its reader may see it: confidential fields are null below its tier."""

    teaser = serializers.SerializerMethodField()
    partnership_types = serializers.SerializerMethodField()
    price_terms = serializers.CharField(source="listing.price_terms")
    price_amount = serializers.DecimalField(
        source="listing.price_amount", max_digits=14, decimal_places=2, allow_null=True
    )
    currency = serializers.CharField(source="listing.currency")
    detail_visible = serializers.BooleanField()
    description = serializers.SerializerMethodField()
    advantages = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()

    def get_teaser(self, reading: ListingReading) -> dict[str, Any]:
        teaser = ListingTeaserSerializer(reading.listing).data
        if not reading.owner_visible:
            teaser["owner"] = None
        return dict(teaser)

    def get_partnership_types(self, reading: ListingReading) -> list[str]:
        return [p.code for p in reading.listing.partnership_types.all()]

    def _detail(self, reading: ListingReading, name: str) -> str | None:
        return str(getattr(reading.text, name)) if reading.detail_visible else None

    def get_description(self, reading: ListingReading) -> str | None:
        return self._detail(reading, "description")

    def get_advantages(self, reading: ListingReading) -> str | None:
        return self._detail(reading, "advantages")

    def get_requirements(self, reading: ListingReading) -> str | None:
        return self._detail(reading, "requirements")


class TextWriteSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=300, allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    advantages = serializers.CharField(required=False, allow_blank=True, default="")
    requirements = serializers.CharField(required=False, allow_blank=True, default="")


class ListingWriteSerializer(serializers.Serializer[Any]):
    """Input of create and update; the rules are checked by the catalogue services."""

    kind = serializers.ChoiceField(choices=ListingKind.choices)
    owner = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    original_language = serializers.ChoiceField(choices=settings.LANGUAGES)
    texts = serializers.DictField(child=TextWriteSerializer())
    areas = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    partnership_types = serializers.ListField(
        child=serializers.ChoiceField(choices=PartnershipType.choices),
        required=False,
        default=list,
    )
    keywords = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    trl = serializers.IntegerField(required=False, allow_null=True, default=None)
    ip_status = serializers.ChoiceField(choices=IPStatus.choices, default=IPStatus.NONE)
    price_terms = serializers.ChoiceField(choices=PriceTerms.choices, default=PriceTerms.NEGOTIABLE)
    price_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    currency = serializers.ChoiceField(
        choices=[("", ""), *Currency.choices], required=False, default=""
    )
    is_anonymous = serializers.BooleanField(required=False, default=False)
    teaser_tier = serializers.ChoiceField(
        choices=DisclosureTier.choices, default=DisclosureTier.PUBLIC
    )
    detail_tier = serializers.ChoiceField(
        choices=DisclosureTier.choices, default=DisclosureTier.REGISTERED
    )
    external_ref = serializers.CharField(required=False, allow_blank=True, default="")

    def to_input(self) -> ListingInput:
        data = dict(self.validated_data)
        texts = {language: TextInput(**text) for language, text in data.pop("texts").items()}
        return ListingInput(
            texts=texts,
            teaser_tier=int(data.pop("teaser_tier")),
            detail_tier=int(data.pop("detail_tier")),
            **data,
        )
