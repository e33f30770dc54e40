"""Rate-limit counters that stay exact under concurrency, on Redis or in the database.

A counter counts hits in a fixed window that opens with its first hit and lasts ``window``
seconds; a hit returns the count including itself and the seconds until the window closes
(the caller's ``Retry-After``). Every hit is one atomic operation on the shared store, so
parallel requests from any number of processes and nodes can neither lose a hit nor see the
same count twice:

* Redis (when the default cache is Django's ``RedisCache``): ``SET key 0 EX window NX``,
  ``INCR key`` and ``PTTL key`` in one MULTI/EXEC transaction. This is the ``cache.add`` then
  ``cache.incr`` pattern in one round trip, without its gap: Django's ``incr`` checks that the
  key exists and then increments, and a key expiring in between would be recreated by INCR
  with no expiry, a window that never closes.
* Otherwise a :class:`~techbridge.core.models.RateCounter` row, hit with a single
  ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement that opens, counts or reopens the
  window (SQLite 3.35+ and PostgreSQL). Django's database cache would not do: its ``incr`` is
  a read followed by a write, so concurrent increments are lost.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction

from techbridge.core.models import RateCounter

KEY_PREFIX = "ratelimit:"
# How long the row behind an `exclusive` block is kept once unused (pruned afterwards).
LOCK_ROW_SECONDS = 60 * 60


@dataclass(frozen=True)
class Hit:
    """One counted hit: the window's count including it, and seconds until the window ends."""

    count: int
    resets_in: float


def hit(key: str, window: int) -> Hit:
    """Count one hit on ``key`` in its current ``window``-second window."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        return _redis_hit(cache, key, window)
    return database_hit(key, window)


def _redis_hit(cache: RedisCache, key: str, window: int) -> Hit:
    full_key = cache.make_and_validate_key(KEY_PREFIX + key)
    # The cache's own connection pool: no second configuration of the Redis address.
    client: Any = cache._cache.get_client(full_key, write=True)
    pipe = client.pipeline(transaction=True)
    pipe.set(full_key, 0, ex=window, nx=True)
    pipe.incr(full_key)
    pipe.pttl(full_key)
    _created, count, ttl_ms = pipe.execute()
    return Hit(count=int(count), resets_in=max(ttl_ms, 0) / 1000)


def _upsert_sql() -> str:
    quote = connection.ops.quote_name
    table = quote(RateCounter._meta.db_table)
    key, hits, ends = quote("key"), quote("hits"), quote("window_ends")
    expired = f"{table}.{ends} <= %s"
    return (
        f"INSERT INTO {table} ({key}, {hits}, {ends}) VALUES (%s, 1, %s) "
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"{hits} = CASE WHEN {expired} THEN 1 ELSE {table}.{hits} + 1 END, "
        f"{ends} = CASE WHEN {expired} THEN excluded.{ends} ELSE {table}.{ends} END "
        f"RETURNING {hits}, {ends}"
    )


def database_hit(key: str, window: int) -> Hit:
    """Count one hit in the database (on PostgreSQL the row stays locked until the
    surrounding transaction ends, which :func:`exclusive` relies on)."""
    now = time.time()
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [KEY_PREFIX + key, now + window, now, now])
        count, window_ends = cursor.fetchone()
    return Hit(count=int(count), resets_in=max(float(window_ends) - now, 0.0))


@contextmanager
def brief_lock_wait(milliseconds: int) -> Iterator[None]:
    """On SQLite, wait at most ``milliseconds`` for the database's write lock inside the block
    (instead of the connection's 20 s): a long import holding the lock must not stall every
    request that counts a hit. Elsewhere nothing changes."""
    if connection.vendor != "sqlite":
        yield
        return
    # A setting of the connection itself, not a statement on the database: set on the driver's
    # connection directly (restored to the configured timeout afterwards).
    connection.ensure_connection()
    driver: Any = connection.connection
    configured = float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5))
    driver.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA busy_timeout = {int(configured * 1000)}")


@contextmanager
def exclusive(key: str) -> Iterator[None]:
    """Run the block in a transaction that concurrent blocks for the same ``key`` wait for.

    For check-then-record limits (log-in failures), where the check and the record must be
    one step. PostgreSQL: the counter row's lock, taken by the upsert, is held until commit.
    SQLite: the upsert, a write, is the transaction's first statement (and the settings begin
    transactions IMMEDIATE anyway), so the database's single write lock is held from there.
    """
    with transaction.atomic():
        database_hit("lock:" + key, LOCK_ROW_SECONDS)
        yield


def expired_counters_delete(now: float | None = None) -> int:
    """Delete database counters whose window has closed; returns how many."""
    deleted, _ = RateCounter.objects.filter(window_ends__lt=now or time.time()).delete()
    return deleted
