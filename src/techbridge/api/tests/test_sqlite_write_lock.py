"""While a long import holds SQLite's single write lock, API reads still answer: counting the
request's rate-limit hit and noting the token's use wait briefly for the lock and are skipped
(the request unthrottled) instead of waiting 20 s and failing."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection
from django.test import Client

from techbridge.accounts.models import User
from techbridge.api.tokens import api_token_create
from techbridge.core.models import RateCounter


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_api_reads_answer_while_another_process_holds_the_write_lock(
    client: Client, officer: User
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single write lock; PostgreSQL writers do not block each other")
    _token, secret = api_token_create(user=officer, name="reader")
    counters = RateCounter.objects.count()
    importer = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=1)
    importer.execute("BEGIN IMMEDIATE")  # as the worker's import transaction does
    try:
        member = client.get("/api/v1/listings", headers={"Authorization": f"Bearer {secret}"})
        anonymous = client.get("/api/v1/taxonomy")
    finally:
        importer.rollback()
        importer.close()
    assert (member.status_code, anonymous.status_code) == (200, 200)
    assert member.json()["count"] == 0
    assert RateCounter.objects.count() == counters  # no hit could be written meanwhile
