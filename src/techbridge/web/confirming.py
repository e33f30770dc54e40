"""Asking before a step that cannot be undone.

A form whose step cannot be undone posts to its own action URL as usual; without
``confirmed=yes`` the view changes nothing and answers with a confirmation that says what cannot
be undone and repeats the form's fields with ``confirmed=yes``. Without JavaScript the
confirmation is a page of its own; a button marked for htmx fetches the same confirmation as a
modal ``<dialog>`` fragment instead (``web/_confirm_dialog.html``, opened by
``web/confirm.js``). Both include ``web/_confirm.html``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

CONFIRMED = "yes"


@dataclass(frozen=True)
class Confirmation:
    """What the reader is asked: the step (``title``), what cannot be undone
    (``consequence``), where the confirmed form goes and where "no" leads back to."""

    title: str
    consequence: str
    action: str
    cancel_url: str
    cancel_label: str
    confirm_label: str
    fields: tuple[tuple[str, str], ...] = ()
    subject: str = ""


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirmed") == CONFIRMED


def carried(request: HttpRequest, names: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The posted fields to send again with the confirmation (those present only)."""
    return tuple((name, request.POST[name]) for name in names if name in request.POST)


def ask(
    request: HttpRequest,
    confirmation: Confirmation,
    template: str = "web/confirm.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The confirmation: a dialog fragment for htmx, else the full page ``template``."""
    context = {**(context or {}), "confirmation": confirmation}
    if getattr(request, "htmx", False):
        response = render(request, "web/_confirm_dialog.html", context)
    else:
        response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
