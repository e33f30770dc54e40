"""The index follows the catalogue: enqueued in the same transaction, rebuilt on demand,
searched across languages, and never matching text above the reader's tier."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import (
    listing_create,
    listing_publish,
    listing_put_on_hold,
    listing_submit_for_review,
)
from techbridge.catalogue.tests.factories import create_offer, need_input_zh_hans
from techbridge.matching.index import search_index
from techbridge.matching.selectors import listing_search
from techbridge.matching.upkeep import listing_reindex

pytestmark = pytest.mark.django_db

TASK = "techbridge.matching.tasks.listing_reindex_task"


def _published_offer(officer: User, reviewer: User, owner: Organisation) -> Listing:
    listing = create_offer(officer, owner)
    listing_submit_for_review(actor=officer, listing=listing)
    return listing_publish(actor=reviewer, listing=listing)


def _run_pending_index_tasks() -> list[str]:
    outcomes = []
    for run in DBTaskResult.objects.filter(task_path=TASK, status="READY").order_by("enqueued_at"):
        outcomes.append(listing_reindex(*run.args_kwargs["args"]))
    return outcomes


def test_publication_enqueues_reindex_in_its_transaction(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    assert not DBTaskResult.objects.filter(task_path=TASK).exists()  # drafts are not indexed

    listing_publish(actor=reviewer, listing=listing)
    runs = DBTaskResult.objects.filter(task_path=TASK)
    assert [run.args_kwargs["args"] for run in runs] == [[listing.pk]]


def test_rolled_back_change_leaves_no_task(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)

    class Crash(Exception):
        pass

    with pytest.raises(Crash), transaction.atomic():
        listing_publish(actor=reviewer, listing=listing)
        raise Crash
    listing.refresh_from_db()
    assert listing.status == "review"
    assert not DBTaskResult.objects.filter(task_path=TASK).exists()


def test_simplified_need_finds_english_offer_and_hold_removes_it(
    search_index_dir: Path, officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = _published_offer(officer, reviewer, hk_university)
    assert _run_pending_index_tasks() == ["indexed"]

    result = listing_search(None, "超声 肿瘤 成像", explain=True)
    assert [hit.listing.pk for hit in result.hits] == [listing.pk]
    translated = {match.source for match in result.hits[0].matches}
    assert translated & {"超声", "肿瘤", "成像"}

    listing_put_on_hold(actor=officer, listing=listing)
    assert _run_pending_index_tasks()[-1] == "removed"
    assert listing_search(None, "ultrasound").hits == []


def test_confidential_text_matches_only_at_its_tier(
    search_index_dir: Path,
    officer: User,
    reviewer: User,
    hk_university: Organisation,
    outsider: User,
) -> None:
    # The offer's description ("beamforming ... sparse array") is confidential detail,
    # visible to registered users (the default detail tier), not to the public.
    listing = _published_offer(officer, reviewer, hk_university)
    _run_pending_index_tasks()

    assert listing_search(None, "beamforming").hits == []
    assert listing_search(None, "beamforming", facets=["kind"]).facets["kind"] == {}
    registered = listing_search(outsider, "beamforming")
    assert [hit.listing.pk for hit in registered.hits] == [listing.pk]
    snippets = " ".join(h.text for h in listing_search(None, "ultrasound").hits[0].highlights)
    assert "beamforming" not in snippets


def test_reindex_command_rebuilds_from_the_database(
    search_index_dir: Path,
    officer: User,
    reviewer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> None:
    offer = _published_offer(officer, reviewer, hk_university)
    need = listing_create(actor=outsider, data=need_input_zh_hans(cq_enterprise))
    listing_submit_for_review(actor=outsider, listing=need)
    listing_publish(actor=reviewer, listing=need)
    assert search_index().stats().documents == 0  # tasks not run yet

    out = StringIO()
    call_command("reindex", stdout=out)
    assert out.getvalue().startswith("indexed 4 documents")

    stats = search_index().stats()
    assert stats.documents == 4  # teaser and full version of each
    found = listing_search(None, "超聲波", limit=5)  # Traditional query, both listings relevant
    assert {hit.listing.pk for hit in found.hits} == {offer.pk, need.pk}


def test_index_of_an_earlier_format_is_replaced_and_rebuilt(
    search_index_dir: Path, officer: User, reviewer: User, hk_university: Organisation
) -> None:
    """After an upgrade that changes the index format, the first search finds an empty index
    in the new format (never an error) and a rebuild from the database is queued."""
    import json

    from techbridge.engine.index.schema import SCHEMA_VERSION
    from techbridge.matching.index import close_search_index

    offer = _published_offer(officer, reviewer, hk_university)
    call_command("reindex", stdout=StringIO())
    close_search_index()
    current = search_index_dir / "CURRENT"
    meta = json.loads(current.read_text("utf-8"))
    current.write_text(json.dumps({**meta, "version": SCHEMA_VERSION - 1}), "utf-8")
    rebuilds = DBTaskResult.objects.filter(task_path="techbridge.matching.tasks.index_rebuild_task")

    assert not listing_search(None, "ultrasound").hits
    assert json.loads(current.read_text("utf-8"))["version"] == SCHEMA_VERSION
    assert rebuilds.count() == 1

    call_command("reindex", stdout=StringIO())  # what the queued task runs
    assert [hit.listing.pk for hit in listing_search(None, "ultrasound").hits] == [offer.pk]
