"""Property-based requests generated from the committed OpenAPI schema, anonymous and with a
member's token, against the real application: no request may end in a server error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error

from techbridge.accounts.models import User
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.tests.published import Catalogue

SCHEMA = schemathesis.openapi.from_path(Path(__file__).resolve().parent.parent / "openapi.json")
SCHEMA.app = get_wsgi_application()


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Like Django's test client: the test's transaction must outlive each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def member_token(officer: User, monkeypatch: pytest.MonkeyPatch) -> str:
    # Rate limits would answer most generated requests with 429 and hide the handlers.
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "100000/min")
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "100000/min")
    return api_token_create(user=officer, name="schemathesis")[1]


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error(
    case: Any, catalogue: Catalogue, member_token: str, keep_test_connection: None
) -> None:
    case.call_and_validate(checks=[not_a_server_error])
    case.call_and_validate(
        headers={"Authorization": f"Bearer {member_token}"}, checks=[not_a_server_error]
    )
