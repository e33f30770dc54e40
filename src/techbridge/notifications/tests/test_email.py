"""Notification e-mails through a real SMTP server: who receives what, in which language,
with which link and unsubscribe headers; preferences (immediately, digest, never); the
anonymity of an anonymous listing's owner; retries on a refusing server."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.tests.factories import offer_input
from techbridge.notifications.digest import digest_send
from techbridge.notifications.models import Notification, NotificationPreference
from techbridge.notifications.services import preferences_set
from techbridge.notifications.tasks import MAX_ATTEMPTS, notification_email_task
from techbridge.notifications.tests.helpers import run_enqueued_notification_emails
from techbridge.notifications.tests.smtp import Inbox, free_port, smtp
from techbridge.pipeline.models import Deal
from techbridge.pipeline.services import (
    deal_advance,
    deal_document_upload,
    deal_express_interest,
    deal_message_post,
)
from techbridge.pipeline.tests.fixtures import publish

pytestmark = pytest.mark.django_db

__all__ = ["smtp"]

SITE = "https://techbridge.test"
MESSAGE = "我们很感兴趣：请介绍许可条款。"
OWNER_MARKS = ("Test HK University", "test-hk-uni")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _interest(listing: Listing, actor: User, organisation: Organisation, capture: Any) -> Deal:
    with capture(execute=True):  # the commit that hands the e-mails to the worker
        deal = deal_express_interest(
            actor=actor, listing=listing, organisation=organisation, message=MESSAGE
        )
    return deal


def _unsubscribe_path(header: str) -> str:
    header = str(header).strip()  # a long header is folded onto its own line
    assert header.startswith(f"<{SITE}/") and header.endswith(">")
    return header[1 + len(SITE) : -1]


def test_interest_mail_reaches_the_owners_admin_with_message_link_and_unsubscribe(
    smtp: Inbox,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    deal = _interest(nda_offer, outsider, cq_enterprise, django_capture_on_commit_callbacks)
    assert smtp.received == []  # nothing before the worker runs
    assert run_enqueued_notification_emails() == ["sent"]

    [mail] = smtp.received
    assert mail.recipients == ["officer@hk.example.org"]
    assert mail.subject == f"New expression of interest in {nda_offer.reference}"
    text, html = mail.part("text/plain"), mail.part("text/html")
    link = f"{SITE}/en/deals/{deal.pk}/"
    for part in (text, html):
        assert MESSAGE in part
        assert link in part
        assert "test-cq-co" not in part  # the interested party's name, not its slug
    assert "测试重庆企业 has expressed interest in your listing" in text
    unsubscribe = str(mail.message["List-Unsubscribe"]).strip()
    assert _unsubscribe_path(unsubscribe).startswith("/en/notifications/unsubscribe/")
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in text and unsubscribe[1:-1].replace("&", "&amp;") in html

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind, notification.deal) == (
        officer,
        "interest_expressed",
        deal,
    )
    assert notification.emailed_at is not None and notification.read_at is None
    # Run again (a recovered task): not sent twice.
    assert notification_email_task.call(notification.pk) == "skipped"
    assert len(smtp.received) == 1


def test_each_recipient_reads_their_own_language(
    smtp: Inbox,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    User.objects.filter(pk=officer.pk).update(preferred_language="zh-hant")
    deal = _interest(nda_offer, outsider, cq_enterprise, django_capture_on_commit_callbacks)
    run_enqueued_notification_emails()
    [mail] = smtp.received
    assert mail.subject == f"{nda_offer.reference} 收到新的意向表達"
    assert f"{SITE}/zh-hant/deals/{deal.pk}/" in mail.part("text/plain")
    assert 'lang="zh-Hant-HK"' in mail.part("text/html")
    assert _unsubscribe_path(mail.message["List-Unsubscribe"]).startswith(
        "/zh-hant/notifications/unsubscribe/"
    )


def test_never_sends_nothing_and_digest_only_in_the_digest(
    smtp: Inbox,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    preferences_set(user=officer, choices={"interest_expressed": "never"})
    preferences_set(user=outsider, choices={"message_posted": "digest"})
    deal = _interest(nda_offer, outsider, cq_enterprise, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        deal_message_post(actor=officer, deal=deal, body="Which territory do you need?")
        deal_message_post(actor=officer, deal=deal, body="And which field of use?")
    assert run_enqueued_notification_emails() == []  # nothing immediate at all
    assert smtp.received == []
    # Both stay in the site.
    assert sorted(Notification.objects.values_list("recipient__email", "kind", "delivery")) == [
        ("officer@hk.example.org", "interest_expressed", "never"),
        ("outsider@cq.example.org", "message_posted", "digest"),
        ("outsider@cq.example.org", "message_posted", "digest"),
    ]

    assert digest_send() == 1
    [mail] = smtp.received
    assert mail.recipients == ["outsider@cq.example.org"]
    text, html = mail.part("text/plain"), mail.part("text/html")
    for part in (text, html):
        assert "Which territory do you need?" in part
        assert "And which field of use?" in part
        assert f"{SITE}/zh-hans/deals/{deal.pk}/" in part
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(delivery="digest", emailed_at__isnull=True).exists()
    assert Notification.objects.get(kind="interest_expressed").emailed_at is None

    assert digest_send() == 0  # nothing new: no empty digest
    assert len(smtp.received) == 1


def test_unsubscribe_link_turns_the_kind_off(
    smtp: Inbox,
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    deal = _interest(nda_offer, outsider, cq_enterprise, django_capture_on_commit_callbacks)
    run_enqueued_notification_emails()
    path = _unsubscribe_path(smtp.received[0].message["List-Unsubscribe"])

    # No log-in needed; the page only asks.
    page = client.get(path)
    assert page.status_code == 200
    assert "Someone expresses interest in your listing" in page.content.decode()
    assert not NotificationPreference.objects.exists()

    # A tampered token changes nothing.
    assert client.post(path[:-2] + "x/").status_code == 400
    assert not NotificationPreference.objects.exists()

    # The one-click POST of RFC 8058 (no CSRF token: it comes from the mail client).
    strict = Client(enforce_csrf_checks=True)
    answer = strict.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    assert list(NotificationPreference.objects.values_list("user", "kind", "delivery")) == [
        (officer.pk, "interest_expressed", "never")
    ]

    # Other kinds still are; the next interest is recorded but not e-mailed.
    with django_capture_on_commit_callbacks(execute=True):
        deal_advance(actor=outsider, deal=deal, event="withdraw")
    assert run_enqueued_notification_emails() == ["sent"]
    assert smtp.received[-1].subject == f"The deal on {nda_offer.reference} moved on"
    again = offer_input(officer.memberships.get().organisation)
    other = publish(
        officer, User.objects.get(is_staff=True), listing_create(actor=officer, data=again)
    )
    _interest(other, outsider, cq_enterprise, django_capture_on_commit_callbacks)
    assert run_enqueued_notification_emails() == []
    assert len(smtp.received) == 2
    assert Notification.objects.filter(kind="interest_expressed").count() == 2


def test_anonymous_owner_is_never_named_to_the_interested_party_before_accepting(
    smtp: Inbox,
    officer: User,
    reviewer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
    private_uploads: Storage,
    django_capture_on_commit_callbacks: Any,
) -> None:
    data = offer_input(hk_university, is_anonymous=True)
    listing = publish(officer, reviewer, listing_create(actor=officer, data=data))
    deal = _interest(listing, outsider, cq_enterprise, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        deal_message_post(actor=officer, deal=deal, body="Tell us about your clinics.")
        deal_document_upload(
            actor=officer, deal=deal, upload=SimpleUploadedFile("brochure.pdf", PDF)
        )
        deal_advance(actor=officer, deal=deal, event="screen")
    run_enqueued_notification_emails()
    to_outsider = [m for m in smtp.received if m.recipients == ["outsider@cq.example.org"]]
    assert len(to_outsider) == 3
    for mail in to_outsider:
        everything = (
            f"{mail.message['Subject']}\n{mail.part('text/plain')}\n{mail.part('text/html')}"
        )
        for mark in OWNER_MARKS:
            assert mark not in everything
    # Nor on the notifications page.
    reader = Client()
    reader.force_login(outsider)
    page = reader.get("/en/my/notifications/").content.decode()
    assert "Not disclosed yet: University, Hong Kong" in page
    for mark in OWNER_MARKS:
        assert mark not in page

    # Accepting the interest is agreeing to be known: from then on the owner is named.
    with django_capture_on_commit_callbacks(execute=True):
        deal_advance(actor=officer, deal=deal, event="accept")
    run_enqueued_notification_emails()
    accepted = smtp.received[-1]
    assert accepted.recipients == ["outsider@cq.example.org"]
    assert "Test HK University" in accepted.part("text/plain")


def test_refusing_server_is_retried_later_then_given_up(
    smtp: Inbox,
    settings: Any,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _interest(nda_offer, outsider, cq_enterprise, django_capture_on_commit_callbacks)
    notification = Notification.objects.get()
    settings.EMAIL_PORT = free_port()  # nobody listens there
    settings.EMAIL_TIMEOUT = 5
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_email_task.call(notification.pk, 1) == "retrying"
    retry = DBTaskResult.objects.get(
        task_path=notification_email_task.module_path, args_kwargs__args=[notification.pk, 2]
    )
    assert retry.run_after >= before + timedelta(minutes=1)
    assert Notification.objects.get().emailed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        assert notification_email_task.call(notification.pk, MAX_ATTEMPTS) == "gave up"
    assert not DBTaskResult.objects.filter(
        args_kwargs__args=[notification.pk, MAX_ATTEMPTS + 1]
    ).exists()
    assert Notification.objects.get().emailed_at is None
    assert smtp.received == []
