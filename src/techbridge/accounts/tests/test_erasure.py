"""Erasing an account: personal data gone from every table, the organisation's deals and
listings kept, the deal audit chain still verifying; the retention schedule; the record of
contact details provided across the boundary."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.erasure import account_delete, personal_data_download, retention_purge
from techbridge.accounts.models import (
    AccessAttempt,
    Membership,
    Organisation,
    PersonalDataRequest,
    User,
)
from techbridge.accounts.personal_data import personal_data_of
from techbridge.accounts.tests.factories import UserFactory, member_of
from techbridge.accounts.throttle import account_key
from techbridge.api.models import ApiToken
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.models import Listing
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.pipeline.models import CrossBorderTransfer, Deal, DealMessage
from techbridge.pipeline.services import (
    contact_consent_give,
    deal_advance,
    deal_express_interest,
    deal_message_post,
)
from techbridge.pipeline.services.audit import audit_verify

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def deal(nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation) -> Deal:
    outsider.full_name, outsider.residence_region = "林伟", "cq"
    outsider.save()
    deal = deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise, message="We are keen."
    )
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_message_post(actor=outsider, deal=deal, body="Could we visit the laboratory?")
    contact_consent_give(actor=outsider, deal=deal)
    return Deal.objects.get(pk=deal.pk)


def _whole_database() -> str:
    out = io.StringIO()
    call_command("dumpdata", "--natural-foreign", stdout=out, exclude=["contenttypes"])
    return out.getvalue()


def test_sharing_contact_details_across_the_boundary_is_recorded(
    deal: Deal, outsider: User, officer: User, hk_university: Organisation
) -> None:
    transfer = CrossBorderTransfer.objects.get()
    assert (transfer.deal_id, transfer.subject_id, transfer.recipient_id) == (
        deal.pk,
        outsider.pk,
        hk_university.pk,
    )
    assert (transfer.from_region, transfer.to_region, transfer.fields) == (
        "cq",
        "hk",
        ["full_name", "email"],
    )
    contact_consent_give(actor=outsider, deal=deal)  # again: nothing new
    contact_consent_give(actor=officer, deal=deal)  # Hong Kong → mainland: recorded too
    assert sorted(CrossBorderTransfer.objects.values_list("from_region", "to_region")) == [
        ("cq", "hk"),
        ("hk", "cq"),
    ]


def test_sharing_within_one_jurisdiction_records_no_transfer(
    nda_offer: Listing, officer: User, hk_university: Organisation
) -> None:
    local = Organisation.objects.create(
        slug="hk-startup", name_en="HK Start-up", org_type="enterprise", region="hk"
    )
    buyer = member_of(local, MembershipRole.ADMIN, email="buyer@hk.example.org")
    deal = deal_express_interest(actor=buyer, listing=nda_offer, organisation=local, message="")
    deal_advance(actor=officer, deal=deal, event="screen")
    contact_consent_give(actor=buyer, deal=deal)
    assert not CrossBorderTransfer.objects.exists()


def test_the_download_holds_the_persons_own_records_and_is_recorded(
    deal: Deal, outsider: User
) -> None:
    exported = personal_data_download(actor=outsider)
    data = exported["data"]
    assert data["profile"][0]["email"] == "outsider@cq.example.org"
    assert data["profile"][0]["full_name"] == "林伟"
    assert [row["body"] for row in data["deal_messages"]] == [
        "We are keen.",
        "Could we visit the laboratory?",
    ]
    assert [row["deal_id"] for row in data["contact_consents"]] == [deal.pk]
    assert [row["recipient__slug"] for row in data["cross_border_transfers"]] == ["test-hk-uni"]
    assert [row["organisation__slug"] for row in data["memberships"]] == ["test-cq-co"]
    assert {row["kind"] for row in data["privacy_consents"]} == {"notice"}
    assert PersonalDataRequest.objects.get().kind == "export"
    # Nothing the other side wrote or owns personally.
    assert "officer@hk.example.org" not in str(exported)


def test_deleting_an_account_erases_the_person_and_keeps_the_deal_verifiable(
    deal: Deal, outsider: User, officer: User, cq_enterprise: Organisation
) -> None:
    colleague = member_of(cq_enterprise, MembershipRole.ADMIN, email="colleague@cq.example.org")
    AccessAttempt.objects.create(kind="login", key=account_key(outsider.email))
    api_token_create(user=outsider, name="laptop")
    assert [row["name"] for row in personal_data_of(outsider)["api_tokens"]] == ["laptop"]
    before = _whole_database()
    assert "outsider@cq.example.org" in before and "林伟" in before
    events_before = deal.event_count

    request = account_delete(actor=outsider, password=PASSWORD)

    erased = User.objects.get(pk=outsider.pk)
    assert erased.erased_at is not None and not erased.is_active
    assert erased.email.endswith("@erased.invalid") and erased.full_name == ""
    assert erased.residence_region == "" and not erased.has_usable_password()
    assert erased.get_full_name() == "Former user"
    dump = _whole_database()
    assert "outsider@cq.example.org" not in dump and "林伟" not in dump
    assert not Membership.objects.filter(user=erased).exists()
    assert not AccessAttempt.objects.exists()
    # The organisation's deal stays whole: its messages, its history, its chain.
    kept = Deal.objects.get(pk=deal.pk)
    assert kept.event_count == events_before and kept.counterparty_id == cq_enterprise.pk
    assert DealMessage.objects.filter(deal=kept, author=erased).count() == 2
    assert audit_verify() == []
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert request.kind == "erasure" and request.user_id_number == outsider.pk
    assert request.removed["memberships"] == 1 and request.removed["access_attempts"] == 1
    assert request.removed["api_tokens"] == 1 and not ApiToken.objects.exists()
    assert Membership.objects.filter(user=colleague).exists()


def test_a_wrong_password_or_the_last_administrator_changes_nothing(
    outsider: User, cq_enterprise: Organisation
) -> None:
    with pytest.raises(ServiceValidationError):
        account_delete(actor=outsider, password="not it")
    member_of(cq_enterprise, MembershipRole.MEMBER, email="editor@cq.example.org")
    with pytest.raises(ServiceValidationError) as refused:
        account_delete(actor=outsider, password=PASSWORD)
    assert "only administrator" in str(refused.value)
    kept = User.objects.get(pk=outsider.pk)
    assert kept.email == "outsider@cq.example.org" and kept.erased_at is None
    assert Membership.objects.filter(user=kept).count() == 1
    assert not PersonalDataRequest.objects.exists()


def test_only_a_signed_in_user_deletes_only_their_own_account() -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        account_delete(actor=AnonymousUser(), password=PASSWORD)


def test_retention_erases_unconfirmed_sign_ups_and_old_attempts(settings: Any) -> None:
    settings.TECHBRIDGE_RETENTION_UNCONFIRMED_DAYS = 30
    settings.TECHBRIDGE_RETENTION_ACCESS_ATTEMPT_DAYS = 90
    now = timezone.now()
    stale = UserFactory.create(
        email="never@example.org", is_active=False, date_joined=now - timedelta(days=31)
    )
    fresh = UserFactory.create(
        email="recent@example.org", is_active=False, date_joined=now - timedelta(days=29)
    )
    deactivated = UserFactory.create(
        email="used@example.org",
        is_active=False,
        date_joined=now - timedelta(days=400),
        last_login=now - timedelta(days=300),
    )
    AccessAttempt.objects.create(kind="login", key="a", at=now - timedelta(days=91))
    recent_attempt = AccessAttempt.objects.create(
        kind="login", key="b", at=now - timedelta(days=89)
    )

    assert retention_purge(now) == {"accounts_erased": 1, "access_attempts_deleted": 1}

    assert User.objects.get(pk=stale.pk).erased_at is not None
    assert User.objects.get(pk=fresh.pk).email == "recent@example.org"
    assert User.objects.get(pk=deactivated.pk).email == "used@example.org"
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent_attempt.pk]
    assert PersonalDataRequest.objects.get().kind == "retention"
    assert retention_purge(now) == {"accounts_erased": 0, "access_attempts_deleted": 0}
