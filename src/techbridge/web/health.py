"""Liveness (``/healthz``) and readiness (``/readyz``) for load balancers and orchestrators.

Answered by the first middleware, before host validation, HTTPS redirects, sessions and the
locale: a probe comes from the load balancer by address over plain HTTP, and must cost little.
``/readyz`` is 200 only when the database answers and this node's search index is close
enough to the change log (``TECHBRIDGE_READY_MAX_LAG_*``); otherwise 503, saying why.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from techbridge.core.heartbeats import process_status
from techbridge.matching.readiness import index_lag


def readiness() -> tuple[bool, dict[str, object]]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any database failure means "not ready", said plainly
        return False, {"ready": False, "database": f"unreachable: {type(error).__name__}"}
    lag = index_lag()
    body: dict[str, object] = {
        "ready": lag.ready,
        "database": "ok",
        "index": lag.as_dict(),
        "processes": process_status(),
    }
    return lag.ready, body


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return JsonResponse({"alive": True})
        if request.path == "/readyz":
            ready, body = readiness()
            return JsonResponse(body, status=200 if ready else 503)
        return self.get_response(request)
