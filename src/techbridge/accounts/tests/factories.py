"""Factories for users, organisations and memberships."""

from __future__ import annotations

import factory

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Membership, Organisation, User
from techbridge.accounts.privacy import privacy_consent_record


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    residence_region = Region.HONG_KONG

    @factory.post_generation
    def saved(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()

    @factory.post_generation
    def consented(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        """Test users have accepted the current privacy notice, as every signed-up user has;
        ``consented=False`` makes one who has not."""
        if create and extracted is not False:
            privacy_consent_record(
                user=obj,
                residence_region=obj.residence_region,
                language=obj.preferred_language,
                notice=True,
                cross_border=True,
            )


class StaffFactory(UserFactory):
    is_staff = True


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    org_type = OrganisationType.UNIVERSITY
    region = Region.HONG_KONG


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER


def member_of(
    organisation: Organisation, role: str = MembershipRole.MEMBER, **kwargs: object
) -> User:
    """A new user who belongs to ``organisation`` with ``role``."""
    user = UserFactory.create(**kwargs)
    MembershipFactory.create(user=user, organisation=organisation, role=role)
    return user
