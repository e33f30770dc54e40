"""Property tests: every serializer of the API, fed generated JSON values (text with control
characters, huge and odd numbers, NaN and infinities, impossible dates, wrong types), either
validates or reports errors — it never raises. The listing serializer goes through the full
save: the service succeeds or refuses, and a refusal leaves the database as it was."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rest_framework import serializers

from techbridge.accounts.models import Organisation, User
from techbridge.api.serializers import (
    ListingWriteSerializer,
    TextSafeSerializer,
    TextSafeSerializerMixin,
)
from techbridge.catalogue.models import Listing, ListingEvent, ListingText
from techbridge.catalogue.services import listing_create
from techbridge.core.bounds import has_forbidden_characters
from techbridge.core.errors import PermissionDenied, ServiceValidationError

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
API_MODULES = ("techbridge.api.serializers", "techbridge.api.deals", "techbridge.api.views")


def _api_serializers() -> dict[str, type[serializers.BaseSerializer[Any]]]:
    """Every concrete serializer class defined in the API's modules."""
    found: dict[str, type[serializers.BaseSerializer[Any]]] = {}
    for module_name in API_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, serializers.BaseSerializer)
                and cls.__module__.startswith("techbridge.api")
                and cls not in (TextSafeSerializer, TextSafeSerializerMixin)
            ):
                found[name] = cls
    return found


SERIALIZERS = _api_serializers()

ODD_SCALARS = st.sampled_from(
    [
        "",
        "1e30",
        "1000000000000",
        "999999999999.99",
        "0.001",
        "NaN",
        "Infinity",
        "-Infinity",
        "\u00b2",
        "-1",
        "2026-02-30",
        "10000-01-01T00:00:00Z",
        "=cmd|' /C calc'!A0",
        "x\x00y",
        "x\x0by",
        "en",
        "offer",
        "fixed",
        "HKD",
        "test-hk-uni",
        "innovation_technology",
        1e30,
        10**30,
        -(10**30),
        float("nan"),
        float("inf"),
        0,
        5,
        True,
        None,
    ]
)
HOSTILE_SCALAR = st.one_of(
    ODD_SCALARS,
    st.text(max_size=20),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=10),
    st.integers(),
    st.floats(),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
HOSTILE_JSON = st.recursive(
    HOSTILE_SCALAR,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _value_for(field: serializers.Field[Any, Any, Any, Any], data: st.DataObject) -> Any:
    """A generated value in the shape the field expects, or anything at all."""
    if data.draw(st.integers(min_value=0, max_value=4)) == 0:
        return data.draw(HOSTILE_JSON)
    if isinstance(field, serializers.BaseSerializer) and not isinstance(
        field, serializers.ListSerializer
    ):
        return _body_for(field, data)
    if isinstance(field, serializers.ListField):
        return [_value_for(field.child, data) for _ in range(data.draw(st.integers(0, 3)))]
    if isinstance(field, serializers.DictField):
        keys = data.draw(
            st.lists(st.sampled_from(["en", "zh-hans", "xx"]) | st.text(max_size=5), max_size=2)
        )
        return {key: _value_for(field.child, data) for key in keys}
    if isinstance(field, serializers.ChoiceField) and field.choices:
        return data.draw(st.sampled_from(list(field.choices)) | HOSTILE_SCALAR)
    return data.draw(HOSTILE_SCALAR)


def _body_for(serializer: Any, data: st.DataObject) -> dict[str, Any]:
    writable = {name: field for name, field in serializer.fields.items() if not field.read_only}
    chosen = data.draw(st.sets(st.sampled_from(sorted(writable)))) if writable else set()
    return {name: _value_for(writable[name], data) for name in sorted(chosen)}


def _texts_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts_in(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts_in(item)]
    return []


@pytest.mark.parametrize("name", sorted(SERIALIZERS))
@PROPERTY_SETTINGS
@given(data=st.data())
def test_serializer_validates_or_reports_errors_never_raises(
    name: str, hk_university: Organisation, data: st.DataObject
) -> None:
    serializer_class = SERIALIZERS[name]
    body = (
        data.draw(HOSTILE_JSON) if data.draw(st.booleans()) else _body_for(serializer_class(), data)
    )
    serializer = serializer_class(data=body)
    if serializer.is_valid():
        event("valid")
        if issubclass(serializer_class, TextSafeSerializerMixin):
            for text in _texts_in(serializer.validated_data):
                assert not has_forbidden_characters(text, multiline=True), text
    else:
        event("refused")
        assert serializer.errors


def _database() -> list[tuple[Any, ...]]:
    return [
        *Listing.objects.order_by("pk").values_list("pk", "price_amount", "keywords"),
        *ListingText.objects.order_by("pk").values_list("pk", "title", "summary", "description"),
        *ListingEvent.objects.order_by("pk").values_list("pk", "verb"),
    ]


@PROPERTY_SETTINGS
@given(data=st.data())
def test_listing_serializer_then_full_save_never_half_writes(
    officer: User, hk_university: Organisation, data: st.DataObject
) -> None:
    # A complete listing with up to two fields replaced by generated values, so that the
    # save is reached often.
    body: dict[str, Any] = {
        "kind": "offer",
        "owner": hk_university.slug,
        "original_language": "en",
        "texts": {"en": {"title": "Laser welding", "summary": "Fast and clean."}},
        "trl": 5,
        "keywords": ["laser"],
        "price_terms": "fixed",
        "price_amount": "10.00",
        "currency": "HKD",
    }
    fields = ListingWriteSerializer().fields
    replaced = data.draw(st.sets(st.sampled_from(sorted(fields)), max_size=2))
    body.update({name: _value_for(fields[name], data) for name in sorted(replaced)})
    serializer = ListingWriteSerializer(data=body)
    if not serializer.is_valid():
        event("serializer refused")
        assert serializer.errors
        return
    event("serializer valid: saved or refused by the service")
    before = _database()
    try:
        listing = listing_create(actor=officer, data=serializer.to_input())
    except (ServiceValidationError, PermissionDenied):
        assert _database() == before
        return
    stored = Listing.objects.get(pk=listing.pk)  # reads back: every value is storable
    assert stored.price_amount == serializer.validated_data["price_amount"]
    for text in stored.texts.all():
        assert not has_forbidden_characters(text.title, multiline=False)
