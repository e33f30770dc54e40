"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# DRF's throttles keep ``time.time`` as a class attribute taken at import: imported first inside
# a frozen-clock test, they would keep freezegun's function (and break every later request).
import rest_framework.throttling  # noqa: F401

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, StaffFactory, member_of
from techbridge.catalogue.tests.published import catalogue
from techbridge.pipeline.tests.fixtures import cq_offer, nda_offer, private_uploads, third_party
from techbridge.programme.tests.fixtures import programme, programme_clock

# Fixtures shared by the page, API and pipeline tests.
__all__ = [
    "catalogue",
    "cq_offer",
    "nda_offer",
    "private_uploads",
    "programme",
    "programme_clock",
    "third_party",
]


@pytest.fixture
def hk_university(db: None) -> Organisation:
    return OrganisationFactory.create(
        slug="test-hk-uni",
        name_en="Test HK University",
        org_type=OrganisationType.UNIVERSITY,
        region=Region.HONG_KONG,
    )


@pytest.fixture
def cq_enterprise(db: None) -> Organisation:
    return OrganisationFactory.create(
        slug="test-cq-co",
        name_zh_hans="测试重庆企业",
        name_en="",
        org_type=OrganisationType.ENTERPRISE,
        size_band="small",
        region=Region.CHONGQING,
    )


@pytest.fixture
def officer(hk_university: Organisation) -> User:
    """A knowledge-transfer officer of the Hong Kong university."""
    return member_of(hk_university, MembershipRole.ADMIN, email="officer@hk.example.org")


@pytest.fixture
def outsider(cq_enterprise: Organisation) -> User:
    """A user of another organisation, with no rights over the university's listings."""
    return member_of(
        cq_enterprise,
        MembershipRole.ADMIN,
        email="outsider@cq.example.org",
        preferred_language="zh-hans",
    )


@pytest.fixture
def reviewer(db: None) -> User:
    return StaffFactory.create(email="reviewer@platform.example.org")


@pytest.fixture
def search_index_dir(tmp_path: Path, settings: Any) -> Iterator[Path]:
    """A fresh, empty search index for one test."""
    from techbridge.matching.index import close_search_index

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    yield settings.SEARCH_INDEX_DIR
    close_search_index()


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise() -> Iterator[None]:
    """A request through the locale middleware leaves its language active in the thread;
    start every test from the default language so that no test depends on the one before."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
