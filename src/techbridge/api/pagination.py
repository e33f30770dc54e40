"""limit/offset pagination whose parameters are checked, not guessed: a limit outside 1..100 or
an offset outside 0..MAX_OFFSET (or anything that is not a whole number, an empty value
included) is a 400 problem, as the schema says, instead of silently becoming the default."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

# Far beyond any page of this catalogue, and well inside every database's integer range
# (PostgreSQL refuses OFFSET beyond bigint).
MAX_OFFSET = 1_000_000_000
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,30}")


def whole_number_param(request: Request, name: str, *, default: int, low: int, high: int) -> int:
    """The query parameter ``name`` as an integer in ``low..high``, ``default`` when absent."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not _WHOLE_NUMBER.fullmatch(raw):
        raise serializers.ValidationError({name: [_("A whole number is required.")]})
    value = int(raw)
    if not low <= value <= high:
        message = _("Must be between %(low)d and %(high)d.") % {"low": low, "high": high}
        raise serializers.ValidationError({name: [message]})
    return value


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 20
    max_limit = 100

    def get_limit(self, request: Request) -> int:
        return whole_number_param(
            request, self.limit_query_param, default=self.default_limit, low=1, high=self.max_limit
        )

    def get_offset(self, request: Request) -> int:
        return whole_number_param(
            request, self.offset_query_param, default=0, low=0, high=MAX_OFFSET
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
