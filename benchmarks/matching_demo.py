"""Need → offer / expert / facility matching over the demo catalogue, scored by hand judgements.

Usage: python benchmarks/matching.py --demo [--dump PATH]

The demo catalogue is loaded into a fresh SQLite database and search index in a temporary
directory (migrate and load_demo, as ``make setup`` does), and every need judged in
``judgements/demo_matching.csv`` is ranked four ways over the same candidates:

    plain      engine search with the need's title (its author's language);
    need text  engine search with the need's titles (every language its author wrote) and
               keywords, no re-ranking;
    matching   the platform's own suggestions (``suggestions_compute``, what the matches page
               stores and shows), re-ranked by structured compatibility;
    bm25s      the peers of quality.py over the same listing texts, with the title and the need
               text as queries (jieba tokens and character bigrams).

Candidates are what the platform may suggest: published offers, expert profiles and
facilities of another organisation, read through the registered-reader version. nDCG@10
uses the grades as gains (0–3); precision@3 counts grade ≥ 2; an unjudged candidate counts
as 0 and the share of them in the top 10 is printed. The ideal ranking (and the best
attainable precision@3) is taken over the judged candidates that may be suggested.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent / "judgements"
# Judged from the listings' texts before any system was measured, then the pairs that some
# system put in its top 3 without a judgement (judged afterwards by the same rules), then the
# pairs of topics added to the demo later (judged from their texts when they were added, then
# any of them some system put in the top 3 of another need).
JUDGEMENTS = (
    FOLDER / "demo_matching.csv",
    FOLDER / "demo_matching_pool.csv",
    FOLDER / "demo_matching_added.csv",
)
K = 10

Ranker = Callable[[Any], list[str]]


def load_judgements(paths: tuple[Path, ...] = JUDGEMENTS) -> dict[str, dict[str, int]]:
    """need reference → {candidate reference: grade}; a pair is judged once over all files."""
    grades: dict[str, dict[str, int]] = defaultdict(dict)
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                need, candidate = row["need_reference"], row["candidate_reference"]
                if candidate in grades[need]:
                    raise SystemExit(f"{path.name}: {need} → {candidate} judged twice")
                grades[need][candidate] = int(row["grade"])
    return dict(grades)


def prepare_django(var_dir: Path) -> None:
    """A private platform in ``var_dir``: settings, an empty database, the demo loaded."""
    os.environ.update(
        {
            "TECHBRIDGE_DEBUG": "1",
            "TECHBRIDGE_VAR_DIR": str(var_dir),
            "TECHBRIDGE_SQLITE_PATH": str(var_dir / "techbridge.sqlite3"),
            "TECHBRIDGE_INDEX_DIR": str(var_dir / "index"),
            "DJANGO_SETTINGS_MODULE": "techbridge.config.settings.base",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", verbosity=0)


def ndcg(ranking: list[str], grades: dict[str, int], eligible: set[str]) -> float:
    from techbridge.engine.evaluation import ndcg as engine_ndcg

    # The ideal may only use candidates the platform could show for this need.
    return engine_ndcg(ranking, {c: g for c, g in grades.items() if c in eligible}, K)


def precision_at_3(ranking: list[str], grades: dict[str, int]) -> float:
    return sum(1 for c in ranking[:3] if grades.get(c, 0) >= 2) / 3


def best_precision_at_3(grades: dict[str, int], eligible: set[str]) -> float:
    return min(3, sum(1 for c, g in grades.items() if g >= 2 and c in eligible)) / 3


def listing_text(listing: Any) -> str:
    """What the peers index: the registered-reader fields of every authored language."""
    from techbridge.catalogue.choices import TextOrigin

    parts = [
        f"{t.title} {t.summary} {t.description} {t.advantages} {t.requirements}"
        for t in listing.texts.all()
        if t.origin != TextOrigin.MACHINE
    ]
    return " ".join([*parts, *listing.keywords])


def need_text(listing: Any) -> str:
    """The need's titles in every authored language and its keywords."""
    from techbridge.catalogue.choices import TextOrigin

    titles = [t.title for t in listing.texts.all() if t.origin != TextOrigin.MACHINE]
    return " ".join([*titles, *listing.keywords])


def strength(item: Any) -> str:
    """The label a suggestion carries on the platform (strong, good or possible)."""
    return str(item.label)


def run(dump: Path | None, var_dir: Path | None = None) -> None:
    """Load the demo in ``var_dir`` (kept, so a second run skips the load) or a temporary one."""
    with tempfile.TemporaryDirectory(prefix="techbridge-demo-matching-") as tmp:
        started = time.perf_counter()
        prepare_django(var_dir or Path(tmp))
        print(f"demo catalogue ready in {time.perf_counter() - started:.0f} s")
        evaluate(load_judgements(), dump)


def evaluate(judgements: dict[str, dict[str, int]], dump: Path | None) -> None:
    from common import bigram_tokens, bm25s_peer, jieba_tokens

    from techbridge.catalogue.choices import ListingStatus
    from techbridge.catalogue.models import Listing
    from techbridge.catalogue.search import ENGINE_KIND
    from techbridge.engine import Query
    from techbridge.matching.documents import listing_pk_of
    from techbridge.matching.index import search_index
    from techbridge.matching.suggestions import (
        AUDIENCE,
        DEPTH,
        TARGET_KINDS,
        suggestions_compute,
    )

    related = ("owner", "trl")
    prefetched = ("texts", "areas", "sectors", "partnership_types")
    listings = {
        listing.external_ref: listing
        for listing in Listing.objects.select_related(*related).prefetch_related(*prefetched)
    }
    missing = sorted(r for r in judgements if r not in listings)
    if missing:
        raise SystemExit(f"judged needs not in the demo catalogue: {missing[:5]}")
    ref_of_pk = {listing.pk: ref for ref, listing in listings.items()}
    candidate_kinds = {kind for kinds in TARGET_KINDS.values() for kind in kinds}
    candidates = [
        listing
        for listing in listings.values()
        if listing.status == ListingStatus.PUBLISHED and listing.kind in candidate_kinds
    ]

    eligible_of: dict[str, set[str]] = {}

    def eligible(need: Any) -> set[str]:
        if need.external_ref not in eligible_of:
            kinds, owner = TARGET_KINDS[need.kind], need.owner_id
            eligible_of[need.external_ref] = {
                c.external_ref for c in candidates if c.kind in kinds and c.owner_id != owner
            }
        return eligible_of[need.external_ref]

    index = search_index()

    def engine(need: Any, text: str) -> list[str]:
        kinds = [ENGINE_KIND[kind] for kind in TARGET_KINDS[need.kind]]
        query = Query(text, filters={"kind": kinds, "audience": [AUDIENCE]}, k=DEPTH)
        hits = index.search(query, highlight=False).hits
        refs = [ref_of_pk[listing_pk_of(hit.id)] for hit in hits]
        allowed = eligible(need)
        return [ref for ref in refs if ref in allowed]

    def title(need: Any) -> str:
        own = [t for t in need.texts.all() if t.language == need.original_language]
        return own[0].title if own else need.texts.all()[0].title

    ids, texts = [c.external_ref for c in candidates], [listing_text(c) for c in candidates]
    try:
        peers = {
            "bm25s-jieba": bm25s_peer(ids, texts, jieba_tokens),
            "bm25s-bigram": bm25s_peer(ids, texts, bigram_tokens),
        }
    except ImportError:
        print("peers skipped: bm25s is not installed (see benchmarks/README.md)")
        peers = {}

    def peer(name: str, text_of: Callable[[Any], str]) -> Ranker:
        def rank(need: Any) -> list[str]:
            allowed = eligible(need)
            return [r for r in peers[name](text_of(need), DEPTH) if r in allowed]

        return rank

    labels: dict[str, list[str]] = {}

    def matching(need: Any) -> list[str]:
        computed = suggestions_compute(need)
        labels[need.external_ref] = [strength(item) for item in computed]
        return [item.candidate.external_ref for item in computed]

    systems: dict[str, Ranker] = {
        "plain": lambda need: engine(need, title(need)),
        "need text": lambda need: engine(need, need_text(need)),
        "matching": matching,
    }
    for peer_name in peers:
        systems[f"{peer_name} plain"] = peer(peer_name, title)
        systems[f"{peer_name} need text"] = peer(peer_name, need_text)
    needs = [listings[ref] for ref in sorted(judgements)]
    rankings: dict[str, dict[str, list[str]]] = {}
    print(f"{len(needs)} judged needs, {sum(map(len, judgements.values()))} judgements")
    attainable = sum(best_precision_at_3(judgements[n.external_ref], eligible(n)) for n in needs)
    attainable /= len(needs)
    print(f"  best attainable P@3 with these judgements: {attainable:.3f}")
    header = (
        f"  {'system':24} {'nDCG@10':>8} {'P@3':>6} {'P@3/best':>9} {'unjudged@10':>12}"
        f" {'seconds':>8}"
    )
    print(header)
    for name, rank in systems.items():
        started = time.perf_counter()
        rankings[name] = {need.external_ref: rank(need) for need in needs}
        seconds = time.perf_counter() - started
        scores = [
            (
                ndcg(rankings[name][n.external_ref], judgements[n.external_ref], eligible(n)),
                precision_at_3(rankings[name][n.external_ref], judgements[n.external_ref]),
            )
            for n in needs
        ]
        top = [(n.external_ref, c) for n in needs for c in rankings[name][n.external_ref][:K]]
        unjudged = sum(1 for need, c in top if c not in judgements[need]) / (len(top) or 1)
        precision = sum(s[1] for s in scores) / len(scores)
        print(
            f"  {name:24} {sum(s[0] for s in scores) / len(scores):8.3f} {precision:6.3f}"
            f" {precision / attainable:9.3f} {unjudged:12.1%} {seconds:8.1f}"
        )

    strong = [
        (judgements[ref].get(candidate), candidate)
        for ref, ranked in rankings["matching"].items()
        for candidate, label in zip(ranked, labels[ref], strict=True)
        if label == "strong"
    ]
    judged_strong = sum(1 for grade, _ in strong if grade is not None and grade >= 2)
    share = judged_strong / len(strong) if strong else 0.0
    unjudged_strong = sum(1 for grade, _ in strong if grade is None)
    print(
        f"  strong suggestions judged ≥ 2: {judged_strong} of {len(strong)} ({share:.1%});"
        f" {unjudged_strong} of them unjudged (counted as 0)"
    )

    # How much of the list a reader wades through: every suggestion shown, not only the top 10.
    shown = [
        judgements[ref].get(candidate)
        for ref, ranked in rankings["matching"].items()
        for candidate in ranked
    ]
    relevant = sum(1 for grade in shown if grade is not None and grade >= 2)
    unrelated = sum(1 for grade in shown if grade is not None and grade < 2)
    print(
        f"  suggestions shown: {len(shown) / len(needs):.1f} a need; judged ≥ 2: {relevant},"
        f" judged 0–1: {unrelated}, unjudged: {len(shown) - relevant - unrelated}"
    )
    within = {
        depth: sum(
            1
            for ref, ranked in rankings["matching"].items()
            for candidate in ranked[:depth]
            if judgements[ref].get(candidate, 0) >= 2
        )
        for depth in (3, 5, 10)
    }
    print(
        "  judged ≥ 2 among the first 3 / 5 / 10 suggestions: "
        + " / ".join(str(within[d]) for d in (3, 5, 10))
    )

    worst = sorted(
        needs,
        key=lambda n: ndcg(
            rankings["matching"][n.external_ref], judgements[n.external_ref], eligible(n)
        ),
    )[:10]
    print("  ten lowest nDCG@10 under matching:")
    for need in worst:
        ref = need.external_ref
        ranked = rankings["matching"][ref]
        score = ndcg(ranked, judgements[ref], eligible(need))
        tops = ", ".join(f"{c} ({judgements[ref].get(c, '-')})" for c in ranked[:3])
        print(f"    {ref} {score:.3f} {title(need)[:50]!r}: {tops}")

    if dump is not None:
        titles = {ref: title(listing) for ref, listing in listings.items()}
        write_dump(dump, needs, rankings, labels, judgements, titles)
        print(f"  per-need top 3 written to {dump}")


def write_dump(
    path: Path,
    needs: list[Any],
    rankings: dict[str, dict[str, list[str]]],
    labels: dict[str, list[str]],
    judgements: dict[str, dict[str, int]],
    titles: dict[str, str],
) -> None:
    """One block per need: each system's top 3 with grades ("-" = unjudged) and titles, and
    the further suggestions matching labels strong."""
    with open(path, "w", encoding="utf-8") as fh:
        for need in needs:
            ref = need.external_ref
            fh.write(f"{ref}\t{titles[ref]}\n")
            for name, by_need in rankings.items():
                tops = []
                for position, candidate in enumerate(by_need[ref][:3]):
                    grade = judgements[ref].get(candidate, "-")
                    label = f" {labels[ref][position]}" if name == "matching" else ""
                    tops.append(f"{candidate} [{grade}{label}] {titles[candidate][:40]}")
                fh.write(f"  {name:24} {' | '.join(tops)}\n")
            later_strong = [
                f"{candidate} [{judgements[ref].get(candidate, '-')} strong]"
                f" {titles[candidate][:40]}"
                for candidate, label in list(
                    zip(rankings["matching"][ref], labels[ref], strict=True)
                )[3:]
                if label == "strong"
            ]
            if later_strong:
                fh.write(f"  {'matching, strong below 3':24} {' | '.join(later_strong)}\n")
