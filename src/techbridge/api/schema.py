"""OpenAPI description of the personal-token authentication, and of the errors each operation
can really answer with (RFC 9457 problem details, ``application/problem+json``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from techbridge.api.errors import PROBLEM_TYPE
from techbridge.core.bounds import TextSafetyValidator

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PAGING = {"limit", "offset"}
# core.bounds.TextSafetyValidator as JSON Schema patterns (lone surrogates left out: JSON text
# cannot carry them, and not every regular-expression engine can name them).
# A blank text, where allowed, is drf-spectacular's separate "maxLength: 0" alternative.
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]+$"
LINE_PATTERN = r"^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]+$"


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "techbridge.api.tokens.BearerTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "Personal API token (tb_…)"}


class ProblemSerializer(serializers.Serializer[Any]):
    """An error as RFC 9457 problem details (see errors.problem_response)."""

    type = serializers.CharField(help_text="Always about:blank: the status says what happened.")
    title = serializers.CharField(help_text="The status's meaning, in the request's language.")
    status = serializers.IntegerField()
    detail = serializers.CharField(
        required=False, help_text="What went wrong with this request, when there is more to say."
    )

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()
        # Added here: as a class attribute it would hide Serializer.errors.
        fields["errors"] = serializers.JSONField(
            required=False,
            help_text="Invalid input: the messages by field name (or __all__ for a refused step).",
        )
        return fields


def problem(code: int, reason: str) -> dict[tuple[int, str], OpenApiResponse]:
    """A problem response a view declares itself, for ``extend_schema(responses=...)``."""
    return {(code, PROBLEM_TYPE): OpenApiResponse(ProblemSerializer, description=reason)}


# Why each status happens, in the words the schema shows to client developers.
_REASONS = {
    "400": "The input (body or query parameters) is not valid, or the step was refused.",
    "401": "The token (or session) is missing where one is required, unknown or revoked.",
    "403": "The caller may not do this (or a signed-in browser's CSRF token is missing).",
    "404": "Nothing here that the caller may see.",
    "406": "The Accept header asks for something other than JSON.",
    "415": "The body is not JSON.",
    "429": "Too many requests: wait for the seconds in Retry-After.",
}
_HEADERS: dict[str, dict[str, Any]] = {
    "401": {
        "WWW-Authenticate": {
            "schema": {"type": "string"},
            "required": True,
            "description": "Bearer: send a personal token.",
        }
    },
    "429": {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 1},
            "required": True,
            "description": "Seconds until the rate limit's window closes.",
        }
    },
}


def _is_listing_texts(field: Any) -> bool:
    from techbridge.api.serializers import ListingWriteSerializer

    return field.field_name == "texts" and isinstance(field.parent, ListingWriteSerializer)


class ProblemAutoSchema(AutoSchema):
    """drf-spectacular's schema plus the error responses the operation can give.

    Which ones follows from how the platform answers, so the views need no decorations:
    a bad token is a 401 anywhere (even where a token is optional); every view is throttled
    (429) and negotiates JSON (406); input in a body or a query string can be a 400 and a
    body in another format a 415; writes are refused with 403; a path naming an object can
    find nothing (404). Codes a view declares itself (a 422, say) are left as declared.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] not in PAGING:
                # Every filter reads an empty value as no filter (views.present).
                parameter["allowEmptyValue"] = True
        responses = operation["responses"]
        for code in self._problem_codes(operation):
            if code not in responses:
                responses[code] = self._problem_response(code)
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _map_serializer_field(self, field: Any, direction: Any, *args: Any, **kwargs: Any) -> Any:
        schema = super()._map_serializer_field(field, direction, *args, **kwargs)
        safety = [v for v in field.validators if isinstance(v, TextSafetyValidator)]
        if safety and schema.get("type") == "string" and "pattern" not in schema:
            schema["pattern"] = TEXT_PATTERN if safety[0].multiline else LINE_PATTERN
        if (
            isinstance(field, serializers.DecimalField)
            and field.max_digits is not None
            and field.decimal_places is not None
            and "pattern" in schema
        ):
            # drf-spectacular's pattern admits "", "-" and "." (and a sign below a minimum of
            # zero), all of which DecimalField refuses.
            whole = field.max_digits - field.decimal_places
            places = field.decimal_places
            number = rf"[0-9]{{1,{whole}}}(?:\.[0-9]{{0,{places}}})?|\.[0-9]{{1,{places}}}"
            sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
            schema["pattern"] = f"^{sign}(?:{number})$"
        if _is_listing_texts(field):
            # ListingWriteSerializer.validate_texts accepts the platform's languages as keys
            # and nothing else; a bare DictField would promise any key.
            text = super()._map_serializer_field(field.child, direction, *args, **kwargs)
            codes = [code for code, _name in settings.LANGUAGES]
            schema = {
                "type": "object",
                "properties": dict.fromkeys(codes, text),
                "additionalProperties": False,
            }
        return schema

    def _problem_codes(self, operation: dict[str, Any]) -> list[str]:
        parameters = operation.get("parameters", [])
        codes = ["401", "406"]
        if any(p["in"] == "query" for p in parameters) or self.method in UNSAFE_METHODS:
            codes.append("400")
        if self.method in UNSAFE_METHODS:
            codes.append("403")
        if any(p["in"] == "path" for p in parameters):
            codes.append("404")
        if "requestBody" in operation:
            codes.append("415")
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _problem_response(self, code: str) -> dict[str, Any]:
        component = self.resolve_serializer(ProblemSerializer, "response")
        response: dict[str, Any] = {
            "description": _REASONS[code],
            "content": {PROBLEM_TYPE: {"schema": component.ref}},
        }
        if code in _HEADERS:
            response["headers"] = _HEADERS[code]
        return response
