"""A real Redis as the default cache, for the tests of what runs on it.

``TECHBRIDGE_TEST_REDIS_URL`` names the server (default: a local one, database 15); each test
gets keys under a prefix of its own, so parallel runs on one server do not meet. Without a
reachable server the tests skip, unless ``TECHBRIDGE_REQUIRE_REDIS`` is set (CI).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = os.environ.get("TECHBRIDGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache() -> Iterator[str]:
    """Switch the default cache to Redis; yields the key prefix used."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as error:
        if os.environ.get("TECHBRIDGE_REQUIRE_REDIS"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    prefix = f"test-{uuid.uuid4().hex}"
    cache: dict[str, Any] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": cache}):
        yield prefix
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        caches["default"].close()
