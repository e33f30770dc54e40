"""The index follows the catalogue: each change logged in its own transaction, applied by the
node's follower, rebuilt on demand, searched across languages, and never matching text above
the reader's tier."""

from __future__ import annotations

import re
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
from techbridge.matching.models import SearchChange
from techbridge.matching.selectors import listing_search
from techbridge.matching.upkeep import index_catch_up, index_rebuild

pytestmark = pytest.mark.django_db

TASK = "techbridge.matching.tasks.suggestions_refresh_task"


def _published_offer(officer: User, reviewer: User, owner: Organisation) -> Listing:
    listing = create_offer(officer, owner)
    listing_submit_for_review(actor=officer, listing=listing)
    return listing_publish(actor=reviewer, listing=listing)


def _logged() -> list[tuple[int | None, int | None]]:
    return list(SearchChange.objects.values_list("listing_id", "organisation_id"))


def test_publication_is_logged_in_its_transaction(
    officer: User, reviewer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    assert _logged() == []  # drafts are not searchable
    assert not DBTaskResult.objects.filter(task_path=TASK).exists()

    listing_publish(actor=reviewer, listing=listing)
    change = SearchChange.objects.get()
    assert change.listing_id == listing.pk
    runs = DBTaskResult.objects.filter(task_path=TASK)
    assert [run.args_kwargs["args"] for run in runs] == [[listing.pk, True, change.sequence]]


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
    assert _logged() == []
    assert not DBTaskResult.objects.filter(task_path=TASK).exists()


def test_simplified_need_finds_english_offer_and_hold_removes_it(
    search_index_dir: Path, officer: User, reviewer: User, hk_university: Organisation
) -> None:
    index_rebuild()  # the node's index, current with an empty catalogue
    listing = _published_offer(officer, reviewer, hk_university)
    assert listing_search(None, "超声 肿瘤 成像").hits == []  # not applied yet
    assert index_catch_up() == 1

    result = listing_search(None, "超声 肿瘤 成像", explain=True)
    assert [hit.listing.pk for hit in result.hits] == [listing.pk]
    translated = {match.source for match in result.hits[0].matches}
    assert translated & {"超声", "肿瘤", "成像"}

    listing_put_on_hold(actor=officer, listing=listing)
    # Left out at once, before the follower applies the change: the database says so.
    assert listing_search(None, "ultrasound").hits == []
    assert index_catch_up() == 1
    assert listing_search(None, "ultrasound").hits == []
    assert search_index().stats().documents == 0


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
    index_catch_up()

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
    assert search_index().stats().documents == 0  # no follower has run

    out = StringIO()
    call_command("reindex", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("indexing: [########################] 100% 4/4 ")
    assert lines[1].startswith("indexed 4 documents")

    stats = search_index().stats()
    assert stats.documents == 4  # teaser and full version of each
    found = listing_search(None, "超聲波", limit=5)  # Traditional query, both listings relevant
    assert {hit.listing.pk for hit in found.hits} == {offer.pk, need.pk}


def test_index_of_an_earlier_format_is_replaced_and_rebuilt(
    search_index_dir: Path, officer: User, reviewer: User, hk_university: Organisation
) -> None:
    """After an upgrade that changes the index format, the first search finds an empty index
    in the new format (never an error), without a checkpoint, which the follower rebuilds
    from a snapshot of the database."""
    import json

    from techbridge.engine.index.schema import SCHEMA_VERSION
    from techbridge.matching.index import close_search_index

    offer = _published_offer(officer, reviewer, hk_university)
    call_command("reindex", stdout=StringIO())
    close_search_index()
    current = search_index_dir / "CURRENT"
    meta = json.loads(current.read_text("utf-8"))
    current.write_text(json.dumps({**meta, "version": SCHEMA_VERSION - 1}), "utf-8")

    assert not listing_search(None, "ultrasound").hits
    assert json.loads(current.read_text("utf-8"))["version"] == SCHEMA_VERSION
    assert search_index().checkpoint() is None

    index_catch_up()  # what the node's follower does
    assert search_index().checkpoint() == SearchChange.objects.get().sequence
    assert [hit.listing.pk for hit in listing_search(None, "ultrasound").hits] == [offer.pk]


def test_reindex_prints_progress_lines_when_not_in_a_terminal(
    search_index_dir: Path, officer: User, reviewer: User, hk_university: Organisation
) -> None:
    for _n in range(3):
        _published_offer(officer, reviewer, hk_university)
    call_command("reindex", stdout=StringIO())  # a first build: the next one has an estimate
    out = StringIO()  # not a terminal, as in a CI log
    call_command("reindex", stdout=out)
    text = out.getvalue()
    assert "\r" not in text
    lines = text.splitlines()
    counts = [re.findall(r"\d+/\d+", line)[0] for line in lines if line.startswith("indexing:")]
    assert counts == ["1/6", "2/6", "3/6", "4/6", "5/6", "6/6"]  # each tenth passed, the end
    assert lines[-1].startswith("indexed 6 documents")
    assert search_index().stats().documents == 6
