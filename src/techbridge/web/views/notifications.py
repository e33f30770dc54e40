"""The person's notifications: the list (newest first), marking read, opening one, the
choices per kind, and the one-click unsubscribe of the e-mails (no log-in: the signed token
is the authority, RFC 8058)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.core.errors import ServiceValidationError
from techbridge.notifications.choices import Delivery
from techbridge.notifications.kinds import KINDS
from techbridge.notifications.kinds import render as render_notification
from techbridge.notifications.links import in_language
from techbridge.notifications.models import Notification
from techbridge.notifications.selectors import notifications_of, preferences_of
from techbridge.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    preferences_set,
    unsubscribe_apply,
)
from techbridge.notifications.tokens import unsubscribe_read

PAGE_SIZE = 20


def _preference_rows(user: Any) -> list[dict[str, Any]]:
    chosen = preferences_of(user)
    return [
        {"kind": key, "label": kind.label, "choice": chosen[key].value}
        for key, kind in KINDS.items()
    ]


@login_required
def notifications_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    errors: list[str] = []
    if request.method == "POST":
        choices = {key: request.POST.get(f"kind-{key}", "") for key in KINDS}
        try:
            preferences_set(user=user, choices=choices)
        except ServiceValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("web:notifications")
    page = Paginator(notifications_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    items = [
        {"notification": notification, "text": render_notification(notification)}
        for notification in page
    ]
    context = {
        "page": page,
        "items": items,
        "preferences": _preference_rows(user),
        "deliveries": Delivery.choices,
        "errors": errors,
    }
    return render(request, "web/notifications.html", context, status=400 if errors else 200)


def _mine(request: HttpRequest, pk: int) -> Notification:
    try:
        return notification_mark_read(user=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    _mine(request, pk)
    return redirect("web:notifications")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notifications_mark_all_read(user=request.user)
    return redirect("web:notifications")


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its page; opening it is reading it."""
    notification = _mine(request, pk)
    return redirect(in_language(notification.link, get_language() or "en"))


@csrf_exempt  # mail clients post the one-click unsubscribe without a form of ours
@require_http_methods(["GET", "POST"])
def notifications_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    read = unsubscribe_read(token)
    if read is None:
        return render(request, "web/notifications_unsubscribe.html", {"invalid": True}, status=400)
    labels = [KINDS[kind].label for kind in read[1] if kind in KINDS]
    if request.method == "POST":
        unsubscribe_apply(token)
        return render(
            request, "web/notifications_unsubscribe.html", {"done": True, "labels": labels}
        )
    return render(request, "web/notifications_unsubscribe.html", {"labels": labels, "token": token})
