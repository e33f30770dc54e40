"""Speed: build rate, one-thread query latency, memory and index size on synthetic listings.

Usage: python benchmarks/speed.py [--sizes 10000] [--queries 200] [--systems a,b] [--json OUT]
       (for the issue's figures: --sizes 100000,1000000)

Every system is built and queried in its own subprocess, so its RSS is its own: the process
starts, loads the shared vocabulary, records its RSS, builds the index from the same seeded
listing stream (generation time is excluded from build time), then answers the same warm-up
and measured queries one at a time on one thread (top-10, ids only). Systems: our engine,
bm25s with its default tokenizer, bm25s over jieba tokens, SQLite FTS5 over jieba tokens (see
common.py). A first subprocess compares our analyzer's Chinese throughput with plain jieba.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from common import bm25s_searcher, fts5_open, fts5_searcher, jieba_tokens, require_data
from synthetic import (
    WARMUP_SEED,
    Listing,
    build_vocabulary,
    listings,
    load_vocabulary,
    queries,
)

SYSTEMS = ("techbridge", "bm25s-default", "bm25s-jieba", "fts5-jieba")
WARMUP_QUERIES = 20
K = 10
# Everything that could start a thread pool is held to one thread. tantivy-py never installs
# tantivy's multi-thread search executor, so its searches already run in the calling thread;
# bm25s retrieves with n_threads=0 (in-process, sequential) and without numba (not installed).
ONE_THREAD_ENV = {
    "RAYON_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMBA_NUM_THREADS": "1",
}


# -- measuring -------------------------------------------------------------------------------


def rss_now() -> int:
    """Current resident set size in bytes (VmRSS; includes mapped index files that were read)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return rss_peak()


def rss_peak() -> int:
    """Peak resident set size of this process in bytes (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation): a value that was actually observed."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


class TimedStream:
    """Wraps the listing generator and adds up the time spent generating, so that build time
    counts only the system's own work even though listings are streamed (not held in RAM)."""

    def __init__(self, items: Iterator[Listing]):
        self._items = items
        self.spent = 0.0

    def __iter__(self) -> Iterator[Listing]:
        while True:
            start = time.perf_counter()
            item = next(self._items, None)
            self.spent += time.perf_counter() - start
            if item is None:
                return
            yield item


class DocIds:
    """Row number → listing id, computed instead of stored (the peers map rows to ids)."""

    def __init__(self, count: int):
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, row: Any) -> str:
        return f"L{int(row):07d}"


# -- the systems -----------------------------------------------------------------------------


class System(Protocol):
    def build(self, items: Iterable[Listing]) -> None: ...
    def search(self, query: str, k: int) -> list[str]: ...
    def disk_bytes(self) -> int: ...


class Techbridge:
    """Our engine, bulk-built with ``Index.rebuild`` (one tantivy indexing thread)."""

    def __init__(self, folder: Path, count: int):
        from techbridge.engine import Index

        self.folder = folder
        self.index = Index(folder / "ix", threads=1)
        self.highlight = False
        self.translate = True

    def build(self, items: Iterable[Listing]) -> None:
        from techbridge.engine import Document

        self.index.rebuild(
            Document(
                id=x.id,
                kind=x.kind,
                texts=x.texts,
                facets={"area": x.area},
                trl=x.trl,
            )
            for x in items
        )

    def search(self, query: str, k: int) -> list[str]:
        from techbridge.engine import Query

        q = Query(query, k=k, translate=self.translate)
        return [h.id for h in self.index.search(q, highlight=self.highlight).hits]

    def disk_bytes(self) -> int:
        return self.index.stats().bytes_on_disk

    def store_bytes(self) -> int:
        """Bytes of tantivy's document store (the stored originals, not needed for ranking)."""
        return sum(f.stat().st_size for f in (self.folder / "ix").rglob("*.store"))


class Bm25s:
    """bm25s, tokens streamed into ids as its own Tokenizer does (the corpus text is never
    held in memory; a list of 1M lists of token strings would not fit comfortably)."""

    def __init__(self, folder: Path, count: int, tokenize: Callable[[str], list[str]] | None):
        import bm25s

        self.folder = folder
        self.tokenize = tokenize
        self.retriever = bm25s.BM25()
        self._search = bm25s_searcher(self.retriever, DocIds(count), tokenize)

    def build(self, items: Iterable[Listing]) -> None:
        from bm25s.tokenization import Tokenized, Tokenizer

        texts = (x.plain_text() for x in items)
        if self.tokenize is None:
            # Same lower-casing, regex and English stop words as bm25s.tokenize(stopwords="en").
            tokenizer = Tokenizer(stopwords="en")
            ids = list(tokenizer.streaming_tokenize(texts))
            vocab = tokenizer.get_vocab_dict()
        else:
            vocab: dict[str, int] = {}
            ids = [[vocab.setdefault(t, len(vocab)) for t in self.tokenize(x)] for x in texts]
        self.retriever.index(Tokenized(ids=ids, vocab=vocab), show_progress=False)

    def search(self, query: str, k: int) -> list[str]:
        return self._search(query, k)

    def disk_bytes(self) -> int:
        self.retriever.save(str(self.folder / "bm25s"))
        return folder_bytes(self.folder / "bm25s")


class Fts5:
    """SQLite FTS5 in a database file, rows inserted in one transaction."""

    def __init__(self, folder: Path, count: int):
        self.path = folder / "fts5.sqlite"
        self.db = fts5_open(str(self.path))
        self._search = fts5_searcher(self.db, DocIds(count), jieba_tokens)

    def build(self, items: Iterable[Listing]) -> None:
        rows = ((i, " ".join(jieba_tokens(x.plain_text()))) for i, x in enumerate(items))
        self.db.executemany("INSERT INTO d(rowid, body) VALUES (?, ?)", rows)
        self.db.commit()

    def search(self, query: str, k: int) -> list[str]:
        return self._search(query, k)

    def disk_bytes(self) -> int:
        return folder_bytes(self.path.parent)


def open_system(name: str, folder: Path, count: int) -> System:
    """Construct a system; loading dictionaries and models happens here, outside build time."""
    if name.endswith("-jieba"):
        import jieba

        jieba.initialize()  # the peers' global jieba (ours loads its own inside Index())
    if name == "techbridge":
        return Techbridge(folder, count)
    if name == "bm25s-default":
        return Bm25s(folder, count, None)
    if name == "bm25s-jieba":
        return Bm25s(folder, count, jieba_tokens)
    if name == "fts5-jieba":
        return Fts5(folder, count)
    raise SystemExit(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")


# -- one system in its own process -----------------------------------------------------------


def time_queries(system: System, texts: list[str]) -> tuple[list[float], dict[str, float]]:
    """Per-query latency in ms, plus the mean number of hits and CPU time over wall time.

    CPU time counts every thread of the process, so a ratio near 1 (not 2) confirms that
    queries ran on one thread.
    """
    times: list[float] = []
    hits = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        start = time.perf_counter()
        found = system.search(text, K)
        times.append((time.perf_counter() - start) * 1000)
        hits += len(found)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return times, {"mean_hits": hits / max(len(texts), 1), "cpu_over_wall": cpu / wall}


def latency(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(times, 50), 3),
        "p95_ms": round(percentile(times, 95), 3),
        "mean_ms": round(statistics.fmean(times), 3),
    }


def worker(name: str, count: int, work: Path) -> dict[str, Any]:
    """Build and query one system; runs in a fresh subprocess (see :func:`run_worker`)."""
    tables = json.loads((work / "vocabulary.json").read_text("utf-8"))
    vocab = load_vocabulary(tables)
    query_set = json.loads((work / "queries.json").read_text("utf-8"))
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work))
    start = time.perf_counter()
    system = open_system(name, folder, count)
    setup_s = time.perf_counter() - start
    gc.collect()
    rss_base = rss_now()

    stream = TimedStream(listings(vocab, count))
    start = time.perf_counter()
    system.build(stream)
    build_s = time.perf_counter() - start - stream.spent
    # ru_maxrss can trail VmRSS slightly (the kernel syncs per-thread counters lazily).
    rss_built = rss_now()
    peak_build = max(rss_peak(), rss_built)
    disk = system.disk_bytes()

    gc.collect()
    time_queries(system, query_set["warmup"])
    times, checks = time_queries(system, query_set["queries"])
    out: dict[str, Any] = {
        "system": name,
        "docs": count,
        "setup_s": round(setup_s, 2),
        "build_s": round(build_s, 2),
        "generate_s": round(stream.spent, 2),
        "docs_per_s": round(count / build_s, 1),
        "disk_bytes": disk,
        "rss_base": rss_base,
        "rss_built": rss_built,
        "rss_peak_build": peak_build,
        "rss_serving": rss_now(),
        "mean_hits": round(checks["mean_hits"], 2),
        "query_cpu_over_wall": round(checks["cpu_over_wall"], 2),
        **latency(times),
    }
    if isinstance(system, Techbridge):
        out["store_bytes"] = system.store_bytes()
        out["variants"] = techbridge_variants(system, query_set["queries"])
    return out


def techbridge_variants(system: Techbridge, texts: list[str]) -> dict[str, dict[str, float]]:
    """Our latency without query translation, and with highlights (what the web page pays).
    Measured after the main pass, so these see warm caches."""
    out = {}
    system.translate = False
    out["no-translation"] = latency(time_queries(system, texts)[0])
    system.translate, system.highlight = True, True
    out["with-highlights"] = latency(time_queries(system, texts)[0])
    return out


def run_worker(name: str, count: int, work: Path) -> dict[str, Any]:
    """Run :func:`worker` in a fresh interpreter and read its JSON answer."""
    env = {**os.environ, **ONE_THREAD_ENV}
    cmd = [sys.executable, __file__, "--worker", name, "--size", str(count), "--work", str(work)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{name} at {count} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- Chinese analysis throughput -------------------------------------------------------------


def analysis_worker(work: Path) -> dict[str, Any]:
    """Han characters per second beside plain jieba, on real CSL titles and abstracts and on
    the Chinese fields of synthetic listings: our indexing path (``index_terms``: the terms a
    document puts in the index, no caches) and our query path (``terms``, ordered, with its
    caches cold and then warm)."""
    import jieba

    from techbridge.engine.text import english, normalize
    from techbridge.engine.text.analyzer import default_analyzer
    from techbridge.engine.text.normalize import HAN_RE

    jieba.initialize()
    tables = json.loads((work / "vocabulary.json").read_text("utf-8"))
    vocab = load_vocabulary(tables)
    sets = {"csl-real": csl_texts(require_data()), "synthetic": synthetic_chinese(vocab)}
    out: dict[str, Any] = {}
    for label, texts in sets.items():
        han = sum(len(HAN_RE.findall(t)) for t in texts)

        def rate(fn: Callable[[str], object], texts: list[str] = texts, han: int = han) -> float:
            start = time.perf_counter()
            for text in texts:
                fn(text)
            return round(han / (time.perf_counter() - start))

        # A fresh analyzer (its own jieba and segment cache) with the module caches cleared,
        # so that "cold" means every run is segmented for the first time.
        normalize.fold_chinese.cache_clear()
        english.stem.cache_clear()
        analyzer = default_analyzer.__wrapped__()
        index = max(rate(analyzer.index_terms) for _ in range(2))
        cold = rate(analyzer.terms)
        warm = rate(analyzer.terms)
        plain = max(rate(jieba.lcut) for _ in range(2))
        no_hmm = max(rate(lambda t: jieba.lcut(t, HMM=False)) for _ in range(2))
        out[label] = {
            "texts": len(texts),
            "han_chars": han,
            "ours_index": index,
            "ours_cold": cold,
            "ours_warm": warm,
            "jieba_lcut": plain,
            "jieba_lcut_no_hmm": no_hmm,
            "ratio_index": round(index / plain, 2),
            "ratio_cold": round(cold / plain, 2),
            "ratio_warm": round(warm / plain, 2),
        }
    return out


def csl_texts(data: Path) -> list[str]:
    texts: list[str] = []
    for split in ("dev", "test"):
        for line in (data / "csl-benchmark" / f"ts_{split}.tsv").read_text("utf-8").splitlines():
            _, abstract, title = line.split("\t")
            texts += [title, abstract]
    return texts


def synthetic_chinese(vocab: Any, count: int = 20_000) -> list[str]:
    return [
        text
        for x in listings(vocab, count)
        for lang, fields in x.texts.items()
        if lang != "en"
        for text in fields.values()
    ]


# -- report ----------------------------------------------------------------------------------

COLUMNS: tuple[tuple[str, str, str], ...] = (
    # header, format spec (its width fits the header), field of the shown row
    ("system", "<14", "system"),
    ("build s", ">8.1f", "build_s"),
    ("docs/s", ">7.0f", "docs_per_s"),
    ("index MB", ">8.1f", "disk_mb"),
    ("RSS base", ">8.0f", "rss_base_mb"),
    ("RSS peak", ">8.0f", "rss_peak_build_mb"),
    ("RSS serve", ">9.0f", "rss_serving_mb"),
    ("p50 ms", ">7.2f", "p50_ms"),
    ("p95 ms", ">7.2f", "p95_ms"),
    ("mean ms", ">7.2f", "mean_ms"),
    ("hits", ">5.1f", "mean_hits"),
    ("cpu/wall", ">8.2f", "query_cpu_over_wall"),
)
MB = 1024 * 1024
TARGETS = (("bm25s-default", 0.5), ("bm25s-jieba", 0.5), ("fts5-jieba", 0.2))


def print_table(count: int, rows: list[dict[str, Any]]) -> None:
    print(f"\n{count:,} listings (build excludes generation; sizes and RSS in MB; top-{K})")
    print(" ".join(format(head, spec.split(".")[0]) for head, spec, _ in COLUMNS))
    for row in rows:
        shown = {**row, "disk_mb": row["disk_bytes"] / MB}
        shown |= {f"{k}_mb": row[k] / MB for k in ("rss_base", "rss_peak_build", "rss_serving")}
        print(" ".join(format(shown[key], spec) for _, spec, key in COLUMNS))
    ours = next((r for r in rows if r["system"] == "techbridge"), None)
    if ours is None:
        return
    postings = (ours["disk_bytes"] - ours["store_bytes"]) / MB
    print(f"  techbridge without its document store (stored originals): {postings:.1f} MB")
    for variant, fig in ours["variants"].items():
        print(
            f"  techbridge {variant}: p50 {fig['p50_ms']:.2f} ms, p95 {fig['p95_ms']:.2f} ms,"
            f" mean {fig['mean_ms']:.2f} ms"
        )
    for peer, ratio in ratios(rows).items():
        target = dict(TARGETS).get(peer)
        verdict = "" if target is None else f" (target <= {target}: "
        verdict += "" if target is None else ("met)" if ratio <= target else "not met)")
        print(f"  p95 ours / {peer}: {ratio:.3f}{verdict}")


def ratios(rows: list[dict[str, Any]]) -> dict[str, float]:
    """p95 of our engine over each peer's p95."""
    by_name = {r["system"]: r for r in rows}
    if "techbridge" not in by_name:
        return {}
    ours = by_name.pop("techbridge")["p95_ms"]
    return {name: round(ours / r["p95_ms"], 3) for name, r in by_name.items()}


def prepare(work: Path, query_count: int) -> None:
    """Vocabulary and query files shared by every worker (built once, from ../shared/data)."""
    tables = build_vocabulary(require_data())
    (work / "vocabulary.json").write_text(json.dumps(tables, ensure_ascii=False), "utf-8")
    vocab = load_vocabulary(tables)
    measured = queries(vocab, query_count)
    # Warm-up queries come from another seed and never repeat a measured one (no cache hits).
    warmup = queries(vocab, query_count + WARMUP_QUERIES, WARMUP_SEED)
    warmup = [q for q in warmup if q not in set(measured)][:WARMUP_QUERIES]
    blob = {"queries": measured, "warmup": warmup}
    (work / "queries.json").write_text(json.dumps(blob, ensure_ascii=False, indent=1), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated listing counts")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--json", type=Path, help="also write the summary to this file")
    parser.add_argument("--no-analysis", action="store_true", help="skip the jieba comparison")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = (
            analysis_worker(args.work)
            if args.worker == "analysis"
            else worker(args.worker, args.size, args.work)
        )
        print(json.dumps(result))
        return
    require_data()
    sizes = [int(s) for s in args.sizes.split(",")]
    systems = args.systems.split(",")
    summary: dict[str, Any] = {
        "sizes": {},
        "queries": args.queries,
        "cpus": os.cpu_count(),
        "load_average_start": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="techbridge-speed-") as tmp:
        work = Path(tmp)
        prepare(work, args.queries)
        if not args.no_analysis:
            summary["chinese_analysis"] = run_worker("analysis", 0, work)
            print_analysis(summary["chinese_analysis"])
        for count in sizes:
            rows = []
            for name in systems:
                print(f"  {name} at {count:,} ...", file=sys.stderr, flush=True)
                rows.append(run_worker(name, count, work))
            print_table(count, rows)
            summary["sizes"][str(count)] = {"systems": rows, "ratios": ratios(rows)}
    summary["load_average_end"] = os.getloadavg()
    print(json.dumps(summary, indent=1))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), "utf-8")


def print_analysis(result: dict[str, Any]) -> None:
    print("Chinese analysis throughput (Han characters per second, one thread):")
    for label, r in result.items():
        print(
            f"  {label}: ours indexing {r['ours_index']:,}; jieba.lcut {r['jieba_lcut']:,} "
            f"(HMM off {r['jieba_lcut_no_hmm']:,}); ours/jieba {r['ratio_index']} (target >= 5)"
        )
        print(
            f"    query path (ordered terms, with its segment cache): cold {r['ours_cold']:,} "
            f"({r['ratio_cold']}x), warm {r['ours_warm']:,} ({r['ratio_warm']}x)"
        )


if __name__ == "__main__":
    main()
