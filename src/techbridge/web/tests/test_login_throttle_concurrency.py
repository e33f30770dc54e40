"""The log-in and password-reset limits hold when the attempts arrive all at once."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core import mail
from django.test import Client

from techbridge.accounts.models import AccessAttempt, User
from techbridge.core.tests.concurrency import together

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_parallel_wrong_passwords_get_five_tries_not_one_each(officer: User) -> None:
    def guess() -> int:
        data = {"username": officer.email, "password": "wrong-guess"}
        return Client().post("/en/login/", data).status_code

    statuses = together(12, 1, guess)

    assert Counter(statuses) == {200: 5, 429: 7}
    assert AccessAttempt.objects.filter(kind="login").count() == 5


def test_parallel_reset_requests_send_three_mails(officer: User) -> None:
    def reset() -> int:
        return Client().post("/en/password-reset/", {"email": officer.email}).status_code

    statuses = together(8, 1, reset)

    assert Counter(statuses) == {302: 3, 429: 5}
    assert len(mail.outbox) == 3
