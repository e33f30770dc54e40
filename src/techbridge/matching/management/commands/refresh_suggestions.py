"""Recompute every listing's stored suggestions from the database and this node's index."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.core.progress import CommandProgress
from techbridge.matching.models import Suggestion
from techbridge.matching.suggestions import suggestions_refresh


class Command(BaseCommand):
    help = (
        "Recompute the stored suggestions of every published listing, and drop those of "
        "listings no longer published: after an upgrade that changes how matches are chosen, "
        "suggestions otherwise change only when a listing does. Owners are not alerted: the "
        "change is the platform's, not a listing's. Each listing is refreshed in its own "
        "transaction, so an interrupted run is simply run again. Run it once the node's index "
        "has caught up (/readyz answers 200)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        published = Listing.objects.filter(status=ListingStatus.PUBLISHED).values_list(
            "pk", flat=True
        )
        stale = Suggestion.objects.exclude(source__status=ListingStatus.PUBLISHED).values_list(
            "source_id", flat=True
        )
        pks = sorted(set(published) | set(stale))
        progress = CommandProgress(self.stdout, "suggestions", len(pks), unit="listings")
        for done, pk in enumerate(pks, start=1):
            suggestions_refresh(pk, alerts=False)
            progress.update(done)
        progress.finish(len(pks))
        self.stdout.write(
            f"refreshed the suggestions of {len(pks)} listings in "
            f"{time.monotonic() - started:.1f}s; {Suggestion.objects.count()} stored"
        )
