"""Who can be notified at all: people who can sign in. An account without a usable password
(the demo catalogue's people, an erased account) gets no notification and no mail."""

from __future__ import annotations

import pytest
from django.core import mail

from techbridge.accounts.erasure import account_delete
from techbridge.accounts.tests.factories import UserFactory
from techbridge.notifications.models import Notification
from techbridge.notifications.services import notify
from techbridge.notifications.tests.helpers import run_enqueued_notification_emails

pytestmark = pytest.mark.django_db


def test_only_people_who_can_sign_in_are_notified() -> None:
    reader = UserFactory.create(email="reader@example.org")
    no_password = UserFactory.create(email="demo@example.org")
    no_password.set_unusable_password()
    no_password.save()
    inactive = UserFactory.create(email="inactive@example.org", is_active=False)
    erased = UserFactory.create(email="erased@example.org")
    account_delete(actor=erased, password="correct horse battery")
    erased.refresh_from_db()

    created = notify(
        [reader, no_password, inactive, erased],
        "listing_expiring",
        params={"reference": "TOHK20260001", "titles": {"en": "A title"}, "date": "2027-01-05"},
        link="/en/my/listings/",
    )
    run_enqueued_notification_emails()

    assert [n.recipient.email for n in created] == ["reader@example.org"]
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
        "reader@example.org"
    ]
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
