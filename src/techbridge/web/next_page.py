"""Where to go after a form that was reached from another page (``?next=``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def local_next(request: HttpRequest, target: str) -> str:
    """``target`` when it is a path on this site, else "". A bare word ("690916") passes
    Django's host check as a relative address, but ``redirect`` then reads it as the name of
    a view and fails with a 500; only a path (or a full address on this host) is followed."""
    if not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    if target.startswith("/") or target.startswith(request.build_absolute_uri("/")):
        return target
    return ""
