"""API rate limits hold under concurrent requests, on the database and on Redis; rates come
from the environment; a forged X-Forwarded-For does not buy a fresh allowance."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from techbridge.accounts.models import User
from techbridge.api import throttles
from techbridge.core.tests.concurrency import together
from techbridge.core.tests.redis_cache import redis_cache

__all__ = ["redis_cache"]

SRC = Path(__file__).resolve().parents[3]


@pytest.fixture(params=["database", "redis"])
def counters(request: pytest.FixtureRequest) -> str:
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return str(request.param)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_burst_of_parallel_requests_gets_exactly_the_limit(
    counters: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "10/min")
    # What is tested is the count, not SQLite's fail-open after a short lock wait (its own
    # test is in test_sqlite_write_lock): on a loaded machine 30 parallel writers can wait
    # longer than the production 200 ms, and a request let through unthrottled is not a
    # counting error.
    monkeypatch.setattr(throttles, "LOCK_WAIT_MS", 30_000)

    def request() -> tuple[int, str | None]:
        response = Client().get("/api/v1/taxonomy")
        return response.status_code, response.headers.get("Retry-After")

    responses = together(6, 5, request)

    assert Counter(status for status, _wait in responses) == {200: 10, 429: 20}
    waits = [wait for status, wait in responses if status == 429]
    assert all(wait is not None and 0 < int(wait) <= 60 for wait in waits)


@pytest.mark.django_db
def test_signed_in_users_are_counted_per_user(
    client: Client, officer: User, outsider: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "2/min")
    client.force_login(officer)
    assert [client.get("/api/v1/taxonomy").status_code for _ in range(3)] == [200, 200, 429]
    other = Client()
    other.force_login(outsider)
    assert other.get("/api/v1/taxonomy").status_code == 200


@pytest.mark.django_db
def test_forged_forwarded_for_does_not_reset_the_count(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "3/min")
    statuses = [
        client.get("/api/v1/taxonomy", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def _rates(**env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "from techbridge.config.settings import base;"
        "r = base.REST_FRAMEWORK;"
        "print(r['DEFAULT_THROTTLE_RATES']['anon'], r['DEFAULT_THROTTLE_RATES']['user'],"
        " r['NUM_PROXIES'])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TECHBRIDGE_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=SRC,
        env={**clean, "TECHBRIDGE_DEBUG": "1", **env},
        capture_output=True,
        text=True,
    )


def test_rates_and_proxy_trust_come_from_the_environment() -> None:
    assert _rates().stdout.split() == ["100/min", "200/min", "0"]
    configured = _rates(
        TECHBRIDGE_API_RATE_ANON="30/min",
        TECHBRIDGE_API_RATE_USER="1000/hour",
        TECHBRIDGE_BEHIND_PROXY="1",
    )
    assert configured.stdout.split() == ["30/min", "1000/hour", "1"]
    wrong = _rates(TECHBRIDGE_API_RATE_USER="lots")
    assert wrong.returncode != 0
    assert "TECHBRIDGE_API_RATE_USER must look like 100/min, got 'lots'" in wrong.stderr
