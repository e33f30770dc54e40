"""The demo experts: valid ORCID iDs outside the issued blocks, names in three scripts,
loaded once and published."""

from __future__ import annotations

import pytest

from techbridge.accounts.tests.factories import OrganisationFactory
from techbridge.catalogue.demo.experts import DEMO_EXPERTS, load_demo_experts
from techbridge.experts.models import ExpertEvent, ExpertProfile
from techbridge.experts.orcid import normalise_orcid


def test_every_demo_expert_has_a_valid_unissued_orcid_and_three_names() -> None:
    for spec in DEMO_EXPERTS:
        assert normalise_orcid(spec.orcid) == spec.orcid
        assert spec.orcid.startswith("0000-0004-")
        assert all(spec.names) and all(spec.positions)
    assert len({spec.orcid for spec in DEMO_EXPERTS}) == len(DEMO_EXPERTS)


@pytest.mark.django_db
def test_loading_twice_creates_each_present_organisations_experts_once() -> None:
    OrganisationFactory.create(slug="hk_medtech", name_en="Jade Bay Medical Devices Ltd")
    assert load_demo_experts() == 1
    assert load_demo_experts() == 0
    expert = ExpertProfile.objects.get()
    assert (expert.name_zh_hant, expert.is_published, expert.is_demo) == ("梁嘉怡", True, True)
    verbs = list(ExpertEvent.objects.filter(expert=expert).values_list("verb", flat=True))
    assert verbs == ["created", "published"]
