"""What the API says about listings, organisations and the taxonomy; listings are written
through the catalogue services, never by the serializers.

Every serializer here is a ``TextSafeSerializer``: each of its text fields (nested ones and
the items of lists and dicts included) refuses control characters with a 400 and a field
error, so that no text reaching a service can break a page or an export later.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import (
    Currency,
    DisclosureTier,
    IPRightStatus,
    IPRightType,
    IPStatus,
    IPTerritory,
    ListingKind,
    PartnershipType,
    PriceTerms,
)
from techbridge.catalogue.models import IPRight, IPRightOwner, Listing
from techbridge.catalogue.models.listing import PRICE_DECIMAL_PLACES, PRICE_MAX_DIGITS
from techbridge.catalogue.selectors import ListingReading, pick_text
from techbridge.catalogue.services.inputs import (
    MAX_CODE_LENGTH,
    MAX_DETAIL_LENGTH,
    MAX_SUMMARY_LENGTH,
    IPRightInput,
    ListingInput,
    TextInput,
)
from techbridge.core.bounds import TextSafetyValidator, has_forbidden_characters
from techbridge.programme.models import CooperationArea

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def guard_text_fields(field: serializers.Field[Any, Any, Any, Any]) -> None:
    """Add the control-character rule to ``field`` if it takes text, and to what it holds."""
    guarded = any(isinstance(v, TextSafetyValidator) for v in field.validators)
    if isinstance(field, serializers.CharField) and not field.read_only and not guarded:
        field.validators.append(TextSafetyValidator())
    child = getattr(field, "child", None)
    if isinstance(child, serializers.Field):
        guard_text_fields(child)


# Mix into a serializer so that all its writable text fields refuse control characters (DRF's
# own ``CharField`` refuses only NUL and surrogates). Comments, not docstrings: the OpenAPI
# schema would take an inherited docstring as the description of every serializer.
class TextSafeSerializerMixin:
    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()  # type: ignore[misc]
        for field in fields.values():
            guard_text_fields(field)
        return fields


class TextSafeSerializer(TextSafeSerializerMixin, serializers.Serializer[Any]):
    pass


class OrganisationSerializer(TextSafeSerializerMixin, serializers.ModelSerializer[Organisation]):
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


class AreaSerializer(TextSafeSerializerMixin, serializers.ModelSerializer[CooperationArea]):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = CooperationArea
        fields = ["code", "name", "name_en", "name_zh_hant", "name_zh_hans"]


class ChoiceSerializer(TextSafeSerializer):
    code = serializers.CharField()
    name = serializers.CharField()


class TRLSerializer(TextSafeSerializer):
    level = serializers.IntegerField()
    een_stage = serializers.CharField()
    maturity_stage = serializers.CharField()


class TaxonomySerializer(TextSafeSerializer):
    areas = AreaSerializer(many=True)
    kinds = ChoiceSerializer(many=True)
    partnership_types = ChoiceSerializer(many=True)
    ip_statuses = ChoiceSerializer(many=True)
    trl_levels = TRLSerializer(many=True)


class ListingTeaserSerializer(TextSafeSerializerMixin, serializers.Serializer[Listing]):
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


class IPRightOwnerSerializer(TextSafeSerializer):
    name = serializers.CharField(
        max_length=IPRightOwner._meta.get_field("name").max_length,
        allow_blank=True,  # a blank name is the services' to refuse, with the others
        validators=[TextSafetyValidator(multiline=False)],
    )
    # The range (above 0, at most 100) and the sum of 100 per right are the catalogue
    # services' rules, reported with the listing's other problems; here only the form of the
    # number, which the schema can state exactly.
    share_percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=Decimal(0))


class IPRightSerializer(TextSafeSerializer):
    """One IP right; its owners' shares add up to 100 (checked by the catalogue services)."""

    type = serializers.ChoiceField(choices=IPRightType.choices, source="right_type")
    number = serializers.CharField(
        max_length=IPRight._meta.get_field("number").max_length,
        allow_blank=True,  # a blank number is the services' to refuse, with the others
        validators=[TextSafetyValidator(multiline=False)],
    )
    territory = serializers.ChoiceField(choices=IPTerritory.choices)
    status = serializers.ChoiceField(choices=IPRightStatus.choices)
    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
    granted_on = serializers.DateField(required=False, allow_null=True, default=None)
    owners = IPRightOwnerSerializer(many=True)


def ip_right_input(data: dict[str, Any]) -> IPRightInput:
    return IPRightInput(
        right_type=data["right_type"],
        number=data["number"],
        territory=data["territory"],
        status=data["status"],
        filed_on=data.get("filed_on"),
        granted_on=data.get("granted_on"),
        owners=tuple((owner["name"], owner["share_percent"]) for owner in data["owners"]),
    )


class ListingDetailSerializer(TextSafeSerializerMixin, serializers.Serializer[ListingReading]):
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
    ip_rights = serializers.SerializerMethodField()

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

    # Disclosed with the confidential detail, as on the listing's page; the owners of an
    # anonymous listing's rights would name it, so their list is empty until it is named.
    @extend_schema_field(IPRightSerializer(many=True, allow_null=True))
    def get_ip_rights(self, reading: ListingReading) -> list[dict[str, Any]] | None:
        if not reading.detail_visible:
            return None
        rights = [dict(IPRightSerializer(right).data) for right in reading.listing.ip_rights.all()]
        if not reading.owner_visible:
            for right in rights:
                right["owners"] = []
        return rights


def _detail_text() -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_DETAIL_LENGTH
    )


class TextWriteSerializer(TextSafeSerializer):
    title = serializers.CharField(
        max_length=300, allow_blank=True, validators=[TextSafetyValidator(multiline=False)]
    )
    summary = serializers.CharField(allow_blank=True, max_length=MAX_SUMMARY_LENGTH)
    description = _detail_text()
    advantages = _detail_text()
    requirements = _detail_text()


class SlugLookupField(serializers.SlugRelatedField):
    # A record named by a slug. Text no slug can hold (NUL, other control characters) names
    # no record, found so before any query, as any other unknown slug: PostgreSQL refuses a
    # NUL even in a comparison, and the lookup failed with a server error.
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and has_forbidden_characters(data, multiline=False):
            self.fail("does_not_exist", slug_name=self.slug_field, value=repr(data))
        return super().to_internal_value(data)


class ListingWriteSerializer(TextSafeSerializer):
    """Input of create and update; the rules are checked by the catalogue services."""

    kind = serializers.ChoiceField(choices=ListingKind.choices)
    owner = SlugLookupField(slug_field="slug", queryset=Organisation.objects.all())
    original_language = serializers.ChoiceField(choices=settings.LANGUAGES)
    texts = serializers.DictField(child=TextWriteSerializer())
    areas = serializers.ListField(
        child=serializers.CharField(max_length=MAX_CODE_LENGTH), required=False, default=list
    )
    partnership_types = serializers.ListField(
        child=serializers.ChoiceField(choices=PartnershipType.choices),
        required=False,
        default=list,
    )
    keywords = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    trl = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=9
    )
    ip_status = serializers.ChoiceField(choices=IPStatus.choices, default=IPStatus.NONE)
    price_terms = serializers.ChoiceField(choices=PriceTerms.choices, default=PriceTerms.NEGOTIABLE)
    price_amount = serializers.DecimalField(
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
        min_value=Decimal(0),
        required=False,
        allow_null=True,
        default=None,
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
    external_ref = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=80,
        validators=[TextSafetyValidator(multiline=False)],
    )
    ip_rights = IPRightSerializer(many=True, required=False)

    def validate_texts(self, texts: dict[str, Any]) -> dict[str, Any]:
        unknown = [str(code) for code in texts if code not in LANGUAGE_CODES]
        if unknown:
            raise serializers.ValidationError(_("Write texts under en, zh-hant or zh-hans only."))
        return texts

    def to_input(self, kept_ip_rights: tuple[IPRightInput, ...] = ()) -> ListingInput:
        """The service input; ``kept_ip_rights`` stand when the request leaves ``ip_rights``
        out, so that a client that does not know them keeps a listing's rights on update."""
        data = dict(self.validated_data)
        texts = {language: TextInput(**text) for language, text in data.pop("texts").items()}
        rights = data.pop("ip_rights", None)
        return ListingInput(
            texts=texts,
            ip_rights=kept_ip_rights if rights is None else tuple(map(ip_right_input, rights)),
            teaser_tier=int(data.pop("teaser_tier")),
            detail_tier=int(data.pop("detail_tier")),
            **data,
        )
