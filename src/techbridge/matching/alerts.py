"""Saved searches, and the e-mail digest of a user's unsent alerts (new strong matches for
their listings, new results of their saved searches), in the user's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.core.errors import ServiceValidationError
from techbridge.matching.models import Alert, SavedSearch
from techbridge.matching.selectors import listing_search

MAX_SAVED_SEARCHES = 20
CHECK_DEPTH = 50


def saved_search_create(
    *, user: Any, query: str, filters: Mapping[str, Sequence[str]] | None = None
) -> SavedSearch:
    query = query.strip()[:300]
    if not query:
        raise ServiceValidationError(_("Type some words to search for before saving."))
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise ServiceValidationError(
            _("You can keep at most %(count)d saved searches.") % {"count": MAX_SAVED_SEARCHES}
        )
    return SavedSearch.objects.create(
        user=user, query=query, filters={k: list(v) for k, v in (filters or {}).items()}
    )


def saved_searches_check(now: datetime | None = None) -> int:
    """Turn listings published since each saved search was last checked into alerts."""
    now = now or timezone.now()
    created = 0
    for saved in SavedSearch.objects.select_related("user").filter(user__is_active=True):
        result = listing_search(saved.user, saved.query, filters=saved.filters, limit=CHECK_DEPTH)
        for hit in result.hits:
            published = hit.listing.published_at
            if published is None or published <= saved.checked_at:
                continue
            try:
                with transaction.atomic():
                    Alert.objects.create(
                        user=saved.user,
                        kind=Alert.Kind.SAVED_SEARCH,
                        listing=hit.listing,
                        saved_search=saved,
                    )
                created += 1
            except IntegrityError:
                pass  # already alerted (a rerun of the same check)
        SavedSearch.objects.filter(pk=saved.pk).update(checked_at=now)
    return created


def _digest_body(user: User, alerts: list[Alert]) -> tuple[str, str]:
    with translation.override(user.preferred_language):
        subject = _("techbridge: %(count)d new matches and search results") % {"count": len(alerts)}
        lines = [_("New for you on techbridge:"), ""]
        for alert in alerts:
            label = (
                _("Strong match for your listing")
                if alert.kind == Alert.Kind.MATCH
                else _("New result for “%(query)s”")
                % {"query": alert.saved_search.query if alert.saved_search else ""}
            )
            lines.append(f"- {label}: {alert.listing.reference} {alert.listing.title}")
        lines += ["", _("See them all on your alerts page.")]
    return subject, "\n".join(lines)


def digest_send(frequency: str, now: datetime | None = None) -> int:
    """One e-mail per user on ``frequency`` with unsent alerts; returns e-mails sent.

    Alerts are marked sent in the same transaction as the send, so a refused send is retried
    at the next digest and nothing is sent twice after success.
    """
    now = now or timezone.now()
    sent = 0
    users = User.objects.filter(
        is_active=True, digest_frequency=frequency, alerts__emailed_at__isnull=True
    ).distinct()
    for user in users:
        with transaction.atomic():
            alerts = list(
                Alert.objects.select_for_update(of=("self",))
                .filter(user=user, emailed_at__isnull=True)
                .select_related("listing", "saved_search")
                .prefetch_related("listing__texts")
                .order_by("created_at", "pk")
            )
            if not alerts:
                continue
            subject, body = _digest_body(user, alerts)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(emailed_at=now)
            sent += 1
    return sent
