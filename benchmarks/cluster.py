"""Replication lag of the search index across app nodes sharing one PostgreSQL.

Usage: python benchmarks/cluster.py [--nodes N] [--listings M] [--rate R] [--database-url URL]

Creates a fresh database (dropped afterwards), loads the demo catalogue, starts N nodes (each a
gunicorn web server and an index follower with its own var/ directory), then writes M listing
changes at R per second through the catalogue services: keyword edits, and detail raised from
public to NDA-only (the detail holding a word of its own). It prints, for every node, the lag
from each write's commit to the node's search showing it (the node's index checkpoint passing
the write's log sequence, read from /readyz every 20 ms, and checked against a real search at
the end), the write throughput held, and a final line ``leaks K``: answers to anonymous
searches, started after a raise committed, that still returned its confidential word.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--listings", type=int, default=400, help="listing changes to write")
    parser.add_argument("--rate", type=float, default=20.0, help="changes per second")
    parser.add_argument("--writers", type=int, default=4, help="threads writing the changes")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--keep", action="store_true", help="keep the database and var dirs")
    args = parser.parse_args()

    base = args.database_url.rsplit("/", 1)[0]
    name = f"techbridge_cluster_{os.getpid()}"
    url = f"{base}/{name}"
    work = Path(tempfile.mkdtemp(prefix="tb-cluster-"))
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="techbridge.config.settings.base",
        DATABASE_URL=url,
        TECHBRIDGE_VAR_DIR=str(work / "writer"),
        TECHBRIDGE_LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("load_demo", verbosity=0)
        run(args, url, work)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", name], check=False
            )


def run(args: argparse.Namespace, url: str, work: Path) -> None:
    from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
    from techbridge.accounts.models import Organisation
    from techbridge.accounts.tests.factories import StaffFactory, member_of
    from techbridge.catalogue.choices import DisclosureTier
    from techbridge.catalogue.models import Listing
    from techbridge.catalogue.services import (
        listing_publish,
        listing_submit_for_review,
        listing_update,
    )
    from techbridge.catalogue.tests.factories import create_offer, offer_input
    from techbridge.matching.models import SearchChange
    from techbridge.matching.tests.nodes import Node

    owner = Organisation.objects.create(
        slug="bench-uni",
        name_en="Bench University",
        org_type=OrganisationType.UNIVERSITY,
        region=Region.HONG_KONG,
    )
    officer = member_of(owner, MembershipRole.ADMIN, email="bench@example.org")
    reviewer = StaffFactory.create(email="reviewer@example.org")
    pool = []
    for number in range(50):
        listing = create_offer(officer, owner, keywords=(f"zqxbase{number}",), detail_tier=0)
        listing_submit_for_review(actor=officer, listing=listing)
        pool.append(listing_publish(actor=reviewer, listing=listing))

    nodes = [Node(f"node{i}", work / f"node{i}", url) for i in range(args.nodes)]
    for node in nodes:
        node.start_web()
        node.start_follower()
    started = time.monotonic()
    for node in nodes:
        node.wait_ready(timeout=600)
    print(
        f"{args.nodes} nodes ready in {time.monotonic() - started:.1f}s "
        f"(load {os.getloadavg()[0]:.2f})"
    )

    commits: dict[int, float] = {}  # sequence → commit time
    seen: dict[str, dict[int, float]] = {node.name: {} for node in nodes}
    raised: dict[str, float] = {}  # confidential word → raise commit time
    leaks: list[str] = []
    stop = threading.Event()

    def watch_checkpoint(node: Node) -> None:
        last = 0
        while not stop.is_set():
            try:
                _, body = node.get("/readyz")
                checkpoint = int((body.get("index") or {}).get("checkpoint") or 0)
            except (OSError, ValueError):
                continue
            now = time.monotonic()
            if checkpoint > last:
                for sequence in range(last + 1, checkpoint + 1):
                    seen[node.name].setdefault(sequence, now)
                last = checkpoint
            time.sleep(0.02)

    def watch_leaks(node: Node) -> None:
        chooser = random.Random(node.name)
        while not stop.is_set():
            if not raised:
                time.sleep(0.05)
                continue
            word = chooser.choice(list(raised))
            asked = time.monotonic()
            try:
                _, body = node.get(f"/api/v1/search?q={word}")
            except OSError:
                continue
            if asked > raised[word] and (body.get("count") or word in str(body.get("results"))):
                leaks.append(f"{node.name} {word}")
            time.sleep(0.02)  # a steady reader, not a load test

    threads = [threading.Thread(target=watch_checkpoint, args=(n,)) for n in nodes]
    threads += [threading.Thread(target=watch_leaks, args=(n,)) for n in nodes]
    for thread in threads:
        thread.start()

    interval = 1.0 / args.rate
    writers = max(1, args.writers)
    lock = threading.Lock()

    def write(number: int, listing: Listing) -> None:
        listing.refresh_from_db()
        data = offer_input(owner, keywords=(f"zqxedit{number}",), detail_tier=0)
        word = ""
        if listing.detail_tier == 0 and random.Random(number).random() < 0.25:
            word = f"zqxsecret{number}"
            english = replace(data.texts["en"], description=f"Confidential {word} process.")
            data = replace(data, texts={"en": english}, detail_tier=DisclosureTier.PARTIES)
        else:
            data = replace(data, detail_tier=listing.detail_tier)
        # A reviewer's edits stay live (a member's new wording goes back to review).
        listing_update(actor=reviewer, listing=listing, data=data)
        committed = time.monotonic()
        mine = SearchChange.objects.filter(listing=listing).order_by("-sequence")
        sequence = mine.values_list("sequence", flat=True)[0]
        with lock:
            commits[sequence] = committed
            if word:
                raised[word] = committed

    def writer(lane: int, begun: float) -> None:
        from django.db import connection

        # Each writer edits its own listings, so no two writes of one listing race.
        for number in range(lane, args.listings, writers):
            time.sleep(max(0.0, begun + number * interval - time.monotonic()))
            own = pool[lane::writers]
            write(number, own[(number // writers) % len(own)])
        connection.close()

    begun = time.monotonic()
    lanes = [threading.Thread(target=writer, args=(lane, begun)) for lane in range(writers)]
    for lane in lanes:
        lane.start()
    for lane in lanes:
        lane.join()
    elapsed = time.monotonic() - begun
    last_sequence = max(commits)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all(last_sequence in seen[n.name] for n in nodes):
        time.sleep(0.05)
    time.sleep(1.0)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    print(
        f"writes: {len(commits)} in {elapsed:.1f}s = {len(commits) / elapsed:.1f}/s "
        f"(asked {args.rate:.1f}/s); load {os.getloadavg()[0]:.2f}"
    )
    print(f"{'node':<8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'missing':>8}")
    everything: list[float] = []
    for node in nodes:
        lags = [
            (seen[node.name][seq] - at) * 1000
            for seq, at in commits.items()
            if seq in seen[node.name]
        ]
        everything += lags
        missing = len(commits) - len(lags)
        print(
            f"{node.name:<8} {statistics.median(lags):8.1f} {_percentile(lags, 0.95):8.1f} "
            f"{max(lags):8.1f} {missing:8d}"
        )
    print(
        f"{'all':<8} {statistics.median(everything):8.1f} "
        f"{_percentile(everything, 0.95):8.1f} {max(everything):8.1f}"
    )
    last_word = f"zqxedit{args.listings - 1}"
    for node in nodes:
        _, body = node.get(f"/api/v1/search?q={last_word}")
        print(f"{node.name}: last edit found by search: {bool(body.get('count'))}")
    for node in nodes:
        node.stop()
    print(f"leaks {len(leaks)}")


if __name__ == "__main__":
    main()
