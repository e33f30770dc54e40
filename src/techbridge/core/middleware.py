"""Refuse NUL characters in query strings and form fields before they reach a view.

No field of ours can hold one, and PostgreSQL rejects them in text outright (a server error
on a harmless-looking search); SQLite would store them. Found by schemathesis.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
)
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("The request contains a NUL character, which no field accepts.")
            if request.path.startswith("/api/"):
                body = {"type": "about:blank", "title": message, "status": 400}
                return JsonResponse(body, status=400, content_type="application/problem+json")
            return HttpResponseBadRequest(message)
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    try:
        form = request.POST
    except MultiPartParserError:
        form = QueryDict()  # a malformed body is the view's to refuse (400), not ours
    for query in (request.GET, form):
        for key, values in query.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False
