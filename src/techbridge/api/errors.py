"""Errors as RFC 9457 problem details (``application/problem+json``), translated into the
request's language."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from techbridge.core.errors import ServiceValidationError

PROBLEM_TYPE = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_TYPE


def problem_response(
    status_code: int, title: str, detail: str = "", errors: Any = None
) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status_code}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    detail = ""
    if isinstance(exc, ServiceValidationError):
        if hasattr(exc, "error_dict"):
            errors = exc.message_dict
        else:
            # A refused step (a broken business rule, not a bad field): its reason is the
            # problem's detail too, so a client can show it as it is.
            errors = {"__all__": exc.messages}
            detail = " ".join(exc.messages)
        exc = exceptions.ValidationError(errors)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None
    titles = {
        status.HTTP_400_BAD_REQUEST: _("The request is not valid."),
        status.HTTP_401_UNAUTHORIZED: _("Authentication is required."),
        status.HTTP_403_FORBIDDEN: _("You are not allowed to do this."),
        status.HTTP_404_NOT_FOUND: _("Not found."),
        status.HTTP_405_METHOD_NOT_ALLOWED: _("This method is not allowed here."),
        status.HTTP_406_NOT_ACCEPTABLE: _("The API answers in JSON only."),
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: _("The API reads JSON bodies only."),
        status.HTTP_429_TOO_MANY_REQUESTS: _("Too many requests."),
    }
    title = titles.get(response.status_code, _("The request failed."))
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        problem = problem_response(response.status_code, title, detail=detail, errors=data)
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else ""
        problem = problem_response(response.status_code, title, detail=str(detail))
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
