"""Match suggestions for a listing's owners (with reasons and feedback), saved searches and
the alerts page."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.models import User
from techbridge.catalogue.choices import PartnershipType
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import can_edit_for
from techbridge.core.errors import ServiceValidationError
from techbridge.engine import TermMatch
from techbridge.matching.alerts import saved_search_create
from techbridge.matching.explaining import reason_sentences
from techbridge.matching.models import (
    Alert,
    MatchStrength,
    SavedSearch,
    Suggestion,
    SuggestionFeedback,
)
from techbridge.matching.selectors import listing_suggestions
from techbridge.web.confirming import Confirmation, ask, is_confirmed
from techbridge.web.forms import SearchForm
from techbridge.web.presenting import reasons


def _owned_listing(request: HttpRequest, reference: str) -> Listing:
    listing = get_object_or_404(Listing.objects.select_related("owner"), reference=reference)
    if not can_edit_for(request.user, listing.owner):
        raise Http404  # someone else's matches: as if there were none
    return listing


def _labelled(code: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Codes in a reason's parameters replaced by their names in the reader's language."""
    if code == "partnership_shared":
        names = dict(PartnershipType.choices)
        params = {**params, "types": [str(names.get(t, t)) for t in params.get("types", [])]}
    return code, params


#: Suggestions shown before "more": on the judged demo set, 194 of the 221 suggestions judged
#: relevant are among each listing's first five (benchmarks/README.md, "Matching").
SHOWN_FIRST = 5


def first_and_more(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The suggestions shown at once (the first :data:`SHOWN_FIRST`, and every strong or good
    one) and the weaker ones behind a "more" toggle, keeping the ranked order."""
    labelled = [
        i for i, row in enumerate(rows) if row["suggestion"].label != MatchStrength.POSSIBLE
    ]
    cut = max(SHOWN_FIRST, labelled[-1] + 1 if labelled else 0)
    return rows[:cut], rows[cut:]


@login_required
def listing_matches(request: HttpRequest, reference: str) -> HttpResponse:
    listing = _owned_listing(request, reference)
    suggestions = listing_suggestions(listing)
    user = cast(User, request.user)
    rows = []
    for suggestion in suggestions:
        verdicts = {f.user_id: f.useful for f in suggestion.feedback.all()}
        row = {
            "suggestion": suggestion,
            "reasons": reason_sentences(suggestion.reasons.get("shown", [])),
            "mine": verdicts.get(user.pk),
            "useful": sum(1 for v in verdicts.values() if v),
            "not_useful": sum(1 for v in verdicts.values() if not v),
        }
        if user.is_staff:
            # Administrators' details: every matched word with its weight, every factor.
            row["terms"] = reasons([TermMatch(**t) for t in suggestion.reasons.get("terms", [])])
            row["structured"] = [
                _labelled(code, params) for code, params in suggestion.reasons.get("structured", [])
            ]
            row["missing"] = suggestion.reasons.get("missing", [])
            row["coverage"] = suggestion.reasons.get("coverage")
        rows.append(row)
    first, more = first_and_more(rows)
    return render(
        request,
        "web/listing_matches.html",
        {"listing": listing, "rows": first, "more": more, "more_start": len(first) + 1},
    )


@login_required
@require_POST
def suggestion_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion.objects.select_related("source__owner"), pk=pk)
    if not can_edit_for(request.user, suggestion.source.owner):
        raise Http404
    SuggestionFeedback.objects.update_or_create(
        suggestion=suggestion,
        user=cast(User, request.user),
        defaults={"useful": request.POST.get("useful") == "1", "given_at": timezone.now()},
    )
    messages.success(request, _("Thank you: your feedback improves future suggestions."))
    return redirect("web:listing_matches", reference=suggestion.source.reference)


@login_required
@require_POST
def search_save(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This search cannot be saved."))
        return redirect("web:search")
    try:
        saved_search_create(
            user=request.user, query=form.cleaned_data.get("q") or "", filters=form.engine_filters()
        )
    except ServiceValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:search")
    messages.success(request, _("Search saved: new results will appear in your alerts."))
    return redirect("web:alerts")


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=cast(User, request.user))
    if not is_confirmed(request):
        return ask(
            request,
            Confirmation(
                title=(
                    _("Delete the saved search “%(query)s”") % {"query": saved.query}
                    if saved.query
                    else _("Delete the saved search")
                ),
                consequence=_(
                    "The saved search is deleted for good and cannot be restored: its new "
                    "results no longer reach your alerts."
                ),
                action=request.path,
                confirm_label=_("Yes, delete the saved search"),
                cancel_url=reverse("web:alerts"),
                cancel_label=_("No, keep it"),
            ),
        )
    saved.delete()
    return redirect("web:alerts")


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    mine = (
        Alert.objects.filter(user=user)
        .select_related("listing", "saved_search", "suggestion__source")
        .prefetch_related("listing__texts")[:100]
    )
    unread = [alert.pk for alert in mine if alert.read_at is None]
    context = {
        "alerts": mine,
        "unread": set(unread),
        "saved_searches": SavedSearch.objects.filter(user=user),
    }
    response = render(request, "web/alerts.html", context)
    Alert.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return response
