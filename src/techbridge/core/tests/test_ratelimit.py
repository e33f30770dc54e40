"""Rate-limit counters: exact under concurrency, on the database and on Redis."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import redis
from django.utils import timezone
from freezegun import freeze_time

from techbridge.core import ratelimit
from techbridge.core.models import RateCounter
from techbridge.core.tasks import rate_counters_prune_task
from techbridge.core.tests.concurrency import together
from techbridge.core.tests.redis_cache import REDIS_URL, redis_cache

__all__ = ["redis_cache"]


@pytest.mark.django_db
def test_database_window_counts_then_reopens() -> None:
    start = timezone.now()
    with freeze_time(start):
        assert ratelimit.hit("k", 60) == ratelimit.Hit(count=1, resets_in=60.0)
    with freeze_time(start + timedelta(seconds=59)):
        assert ratelimit.hit("k", 60) == ratelimit.Hit(count=2, resets_in=1.0)
        assert ratelimit.hit("other", 60).count == 1
    with freeze_time(start + timedelta(seconds=60)):
        assert ratelimit.hit("k", 60) == ratelimit.Hit(count=1, resets_in=60.0)
    with freeze_time(start + timedelta(seconds=121)):
        assert rate_counters_prune_task.call() == 2
    assert not RateCounter.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_counter_loses_no_hit_under_concurrency() -> None:
    counts = together(8, 40, lambda: ratelimit.hit("burst", 60).count)
    # Every hit saw its own count: none lost, none counted twice.
    assert sorted(counts) == list(range(1, 321))
    assert RateCounter.objects.get().hits == 320


def test_redis_window_counts_then_reopens(redis_cache: str) -> None:
    first = ratelimit.hit("k", 1)
    assert first.count == 1 and 0.9 < first.resets_in <= 1.0
    assert ratelimit.hit("k", 1).count == 2
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    [key] = client.keys(f"{redis_cache}:*")
    assert key == f"{redis_cache}:1:ratelimit:k"
    assert 0 < client.pttl(key) <= 1000  # the window always expires
    time.sleep(1.05)
    assert ratelimit.hit("k", 1).count == 1


def test_redis_counter_loses_no_hit_under_concurrency(redis_cache: str) -> None:
    counts = together(8, 40, lambda: ratelimit.hit("burst", 60).count)
    assert sorted(counts) == list(range(1, 321))
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    assert client.get(f"{redis_cache}:1:ratelimit:burst") == "320"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_exclusive_blocks_for_one_key_run_one_after_the_other() -> None:
    """A read-modify-write inside ``exclusive`` is safe: no two blocks interleave."""
    shared = {"value": 0, "inside": 0, "overlaps": 0}

    def block() -> None:
        with ratelimit.exclusive("same-key"):
            shared["inside"] += 1
            if shared["inside"] > 1:
                shared["overlaps"] += 1
            value = shared["value"]
            time.sleep(0.001)
            shared["value"] = value + 1
            shared["inside"] -= 1

    together(4, 10, block)
    assert shared == {"value": 40, "inside": 0, "overlaps": 0}
