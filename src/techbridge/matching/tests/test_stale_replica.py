"""A node's index may lag the database; search must never show what the database no longer
allows, on the selector, the page and the API, and ``/readyz`` says how far behind it is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.choices import DisclosureTier
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import (
    listing_publish,
    listing_submit_for_review,
    listing_update,
)
from techbridge.catalogue.tests.factories import create_offer, offer_input
from techbridge.engine import Index
from techbridge.matching.changelog import all_documents
from techbridge.matching.index import close_search_index
from techbridge.matching.models import SearchChange
from techbridge.matching.selectors import listing_search
from techbridge.matching.upkeep import index_catch_up, index_rebuild

pytestmark = pytest.mark.django_db

SECRET = "zqxstalecanaryzq"


def _public_detail_offer(officer: User, reviewer: User, owner: Organisation) -> Listing:
    texts = offer_input(owner).texts
    english = replace(texts["en"], description=f"Sparse array {SECRET} beamforming.")
    listing = create_offer(
        officer, owner, texts={"en": english}, teaser_tier=0, detail_tier=DisclosureTier.PUBLIC
    )
    listing_submit_for_review(actor=officer, listing=listing)
    return listing_publish(actor=reviewer, listing=listing)


def _raise_detail_to_nda(officer: User, listing: Listing) -> None:
    data = offer_input(listing.owner, detail_tier=DisclosureTier.PARTIES)
    english = replace(data.texts["en"], description=f"Sparse array {SECRET} beamforming.")
    listing_update(actor=officer, listing=listing, data=replace(data, texts={"en": english}))


def _leaks(client: Client) -> list[str]:
    """Every surface of search that could quote or count the confidential word."""
    out = []
    page = client.get("/en/search/", {"q": SECRET}).content.decode()
    # The page repeats the query in its search box; a hit would show the title.
    if "Portable ultrasound" in page or f"{SECRET}</mark>" in page:
        out.append("page")
    page = client.get("/en/search/", {"q": "ultrasound"}).content.decode()
    if SECRET in page:
        out.append("page highlights")
    api = client.get("/api/v1/search", {"q": SECRET}).json()
    if api["count"] or api["results"] or any(api.get("facets", {}).values()):
        out.append("api")
    title_hits = client.get("/api/v1/search", {"q": "ultrasound"}).json()["results"]
    if SECRET in str(title_hits):
        out.append("highlights")
    return out


def test_raised_tier_is_enforced_before_the_index_catches_up(
    client: Client,
    search_index_dir: Path,
    officer: User,
    reviewer: User,
    hk_university: Organisation,
) -> None:
    index_rebuild()
    listing = _public_detail_offer(officer, reviewer, hk_university)
    index_catch_up()
    assert [h.listing.pk for h in listing_search(None, SECRET).hits] == [listing.pk]
    assert SECRET in str(listing_search(None, "beamforming").hits[0].highlights)

    _raise_detail_to_nda(officer, listing)
    # The index still holds the public detail document; nothing of it reaches the public.
    assert search_index_dir.exists()
    assert listing_search(None, SECRET, facets=["kind"]).hits == []
    assert listing_search(None, SECRET, facets=["kind"]).facets == {"kind": {}}
    assert listing_search(None, SECRET).total == 0
    assert _leaks(client) == []

    index_catch_up()
    assert listing_search(None, SECRET).hits == []
    teaser = listing_search(None, "ultrasound").hits
    assert [h.listing.pk for h in teaser] == [listing.pk]
    assert SECRET not in str(teaser[0].highlights)
    assert _leaks(client) == []


def test_untrusted_index_matches_hits_again_against_readable_text(
    search_index_dir: Path, officer: User, reviewer: User, hk_university: Organisation
) -> None:
    """An index without a checkpoint (built outside the log) cannot say what is stale: each
    hit is matched again against what the reader may read now, and dropped if it fails."""
    listing = _public_detail_offer(officer, reviewer, hk_university)
    index_rebuild()
    _raise_detail_to_nda(officer, listing)
    close_search_index()
    with Index(search_index_dir) as raw:  # a rebuild that records no position
        raw.rebuild(all_documents())
    listing.refresh_from_db()
    assert listing.detail_tier == DisclosureTier.PARTIES
    # Stored: the old public detail document, which matches the secret.
    assert listing_search(None, SECRET).hits == []
    hits = listing_search(None, "ultrasound tumour").hits
    assert [h.listing.pk for h in hits] == [listing.pk]
    assert SECRET not in str(hits[0].highlights)


def test_readiness_reports_lag_and_recovers(
    client: Client,
    settings: object,
    search_index_dir: Path,
    officer: User,
    reviewer: User,
    hk_university: Organisation,
) -> None:
    settings.TECHBRIDGE_READY_MAX_LAG_CHANGES = 1  # type: ignore[attr-defined]
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["index"]["reason"] == "index not built yet"

    index_rebuild()
    assert client.get("/readyz").status_code == 200
    listing = _public_detail_offer(officer, reviewer, hk_university)
    _raise_detail_to_nda(officer, listing)
    body = client.get("/readyz").json()
    assert client.get("/readyz").status_code == 503
    assert (body["ready"], body["index"]["behind_changes"]) == (False, 2)
    assert body["index"]["head"] == SearchChange.objects.order_by("-sequence")[0].sequence

    index_catch_up()
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["index"]["behind_changes"] == 0
    assert client.get("/healthz").json() == {"alive": True}


def test_log_is_pruned_only_past_every_live_node(
    settings: object,
    search_index_dir: Path,
    officer: User,
    reviewer: User,
    hk_university: Organisation,
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from techbridge.matching.changelog import log_state
    from techbridge.matching.follower import search_log_prune
    from techbridge.matching.models import IndexNode

    index_rebuild()
    listing = _public_detail_offer(officer, reviewer, hk_university)
    _raise_detail_to_nda(officer, listing)
    head = log_state()[0]
    IndexNode.objects.create(name="a", hostname="a", index_path="x", checkpoint=head)
    late = IndexNode.objects.create(name="b", hostname="b", index_path="y", checkpoint=head - 1)
    assert search_log_prune() == head - 1
    assert list(SearchChange.objects.values_list("sequence", flat=True)) == [head]
    assert log_state() == (head, head - 1)
    # A node silent for longer than the limit no longer holds pruning back.
    stale_beat = timezone.now() - timedelta(seconds=settings.TECHBRIDGE_INDEX_NODE_SILENCE + 1)  # type: ignore[attr-defined]
    IndexNode.objects.filter(pk=late.pk).update(beat_at=stale_beat)
    assert search_log_prune() == 1
    assert log_state() == (head, head)
    # A node whose checkpoint is older than what was pruned rebuilds from a snapshot.
    assert search_index_checkpoint_after_catch_up() == head


def search_index_checkpoint_after_catch_up() -> int | None:
    from techbridge.matching.index import search_index

    index_catch_up()
    return search_index().checkpoint()
