"""Users, organisations, memberships and verification."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import translation

from techbridge.accounts.models import Membership, Organisation, User
from techbridge.accounts.services import organisation_set_verified
from techbridge.accounts.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_normalised() -> None:
    user = User.objects.create_user("Someone@Example.ORG", "long enough password")
    assert user.email == "someone@example.org"
    assert User.USERNAME_FIELD == "email"
    assert user.check_password("long enough password")


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2() -> None:
    user = User.objects.create_user("a@example.org", "long enough password")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_preferred_language_is_constrained() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("b@example.org", "pw", preferred_language="fr")


def test_size_band_only_for_enterprises() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory.create(org_type="university", size_band="small")
    assert OrganisationFactory.create(org_type="enterprise", size_band="small").size_band == "small"


def test_organisation_needs_a_name() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory.create(name_en="", name_zh_hant="", name_zh_hans="")


def test_one_membership_per_user_and_organisation() -> None:
    membership = MembershipFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, organisation=membership.organisation)


def test_name_follows_language_and_converts_missing_script() -> None:
    organisation = OrganisationFactory.create(
        name_en="", name_zh_hant="", name_zh_hans="重庆邮电大学"
    )
    with translation.override("zh-hant"):
        assert organisation.name == "重慶郵電大學"
    with translation.override("zh-hans"):
        assert organisation.name == "重庆邮电大学"
    with translation.override("en"):
        assert organisation.name == "重庆邮电大学"


def test_staff_verifies_organisation(reviewer: User) -> None:
    organisation = OrganisationFactory.create()
    assert organisation_set_verified(actor=reviewer, organisation=organisation, verified=True)
    organisation.refresh_from_db()
    assert organisation.is_verified
    assert organisation.verified_by == reviewer
    assert organisation.verified_at is not None
    assert not organisation_set_verified(actor=reviewer, organisation=organisation, verified=True)


def test_member_cannot_verify_own_organisation(officer: User, hk_university: Organisation) -> None:
    with pytest.raises(PermissionDenied):
        organisation_set_verified(actor=officer, organisation=hk_university, verified=True)
    hk_university.refresh_from_db()
    assert (hk_university.is_verified, hk_university.verified_at) == (False, None)
