"""Joining an organisation: register one, ask to join and be approved, or be invited."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from techbridge.accounts.models import JoinRequest, Membership, Organisation, User
from techbridge.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_registering_an_organisation_makes_its_creator_administrator(client: Client) -> None:
    founder = UserFactory.create(email="founder@cq.example.cn")
    client.force_login(founder)
    response = client.post(
        "/zh-hans/organisations/new/",
        {
            "name_zh_hans": "重庆智造科技有限公司",
            "org_type": "enterprise",
            "region": "cq",
            "size_band": "small",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name_zh_hans="重庆智造科技有限公司")
    assert (organisation.is_verified, organisation.region) == (False, "cq")
    assert organisation.name_in("zh-hant") == "重慶智造科技有限公司"
    assert Membership.objects.get(organisation=organisation).role == "admin"


def test_invalid_organisation_is_refused_in_the_readers_language(client: Client) -> None:
    client.force_login(UserFactory.create())
    before = Organisation.objects.count()  # the reference institutions
    response = client.post(
        "/zh-hant/organisations/new/",
        {"org_type": "university", "region": "hk", "size_band": "small"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "請最少以一種語言填寫機構名稱" in page
    assert "只有企業需要填寫規模" in page
    assert Organisation.objects.count() == before


def test_request_to_join_then_approval(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    applicant = UserFactory.create(email="postdoc@hku.example.hk")
    client.force_login(applicant)
    client.post(f"/en/organisations/{hk_university.slug}/join/")
    client.post(f"/en/organisations/{hk_university.slug}/join/")  # a second click
    join_request = JoinRequest.objects.get()
    assert join_request.status == "pending"

    # The applicant cannot approve their own request.
    assert (
        client.post(
            f"/en/my/organisations/requests/{join_request.pk}/", {"decision": "approve"}
        ).status_code
        == 403
    )
    assert not Membership.objects.filter(user=applicant).exists()

    client.force_login(officer)
    assert "postdoc@hku.example.hk" in client.get("/en/my/organisations/").content.decode()
    client.post(f"/en/my/organisations/requests/{join_request.pk}/", {"decision": "approve"})
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("approved", officer)
    assert Membership.objects.get(user=applicant).role == "member"


def test_invitation_by_mail_in_the_invitees_language(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    invitee = UserFactory.create(email="lee@cq.example.cn", preferred_language="zh-hans")
    client.force_login(officer)
    client.post(
        f"/en/organisations/{hk_university.slug}/invite/",
        {"email": "Lee@CQ.example.cn", "role": "member"},
    )
    [message] = mail.outbox
    assert message.to == ["lee@cq.example.cn"]
    assert message.subject.startswith("邀请您在 techbridge 加入")
    link = re.search(r"http://testserver(/\S+)", str(message.body))
    assert link is not None

    stranger = UserFactory.create(email="someone.else@example.org")
    client.force_login(stranger)
    assert client.post(link.group(1)).status_code == 403
    assert not Membership.objects.filter(user=stranger).exists()

    client.force_login(invitee)
    assert client.post(link.group(1)).status_code == 302
    assert Membership.objects.get(user=invitee).organisation == hk_university
    assert client.post("/en/invitations/forged-token/").status_code == 400


def test_the_list_offers_joining_to_signed_in_people_only(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    headers = re.compile(r'<th scope="col">([^<]+)</th>')
    visitor = client.get("/en/organisations/").content.decode()
    assert headers.findall(visitor) == ["Name", "Type", "Region", "Status"]
    assert "Ask to join" not in visitor
    # Unverified organisations, listed after the verified ones, say so.
    verified = Organisation.objects.filter(is_verified=True).count()
    unverified = Organisation.objects.filter(is_verified=False).count()
    assert verified >= 1 and unverified >= 1
    assert visitor.count('<span class="badge">verified</span>') == verified
    assert visitor.count('<span class="muted">not verified</span>') == unverified

    client.force_login(UserFactory.create(email="visitor@cq.example.org"))
    member = client.get("/en/organisations/").content.decode()
    assert headers.findall(member) == ["Name", "Type", "Region", "Status", "Actions"]
    assert member.count("Ask to join") == Organisation.objects.count()
