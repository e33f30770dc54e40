"""API rate limits (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``) with atomic counters.

DRF's own throttles read a client's request history from the cache, append to it and write it
back: requests arriving together all read the same history, and a burst overruns the limit.
These count each request with one atomic hit (:mod:`techbridge.core.ratelimit`) in a window
that opens with the client's first request, keeping the same rates, scopes, client keys and
``Retry-After`` (the seconds until the window closes).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import OperationalError
from redis.exceptions import RedisError
from rest_framework import throttling
from rest_framework.request import Request

from techbridge.core import ratelimit

logger = logging.getLogger(__name__)
# How long a request waits for SQLite's write lock to count its hit.
LOCK_WAIT_MS = 200


class AtomicRateThrottle(throttling.SimpleRateThrottle):
    """``allow_request`` and ``wait`` of DRF's rate throttles, on an atomic counter."""

    num_requests: int
    duration: int
    resets_in: float = 0.0

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        try:
            with ratelimit.brief_lock_wait(LOCK_WAIT_MS):
                hit = ratelimit.hit(self.key, self.duration)
        except RedisError:
            # The API stays up while the shared cache is down, unthrottled rather than broken.
            logger.exception("rate limit not checked: the Redis cache is unavailable")
            return True
        except OperationalError:
            # SQLite's one write lock is held (a long import in the worker): answer the
            # request unthrottled rather than make it wait for the lock.
            logger.warning("rate limit not checked: the database is locked for writing")
            return True
        self.resets_in = hit.resets_in
        return hit.count <= self.num_requests

    def wait(self) -> float | None:
        return max(self.resets_in, 1.0)


class AnonRateThrottle(AtomicRateThrottle, throttling.AnonRateThrottle):
    """Anonymous callers, per address (scope ``anon``)."""


class UserRateThrottle(AtomicRateThrottle, throttling.UserRateThrottle):
    """Signed-in callers per user, anonymous ones per address (scope ``user``)."""
