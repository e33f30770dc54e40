"""Several app nodes against one PostgreSQL, as real processes over real HTTP: every node's
search follows the change log within a bound, none ever returns confidential text to a reader
below its tier, a late node catches up, a node whose index is deleted rebuilds it, and a
follower killed at random points loses nothing."""

from __future__ import annotations

import json
import random
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from techbridge.accounts.models import Organisation, User
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.choices import DisclosureTier
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import (
    listing_publish,
    listing_put_on_hold,
    listing_resume,
    listing_submit_for_review,
    listing_update,
)
from techbridge.catalogue.tests.factories import create_offer, offer_input
from techbridge.engine import Index, Query
from techbridge.matching.changelog import all_documents
from techbridge.matching.tests.nodes import Node, database_url, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="several nodes share PostgreSQL (run with DATABASE_URL=postgres://…)",
    ),
]

SECRET = "zqxnodecanaryzq"
VISIBLE_WITHIN = 5.0  # seconds for a change to show on every node


@pytest.fixture
def nodes() -> Iterator[dict[str, Node]]:
    """The nodes a test starts (with :func:`_node`), all stopped at its end."""
    made: dict[str, Node] = {}
    yield made
    for each in made.values():
        each.stop()


def _node(nodes: dict[str, Node], tmp_path: Path, name: str) -> Node:
    nodes[name] = Node(name, tmp_path / name, database_url(settings.DATABASES["default"]))
    nodes[name].start_web()
    nodes[name].start_follower()
    return nodes[name]


def _bearer(user: User) -> dict[str, str]:
    _token, secret = api_token_create(user=user, name="node test")
    return {"Authorization": f"Bearer {secret}"}


def _listing_body(owner: Organisation, title: str, detail_tier: int) -> dict[str, Any]:
    return {
        "kind": "offer",
        "owner": owner.slug,
        "original_language": "en",
        "texts": {
            "en": {
                "title": title,
                "summary": "Handheld ultrasound probe mapping tumour margins.",
                "description": f"Sparse array {SECRET} beamforming.",
            }
        },
        "areas": ["innovation_technology"],
        "trl": 6,
        "teaser_tier": DisclosureTier.PUBLIC,
        "detail_tier": detail_tier,
    }


def _found(node: Node, words: str) -> list[str]:
    status, body = node.get(f"/api/v1/search?q={words}")
    assert status == 200, body
    return [hit["listing"]["reference"] for hit in body["results"]]


class LeakWatch:
    """Polls every node as an anonymous reader; after ``forbid_from`` (a monotonic time), any
    answer to a request started later that holds the confidential word is a leak."""

    def __init__(self, nodes: list[Node]):
        self.nodes = nodes
        self.forbid_from: float | None = None
        self.leaks: list[str] = []
        self.polls = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LeakWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stop.is_set():
            for node in list(self.nodes):
                started = time.monotonic()
                try:
                    _, hits = node.get(f"/api/v1/search?q={SECRET}")
                    _, snippets = node.get("/api/v1/search?q=beamforming+ultrasound")
                    _, page = node.get("/en/search/?q=ultrasound")
                except OSError:
                    continue  # a node restarting
                self.polls += 1
                if self.forbid_from is None or started < self.forbid_from:
                    continue
                shown = json.dumps([hits.get("results"), snippets.get("results")]) + str(page)
                if (hits.get("count") or 0) > 0 or SECRET in shown:
                    self.leaks.append(f"{node.name} at {started - self.forbid_from:.3f}s")


def test_two_nodes_follow_the_log_and_never_leak(
    nodes: dict[str, Node],
    tmp_path: Path,
    hk_university: Organisation,
    officer: User,
    reviewer: User,
) -> None:
    a, b = _node(nodes, tmp_path, "a"), _node(nodes, tmp_path, "b")
    a.wait_ready()
    b.wait_ready()
    owner, staff = _bearer(officer), _bearer(reviewer)

    with LeakWatch([a, b]) as watch:
        status, created = a.send(
            "POST", "/api/v1/listings", _listing_body(hk_university, "Zqxclusteroffer", 0), owner
        )
        assert status == 201, created
        reference = created["reference"]
        assert a.send("POST", f"/api/v1/listings/{reference}/submit", None, owner)[0] == 200
        assert a.send("POST", f"/api/v1/listings/{reference}/publish", None, staff)[0] == 200
        for node in (a, b):
            wait_until(lambda n=node: _found(n, "zqxclusteroffer") == [reference], VISIBLE_WITHIN)
            assert _found(node, SECRET) == [reference]  # public detail, for now

        # A member's new wording goes back to review: it leaves search on every node until
        # a reviewer publishes it again.
        edited = _listing_body(hk_university, "Zqxeditedtitle offer", 0)
        status, body = a.send("PUT", f"/api/v1/listings/{reference}", edited, owner)
        assert (status, body["status"]) == (200, "review")
        for node in (a, b):
            wait_until(lambda n=node: _found(n, "zqxclusteroffer") == [], VISIBLE_WITHIN)
            assert _found(node, "zqxeditedtitle") == []
        assert a.send("POST", f"/api/v1/listings/{reference}/publish", None, staff)[0] == 200
        for node in (a, b):
            wait_until(lambda n=node: _found(n, "zqxeditedtitle") == [reference], VISIBLE_WITHIN)

        raised = _listing_body(hk_university, "Zqxeditedtitle offer", DisclosureTier.PARTIES)
        assert a.send("PUT", f"/api/v1/listings/{reference}", raised, owner)[0] == 200
        watch.forbid_from = time.monotonic()
        for node in (a, b):
            assert _found(node, SECRET) == []  # at once, whatever the index holds
            wait_until(lambda n=node: _found(n, "zqxeditedtitle") == [reference], VISIBLE_WITHIN)

        assert a.send("POST", f"/api/v1/listings/{reference}/hold", None, owner)[0] == 200
        for node in (a, b):
            assert _found(node, "zqxeditedtitle") == []

        second = create_offer(officer, hk_university, keywords=("zqxsecondoffer",))
        listing_submit_for_review(actor=officer, listing=second)
        listing_publish(actor=reviewer, listing=second)
        for node in (a, b):
            wait_until(lambda n=node: _found(n, "zqxsecondoffer") == [second.reference], 5.0)

        late = _node(nodes, tmp_path, "late")  # joins after every change: catches up
        watch.nodes.append(late)
        late.wait_ready()
        assert _found(late, "zqxsecondoffer") == [second.reference]
        assert _found(late, "zqxeditedtitle") == []

        shutil.rmtree(b.var_dir / "index")  # an operator resets node b's index
        wait_until(lambda: _found(b, "zqxsecondoffer") == [second.reference], 60.0, 0.2)
        assert b.wait_ready()["index"]["behind_changes"] == 0
        time.sleep(1.0)

    assert watch.polls > 20
    assert watch.leaks == []


def _index_contents(path: Path) -> dict[str, Any]:
    with Index(path) as index:
        ids = [hit.id for hit in index.search(Query("", k=100_000), highlight=False).hits]
        return {doc_id: index.get(doc_id) for doc_id in ids}


def test_follower_killed_at_random_points_loses_nothing(
    nodes: dict[str, Node],
    tmp_path: Path,
    hk_university: Organisation,
    officer: User,
    reviewer: User,
) -> None:
    node = _node(nodes, tmp_path, "crash")
    node.wait_ready()
    listings: list[Listing] = []
    for number in range(6):
        listing = create_offer(officer, hk_university, keywords=(f"zqxcrash{number}",))
        listing_submit_for_review(actor=officer, listing=listing)
        listings.append(listing_publish(actor=reviewer, listing=listing))

    done = threading.Event()
    # One generator per thread: a shared one would make the writer's choices depend on how
    # the kill loop's sleeps interleave with it.
    chooser = random.Random(13)
    killer_clock = random.Random(14)

    def write() -> None:
        from django.db import connection

        try:
            for round_ in range(8):
                for listing in listings:
                    listing.refresh_from_db()
                    if listing.status == "published" and chooser.random() < 0.3:
                        listing_put_on_hold(actor=officer, listing=listing)
                    elif listing.status == "on_hold":
                        listing_resume(actor=officer, listing=listing)
                    else:
                        tier = chooser.choice(list(DisclosureTier.values))
                        data = offer_input(
                            hk_university, keywords=(f"zqxcrash{round_}",), detail_tier=tier
                        )
                        listing = listing_update(actor=officer, listing=listing, data=data)
                        if listing.status == "review":  # new wording goes through review
                            listing_publish(actor=reviewer, listing=listing)
            # End with every listing public, so the comparison below covers all six of them
            # (a held listing is rightly absent from both the index and all_documents()).
            for listing in listings:
                listing.refresh_from_db()
                if listing.status == "on_hold":
                    listing_resume(actor=officer, listing=listing)
        finally:
            connection.close()
            done.set()

    writer = threading.Thread(target=write)
    writer.start()
    kills = 0
    while not done.is_set():
        time.sleep(killer_clock.uniform(0.1, 0.8))
        node.kill("follower", signal.SIGKILL)
        kills += 1
        node.start_follower()
    writer.join()
    node.kill("follower", signal.SIGKILL)
    node.start_follower()
    node.wait_ready()
    wait_until(lambda: node.get("/readyz")[1]["index"]["behind_changes"] == 0, 30.0)
    node.kill("follower", signal.SIGTERM)

    assert kills >= 3
    expected = {document.id: document for document in all_documents()}
    assert len(expected) >= 6
    assert _index_contents(node.var_dir / "index") == expected
