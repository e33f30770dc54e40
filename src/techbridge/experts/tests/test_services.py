"""Expert profiles are kept by their institution's members and made public by its
administrators; every write is audited and recorded for search, a refused one changes
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import member_of
from techbridge.catalogue.models import Listing
from techbridge.catalogue.tests.factories import create_offer
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.experts.models import ExpertEvent, ExpertProfile
from techbridge.experts.services import (
    ExpertInput,
    PatentInput,
    PublicationInput,
    expert_create,
    expert_set_published,
    expert_update,
)
from techbridge.matching.models import SearchChange

pytestmark = pytest.mark.django_db


def _input(**changes: Any) -> ExpertInput:
    values: dict[str, Any] = {
        "name_en": "Lam Wing-yan",
        "name_zh_hant": "林詠欣",
        "name_zh_hans": "林咏欣",
        "position_en": "Associate Professor of Biomedical Engineering",
        "area_codes": ("innovation_technology",),
        "keywords": ("ultrasound imaging", "超声成像"),
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "publications": (
            PublicationInput("Portable ultrasound for clinics", 2024, "doi:10.1000/xyz123"),
        ),
        "patents": (PatentInput("ZL202310001234.5", "cn", "Ultrasound probe"),),
    }
    values.update(changes)
    return ExpertInput(**values)


def _state() -> tuple[int, int, int]:
    counts = (ExpertProfile.objects.count(), ExpertEvent.objects.count())
    return (*counts, SearchChange.objects.count())


@pytest.fixture
def member(hk_university: Organisation) -> User:
    return member_of(hk_university, MembershipRole.MEMBER, email="member@hk.example.org")


def test_a_member_creates_a_profile_audited_and_recorded_for_search(
    member: User, hk_university: Organisation, officer: User
) -> None:
    offer = create_offer(officer, hk_university)
    expert = expert_create(
        actor=member,
        institution=hk_university,
        data=_input(listing_references=(offer.reference,)),
    )
    expert.refresh_from_db()
    assert expert.orcid == "0000-0002-1825-0097"
    assert expert.publications == [
        {
            "title": "Portable ultrasound for clinics",
            "year": 2024,
            "link": "https://doi.org/10.1000/xyz123",
        }
    ]
    assert expert.patents == [
        {"number": "ZL202310001234.5", "territory": "CN", "title": "Ultrasound probe"}
    ]
    assert list(expert.listings.all()) == [offer]
    assert [area.code for area in expert.areas.all()] == ["innovation_technology"]
    assert expert.is_published is False
    event = ExpertEvent.objects.get(expert=expert)
    assert (event.verb, event.actor) == ("created", member)
    assert event.changes["name_zh_hans"] == "林咏欣"
    assert SearchChange.objects.filter(expert=expert).count() == 1


def test_a_member_updates_it_and_the_event_holds_the_difference(
    member: User, hk_university: Organisation
) -> None:
    expert = expert_create(actor=member, institution=hk_university, data=_input())
    expert_update(actor=member, expert=expert, data=_input(position_en="Professor"))
    expert.refresh_from_db()
    assert expert.position_en == "Professor"
    event = ExpertEvent.objects.filter(expert=expert).latest("pk")
    assert event.verb == "updated"
    assert event.changes == {
        "position_en": ["Associate Professor of Biomedical Engineering", "Professor"]
    }
    assert SearchChange.objects.filter(expert=expert).count() == 2


def test_someone_outside_the_institution_is_refused_and_nothing_changes(
    member: User, hk_university: Organisation, outsider: User
) -> None:
    before = _state()
    with pytest.raises(PermissionDenied):
        expert_create(actor=outsider, institution=hk_university, data=_input())
    assert _state() == before

    expert = expert_create(actor=member, institution=hk_university, data=_input())
    before = _state()
    with pytest.raises(PermissionDenied):
        expert_update(actor=outsider, expert=expert, data=_input(name_en="Someone Else"))
    with pytest.raises(PermissionDenied):
        expert_set_published(actor=outsider, expert=expert, published=True)
    assert _state() == before
    expert.refresh_from_db()
    assert (expert.name_en, expert.is_published) == ("Lam Wing-yan", False)


def test_only_an_administrator_publishes_and_withdraws(
    member: User, hk_university: Organisation, officer: User
) -> None:
    expert = expert_create(actor=member, institution=hk_university, data=_input())
    before = _state()
    with pytest.raises(PermissionDenied):
        expert_set_published(actor=member, expert=expert, published=True)
    assert _state() == before
    assert ExpertProfile.objects.get(pk=expert.pk).is_published is False

    expert = expert_set_published(actor=officer, expert=expert, published=True)
    assert expert.is_published and expert.published_by == officer and expert.published_at
    expert = expert_set_published(actor=officer, expert=expert, published=False)
    assert (expert.is_published, expert.published_at) == (False, None)
    verbs = list(ExpertEvent.objects.filter(expert=expert).values_list("verb", flat=True))
    assert verbs == ["created", "published", "withdrawn"]
    assert SearchChange.objects.filter(expert=expert).count() == 3


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"orcid": "0000-0002-1825-0098"}, "orcid"),
        ({"name_en": "", "name_zh_hant": "", "name_zh_hans": ""}, "name_en"),
        ({"publications": (PublicationInput("Old", 1800),)}, "publications"),
        ({"publications": (PublicationInput("Bad link", 2020, "ftp://x"),)}, "publications"),
        ({"patents": (PatentInput("123", "China"),)}, "patents"),
        ({"area_codes": ("no_such_area",)}, "area_codes"),
        ({"name_en": "Line\nbreak"}, "name_en"),
    ],
)
def test_invalid_input_is_refused_by_field_and_nothing_changes(
    member: User, hk_university: Organisation, changes: dict[str, Any], field: str
) -> None:
    before = _state()
    with pytest.raises(ServiceValidationError) as refused:
        expert_create(actor=member, institution=hk_university, data=_input(**changes))
    assert field in refused.value.message_dict
    assert _state() == before


def test_an_expert_is_named_only_on_their_own_institutions_listings(
    member: User, hk_university: Organisation, cq_enterprise: Organisation, outsider: User
) -> None:
    theirs = create_offer(outsider, cq_enterprise)
    before = _state()
    with pytest.raises(ServiceValidationError) as refused:
        expert_create(
            actor=member,
            institution=hk_university,
            data=_input(listing_references=(theirs.reference,)),
        )
    assert "listing_references" in refused.value.message_dict
    assert _state() == before
    assert not Listing.objects.filter(experts__isnull=False).exists()
