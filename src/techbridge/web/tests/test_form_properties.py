"""Property tests: every form of the pages, fed generated values (text with control
characters, huge and odd numbers, impossible dates, unknown choices), either validates — and
then its service call succeeds or refuses cleanly — or reports errors; it never raises.
The listing, organisation and instrument forms go through the full save, and a refused save
leaves the database as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.organisations import OrganisationInput, organisation_create
from techbridge.accounts.tests.factories import member_of
from techbridge.catalogue.models import Listing, ListingEvent, ListingText
from techbridge.catalogue.services import listing_create
from techbridge.core.bounds import has_forbidden_characters
from techbridge.core.errors import ServiceValidationError
from techbridge.facilities.instruments import instrument_save
from techbridge.facilities.models import Instrument, InstrumentFee
from techbridge.web.account_forms import OrganisationForm, PreferencesForm, SignUpForm
from techbridge.web.deal_forms import (
    AgreementForm,
    DocumentForm,
    ExportForm,
    InterestForm,
    MessageForm,
    ObligationForm,
    RegistrationForm,
)
from techbridge.web.forms import SearchForm
from techbridge.web.instrument_forms import InstrumentForm
from techbridge.web.listing_forms import ListingForm

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ODD_VALUES = st.sampled_from(
    [
        "",
        " ",
        "1e30",
        "-1e30",
        "1000000000000",
        "999999999999.99",
        "0.001",
        "NaN",
        "sNaN",
        "Infinity",
        "-Infinity",
        "\u00b2",
        "\u0663",  # ARABIC-INDIC DIGIT THREE: a Unicode digit
        "-1",
        "0",
        "9" * 400,
        "2026-02-30",
        "0000-01-01",
        "9999-12-31",
        "10000-01-01",
        "=cmd|' /C calc'!A0",
        "x\x00y",
        "x\x0by",
        "line\nbreak",
    ]
)
HOSTILE_TEXT = st.one_of(
    ODD_VALUES,
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=12),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


def _choice_values(field: forms.Field) -> list[str]:
    values: list[str] = []
    for value, label in getattr(field, "choices", []):
        if isinstance(label, (list, tuple)):
            values.extend(str(inner) for inner, _label in label)
        else:
            values.append(str(value))
    return values


def _pks(field: forms.ModelChoiceField) -> list[str]:
    queryset = field.queryset
    return [] if queryset is None else [str(pk) for pk in queryset.values_list("pk", flat=True)]


def _plausible(field: forms.Field, choices: list[str]) -> Any:
    """A value a careful user would type, so that generated forms often reach the service."""
    if isinstance(field, forms.ModelChoiceField):
        return next(iter(_pks(field)), "")
    if isinstance(field, forms.MultipleChoiceField):
        return choices[:1]
    if choices:
        return next((value for value in choices if value), "")
    plausible = {
        forms.EmailField: "someone@example.org",
        forms.URLField: "https://example.org",
        forms.DecimalField: "10",
        forms.IntegerField: "60",
        forms.DateField: "2026-01-15",
        forms.DateTimeField: "2026-01-15 10:00",
        forms.BooleanField: "on",
    }
    for kind, value in plausible.items():
        if isinstance(field, kind):
            return value
    return "Portable ultrasound imaging"


def _value_for(field: forms.Field, draw: Callable[[Any], Any]) -> Any:
    """A generated value for one field: mostly plausible, else a valid choice or anything."""
    choices = _choice_values(field)
    if draw(st.integers(min_value=0, max_value=5)) > 0:
        return _plausible(field, choices)
    if isinstance(field, forms.ModelChoiceField):
        pks = _pks(field)
        return draw(st.sampled_from(pks) | HOSTILE_TEXT) if pks else draw(HOSTILE_TEXT)
    if isinstance(field, forms.MultipleChoiceField):
        item = st.sampled_from(choices) | HOSTILE_TEXT if choices else HOSTILE_TEXT
        return draw(st.lists(item, max_size=3))
    if choices:
        return draw(st.sampled_from(choices) | HOSTILE_TEXT)
    return draw(HOSTILE_TEXT)


def _fill(form: forms.BaseForm, data: st.DataObject) -> dict[str, Any]:
    return {name: _value_for(field, data.draw) for name, field in form.fields.items()}


def _assert_clean_text(form: forms.BaseForm) -> None:
    """What a valid form hands on holds no character our storage and exports refuse."""
    for name, value in form.cleaned_data.items():
        field = form.fields[name]
        if isinstance(value, str) and not isinstance(field.widget, forms.PasswordInput):
            multiline = isinstance(field.widget, forms.Textarea)
            assert not has_forbidden_characters(value, multiline=multiline), (name, value)


def _database() -> list[tuple[Any, ...]]:
    return [
        *Listing.objects.order_by("pk").values_list("pk", "price_amount", "keywords"),
        *ListingText.objects.order_by("pk").values_list("pk", "title", "summary", "description"),
        *ListingEvent.objects.order_by("pk").values_list("pk", "verb"),
        *Organisation.objects.order_by("pk").values_list("pk", "name_en"),
        *Instrument.objects.order_by("pk").values_list("pk", "name_en", "slot_minutes"),
        *InstrumentFee.objects.order_by("pk").values_list("pk", "hourly_rate"),
    ]


SIMPLE_FORMS: dict[str, Callable[[Any, Any], forms.BaseForm]] = {
    "search": lambda data, orgs: SearchForm(data),
    "sign-up": lambda data, orgs: SignUpForm(data),
    "preferences": lambda data, orgs: PreferencesForm(data),
    "interest": lambda data, orgs: InterestForm(data, organisations=orgs),
    "message": lambda data, orgs: MessageForm(data),
    "document": lambda data, orgs: DocumentForm(data),
    "export": lambda data, orgs: ExportForm(data),
    "agreement": lambda data, orgs: AgreementForm(data),
    "obligation": lambda data, orgs: ObligationForm(data),
    "registration": lambda data, orgs: RegistrationForm(data),
}


@pytest.mark.parametrize("name", sorted(SIMPLE_FORMS))
@PROPERTY_SETTINGS
@given(data=st.data())
def test_form_validates_or_reports_errors_never_raises(
    name: str, hk_university: Organisation, data: st.DataObject
) -> None:
    organisations = Organisation.objects.filter(pk=hk_university.pk)
    build = SIMPLE_FORMS[name]
    form = build(_fill(build(None, organisations), data), organisations)
    if form.is_valid():
        _assert_clean_text(form)
    else:
        assert form.errors


@PROPERTY_SETTINGS
@given(data=st.data())
def test_listing_form_then_full_save_never_half_writes(
    officer: User, hk_university: Organisation, data: st.DataObject
) -> None:
    organisations = Organisation.objects.filter(pk=hk_university.pk)
    fields = _fill(ListingForm(organisations=organisations), data)
    # Mostly a real owner and one language of plausible text, so the save is reached often.
    fields["owner"] = data.draw(st.just(str(hk_university.pk)) | st.just(fields["owner"]))
    fields["original_language"] = "en"
    form = ListingForm(fields, organisations=organisations)
    if not form.is_valid():
        event("form refused")
        assert form.errors
        return
    _assert_clean_text(form)
    event("form valid: saved or refused by the service")
    before = _database()
    try:
        listing = listing_create(actor=officer, data=form.to_input())
    except ServiceValidationError as refused:
        assert refused.message_dict
        assert _database() == before
        return
    stored = Listing.objects.get(pk=listing.pk)  # reads back: the price is storable
    assert stored.price_amount == form.cleaned_data.get("price_amount")
    for text in stored.texts.all():
        assert not has_forbidden_characters(text.title, multiline=False)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_organisation_form_then_save_never_half_writes(officer: User, data: st.DataObject) -> None:
    form = OrganisationForm(_fill(OrganisationForm(), data))
    if not form.is_valid():
        event("form refused")
        assert form.errors
        return
    _assert_clean_text(form)
    event("form valid: saved or refused by the service")
    before = _database()
    try:
        organisation = organisation_create(
            actor=officer, data=OrganisationInput(**form.cleaned_data)
        )
    except ServiceValidationError as refused:
        assert refused.message_dict
        assert _database() == before
        return
    assert (
        Organisation.objects.get(pk=organisation.pk).name_en == form.cleaned_data["name_en"].strip()
    )


@PROPERTY_SETTINGS
@given(data=st.data())
def test_instrument_form_then_save_never_half_writes(
    hk_university: Organisation, data: st.DataObject
) -> None:
    manager = User.objects.filter(email="manager@hk.example.org").first() or member_of(
        hk_university, MembershipRole.FACILITY_MANAGER, email="manager@hk.example.org"
    )
    organisations = [hk_university]
    form = InstrumentForm(
        _fill(InstrumentForm(organisations=organisations, fees={}), data),
        organisations=organisations,
        fees={},
    )
    if not form.is_valid():
        event("form refused")
        assert form.errors
        return
    _assert_clean_text(form)
    event("form valid: saved or refused by the service")
    before = _database()
    try:
        instrument = instrument_save(
            actor=manager,
            organisation=form.cleaned_data["organisation"],
            data=form.instrument_data(),
            fees=form.fee_inputs(),
        )
    except ServiceValidationError as refused:
        assert refused.message_dict
        assert _database() == before
        return
    assert (
        Instrument.objects.get(pk=instrument.pk).slot_minutes == form.cleaned_data["slot_minutes"]
    )
