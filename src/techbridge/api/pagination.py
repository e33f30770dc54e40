"""limit/offset pagination with bounds, so that huge numbers page nothing instead of
overflowing the database's integer range (PostgreSQL refuses LIMIT beyond bigint)."""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 20
    max_limit = 100

    def get_offset(self, request: Request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
