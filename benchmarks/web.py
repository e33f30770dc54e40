"""Web: throughput and latency of the search paths through the production server.

Usage: python benchmarks/web.py [--clients 32] [--seconds 60] [--workers 2]
       [--database-url postgres://…] [--var-dir DIR] [--port N] [--json OUT]

Prepares (or reuses) a database with the demo data in its own var directory (the Makefile's
``setup`` steps, then ``reindex``), starts gunicorn serving ``techbridge.config.wsgi`` with
``TECHBRIDGE_DEBUG=0`` as a separate process, and runs loopback clients against the search API
(``/api/v1/search?q=…``), the search page (``/<lang>/search/?q=…``) and the listing page
(``/<lang>/listings/<reference>/``) in English, 繁體 and 简体, each client on one thread with
its own connection (reopened when the server closes it: gunicorn's sync workers answer every
request with ``Connection: close``). Queries are the demo catalogue's own keywords and titles,
one third each English, Traditional and Simplified, drawn independently of the page language.

The API's rate limits are lifted for the run by a settings module written into a temporary
directory (the throttle still runs, with a limit no client reaches). Beside the web figures:
SQL queries per request and the latency of one request at a time, both measured in-process
through Django's test client on the same database and settings before the load starts, and the
engine alone (``Index.search`` in this process on the same index, after the load has stopped)
for the same search queries, asked as the search view asks them for an anonymous reader.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh-hant", "zh-hans")
ENDPOINTS = ("search API", "search page", "listing page")
SEARCHES = ("search API", "search page")
SCRIPTS = ("en", "hant", "hans")
QUERY_COUNT = 600
SEED = 13
# No client reaches it, so requests are never refused, but the throttle still does its work
# (a cache read and write per throttle and API request); a one-second window keeps its
# history short.
UNREACHED_RATE = "100000/s"
SETTINGS_MODULE = "web_benchmark_settings"
SETTINGS = f'''"""Settings for benchmarks/web.py: the project's, with the API rate limits lifted."""

from techbridge.config.settings.base import *  # noqa: F403
from techbridge.config.settings.base import REST_FRAMEWORK

REST_FRAMEWORK = {{
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {{"anon": "{UNREACHED_RATE}", "user": "{UNREACHED_RATE}"}},
}}
'''
SETUP_STEPS = (
    ("compiletranslations",),
    ("migrate", "--no-input", "--verbosity", "0"),
    ("createcachetable",),
)
LOAD_STEPS = (
    ("collectstatic", "--no-input", "--verbosity", "0"),
    ("load_demo",),
    ("load_demo_deals",),
    ("load_demo_programme",),
)
MARKER = "web-benchmark.json"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation): a value that was actually observed."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- the server's environment and database ---------------------------------------------------


def server_env(var_dir: Path, settings_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(settings_dir)]),
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "TECHBRIDGE_VAR_DIR": str(var_dir),
        "TECHBRIDGE_DEBUG": "0",
        "TECHBRIDGE_SECRET_KEY": secrets.token_urlsafe(50),
        "TECHBRIDGE_ALLOWED_HOSTS": "127.0.0.1",
        "TECHBRIDGE_SSL_REDIRECT": "0",
        "TECHBRIDGE_API_RATE_ANON": UNREACHED_RATE,
        "TECHBRIDGE_API_RATE_USER": UNREACHED_RATE,
        "TECHBRIDGE_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TECHBRIDGE_LOG_LEVEL": "WARNING",
    }
    for name in ("TECHBRIDGE_SQLITE_PATH", "TECHBRIDGE_INDEX_DIR", "DATABASE_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def ensure_postgres(url: str, fresh: bool) -> None:
    """Create the benchmark's PostgreSQL database when missing (dropped first with --fresh)."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if fresh:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed (exit {done.returncode})")


def prepare(var_dir: Path, env: dict[str, str], database_url: str | None, fresh: bool) -> bool:
    """Migrate, load the demo data unless this var directory already holds it for this
    database, and rebuild the index. Returns whether the demo data was loaded now."""
    label = database_url or "sqlite"
    marker = var_dir / MARKER
    if fresh:
        marker.unlink(missing_ok=True)
        if not database_url:
            for path in var_dir.glob("techbridge.sqlite3*"):
                path.unlink()
    if database_url and database_url.startswith(("postgres://", "postgresql://")):
        ensure_postgres(database_url, fresh)
    loaded = marker.exists() and json.loads(marker.read_text("utf-8")).get("database") == label
    for step in SETUP_STEPS:
        manage(env, *step)
    if not loaded:
        for step in LOAD_STEPS:
            manage(env, *step)
        marker.write_text(json.dumps({"database": label}), "utf-8")
    manage(env, "reindex")
    return not loaded


# -- the catalogue and in-process figures (runs in a subprocess with the server's env) ------


def probe() -> dict[str, Any]:
    """Queries and references from the demo catalogue, the search view's engine query shape,
    and per endpoint the SQL queries and latency of one request at a time, in-process."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from techbridge.catalogue.choices import DisclosureTier, ListingStatus
    from techbridge.catalogue.models import Listing
    from techbridge.core.scripts import to_simplified, to_traditional_hk
    from techbridge.web.forms import FACET_FIELDS
    from techbridge.web.views.search import PAGE_SIZE

    listings = Listing.objects.filter(
        status=ListingStatus.PUBLISHED, teaser_tier=DisclosureTier.PUBLIC
    ).prefetch_related("texts")
    pools: dict[str, dict[str, set[str]]] = {s: {"keyword": set(), "title": set()} for s in SCRIPTS}
    references = []
    for listing in listings:
        references.append(listing.reference)
        words = [("keyword", k) for k in listing.keywords]
        words += [("title", t.title) for t in listing.texts.all()]
        for source, word in words:
            word = word.strip()
            if not word or len(word) > 60:
                continue
            if word.isascii():
                pools["en"][source].add(word)
                continue
            traditional = to_simplified(word) != word
            simplified = to_traditional_hk(word) != word
            if traditional or not simplified:
                pools["hant"][source].add(word)
            if simplified or not traditional:
                pools["hans"][source].add(word)
    rng = random.Random(SEED)
    queries = []
    for i in range(QUERY_COUNT):
        pool = pools[SCRIPTS[i % len(SCRIPTS)]]
        source = "title" if rng.random() < 1 / 3 and pool["title"] else "keyword"
        queries.append(rng.choice(sorted(pool[source])))
    references.sort()

    client = Client(SERVER_NAME="127.0.0.1")
    inprocess: dict[str, dict[str, float]] = {}
    for endpoint in ENDPOINTS:
        counts: list[int] = []
        times: list[float] = []
        for i in range(2 + 10 * len(LANGUAGES)):
            language = LANGUAGES[i % len(LANGUAGES)]
            path, headers = request_for(endpoint, language, queries[i], references[i])
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path, headers=headers)
                elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{path}: status {response.status_code}")
            if i >= 2:  # the first requests open the index and fill caches
                counts.append(len(captured.captured_queries))
                times.append(elapsed)
        inprocess[endpoint] = {
            "sql_per_request": round(sum(counts) / len(counts), 1),
            "sql_max": max(counts),
            "p50_ms": round(percentile(times, 50), 2),
        }
    return {
        "queries": queries,
        "references": references,
        "facets": list(FACET_FIELDS.values()),
        "audience": str(DisclosureTier.PUBLIC.value),
        "page_size": PAGE_SIZE,
        "inprocess": inprocess,
    }


def run_probe(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--probe"], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"reading the catalogue failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    env: dict[str, str], port: int, workers: int, extra: list[str], log: Path
) -> subprocess.Popen[bytes]:
    # gunicorn directly, as production runs it: sync workers unless --gunicorn-arg says
    # otherwise; no control socket, so that several servers can run on one machine.
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--no-control-socket",
        "--log-file",
        str(log),
        *extra,
        "techbridge.config.wsgi:application",
    ]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def wait_ready(server: subprocess.Popen[bytes], port: int, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.stderr.write(log.read_text("utf-8", errors="replace")[-4000:])
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/api/v1/search?q=ready")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer within {timeout:.0f}s (see {log})")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def workers_cpu(master: int) -> float:
    """CPU seconds (user + system) of the master's child processes, from /proc (Linux)."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # ppid; fields[0] is the state
            total += int(fields[11]) + int(fields[12])
    return total / tick


# -- the clients -----------------------------------------------------------------------------


def request_for(
    endpoint: str, language: str, query: str, reference: str
) -> tuple[str, dict[str, str]]:
    q = urllib.parse.quote(query)
    if endpoint == "search API":
        return f"/api/v1/search?q={q}", {"Accept-Language": language}
    if endpoint == "search page":
        return f"/{language}/search/?q={q}", {}
    return f"/{language}/listings/{reference}/", {}


Record = tuple[int, int, float, int, float]  # endpoint, language, ms, status, finished at


def client(
    port: int,
    seed: int,
    queries: list[str],
    references: list[str],
    go: threading.Event,
    until: list[float],
    out: list[Record],
) -> None:
    """One client: requests one after the other on its own connection until ``until[0]``."""
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    go.wait()
    while time.perf_counter() < until[0]:
        e, lang = rng.randrange(len(ENDPOINTS)), rng.randrange(len(LANGUAGES))
        path, headers = request_for(
            ENDPOINTS[e], LANGUAGES[lang], rng.choice(queries), rng.choice(references)
        )
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            status = 0
        end = time.perf_counter()
        out.append((e, lang, (end - start) * 1000, status, end))
    conn.close()


def load(
    port: int, clients: int, seconds: float, queries: list[str], references: list[str], seed: int
) -> tuple[list[Record], int, float, float]:
    """Run the clients for ``seconds``; requests finishing after the window are dropped.
    Returns the records, the number of requests answered in all (those in flight at the end
    included), the window's start and its end (perf_counter)."""
    go, until = threading.Event(), [float("inf")]
    outs: list[list[Record]] = [[] for _ in range(clients)]
    threads = [
        threading.Thread(
            target=client, args=(port, seed + i, queries, references, go, until, outs[i])
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    until[0] = start + seconds
    go.set()
    for thread in threads:
        thread.join()
    answered = sum(len(out) for out in outs)
    return [r for out in outs for r in out if r[4] <= until[0]], answered, start, until[0]


# -- the engine alone ------------------------------------------------------------------------


def engine_latency(
    index_dir: Path, queries: list[str], shape: dict[str, Any]
) -> dict[str, dict[str, float]]:
    """``Index.search`` on the server's index, one query at a time: as the search view asks
    (the anonymous reader's tier as filter, its facets, one page, explanations and highlights),
    and as a bare ``Query(text)`` with highlights. Distinct queries, after a warm-up pass."""
    from techbridge.engine import Index, Query

    distinct = list(dict.fromkeys(queries))
    out: dict[str, dict[str, float]] = {}
    with Index(index_dir) as index:
        shapes = {
            "view": lambda text: Query(
                text,
                filters={"audience": [shape["audience"]]},
                facets=shape["facets"],
                k=shape["page_size"],
                explain=True,
            ),
            "bare": lambda text: Query(text),
        }
        for name, make in shapes.items():
            for text in distinct[:50]:
                index.search(make(text))
            times = []
            for text in distinct:
                start = time.perf_counter()
                index.search(make(text))
                times.append((time.perf_counter() - start) * 1000)
            out[name] = {
                "queries": len(distinct),
                "p50_ms": round(percentile(times, 50), 2),
                "p95_ms": round(percentile(times, 95), 2),
                "p99_ms": round(percentile(times, 99), 2),
            }
    return out


# -- report ----------------------------------------------------------------------------------


def summarise(records: list[Record], seconds: float) -> dict[str, Any]:
    times = [r[2] for r in records]
    statuses: dict[str, int] = {}
    for r in records:
        if r[3] != 200:
            key = str(r[3]) if r[3] else "connection"
            statuses[key] = statuses.get(key, 0) + 1
    return {
        "requests": len(records),
        "per_s": round(len(records) / seconds, 1),
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "p99_ms": round(percentile(times, 99), 1),
        "errors": sum(statuses.values()),
        "error_statuses": statuses,
    }


def report(result: dict[str, Any]) -> None:
    run = result["run"]
    engine = result["engine"]["view"]
    print(
        f"\n{run['clients']} clients for {run['seconds']:.0f} s against gunicorn "
        f"{run['gunicorn']} with {run['workers']} workers on {run['database']}; "
        f"load average {run['load_start']} at start, {run['load_end']} at end"
    )
    header = (
        f"{'endpoint':<22}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'SQL/req':>9}{'alone ms':>10}{'engine p95':>11}{'web/engine':>11}"
    )
    print(header)
    print("-" * len(header))
    for name, row in result["endpoints"].items():
        endpoint = name.split(" · ")[0]
        alone = result["inprocess"].get(name)
        cells = (
            f"{row['requests']:>9}{row['per_s']:>8.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['p99_ms']:>9.1f}{row['errors']:>8}"
        )
        cells += f"{alone['sql_per_request']:>9.1f}{alone['p50_ms']:>10.1f}" if alone else " " * 19
        if endpoint in SEARCHES:
            ratio = row["p95_ms"] / engine["p95_ms"]
            cells += f"{engine['p95_ms']:>11.2f}{ratio:>10.0f}×"
        label = name if name == endpoint else "  " + name.split(" · ")[1]
        print(f"{label:<22}{cells}")
    bare = result["engine"]["bare"]
    print(
        f"\nengine alone, {engine['queries']} distinct queries, one at a time after the load: "
        f"as the search view asks p50 {engine['p50_ms']:.2f} / p95 {engine['p95_ms']:.2f} / "
        f"p99 {engine['p99_ms']:.2f} ms; bare Query(text) with highlights p50 "
        f"{bare['p50_ms']:.2f} / p95 {bare['p95_ms']:.2f} ms (load average {run['load_engine']})"
    )
    print(
        f"CPU per request: gunicorn workers {run['server_cpu_ms']:.1f} ms (a database server's "
        f"own not counted), these clients {run['client_cpu_ms']:.1f} ms "
        f"({os.cpu_count()} cores in all)"
    )
    errors = result["endpoints"]["all"]["error_statuses"]
    if errors:
        print(f"errors by status: {errors}")
    print(
        "SQL/req and alone ms: one request at a time in-process (Django test client, same "
        "settings and database); engine p95: the search view's engine query alone."
    )


# -- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10, help="seconds of load not counted")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in the var dir)")
    parser.add_argument(
        "--var-dir",
        type=Path,
        default=Path(
            os.environ.get("TECHBRIDGE_VAR_DIR")
            or Path(tempfile.gettempdir()) / "techbridge-web-benchmark"
        ),
        help="database, index and server log (default: $TECHBRIDGE_VAR_DIR, else a temp dir)",
    )
    parser.add_argument("--fresh", action="store_true", help="reload the demo data first")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument(
        "--gunicorn-arg", action="append", default=[], help="extra gunicorn option (repeatable)"
    )
    parser.add_argument("--json", type=Path, help="write the figures as JSON here too")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(), ensure_ascii=False))
        return

    var_dir = args.var_dir.resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="web-benchmark-") as tmp:
        settings_dir = Path(tmp)
        (settings_dir / f"{SETTINGS_MODULE}.py").write_text(SETTINGS, "utf-8")
        env = server_env(var_dir, settings_dir, args.database_url)
        started = time.perf_counter()
        loaded = prepare(var_dir, env, args.database_url, args.fresh)
        print(
            f"database and index ready in {time.perf_counter() - started:.0f}s "
            f"({'demo data loaded' if loaded else 'demo data reused'}; var dir {var_dir})",
            flush=True,
        )
        catalogue = run_probe(env)
        queries, references = catalogue["queries"], catalogue["references"]
        print(
            f"{len(set(queries))} distinct queries, {len(references)} public listings",
            flush=True,
        )

        port = args.port or free_port()
        log = var_dir / "gunicorn.log"
        server = start_server(env, port, args.workers, args.gunicorn_arg, log)
        try:
            wait_ready(server, port, log, timeout=120)
            load(port, args.clients, args.warmup, queries, references, SEED + 1000)  # not counted
            load_start = load_average()
            cpu_server, cpu_client = workers_cpu(server.pid), time.process_time()
            records, answered, start, end = load(
                port, args.clients, args.seconds, queries, references, SEED
            )
            cpu_server = workers_cpu(server.pid) - cpu_server
            cpu_client = time.process_time() - cpu_client
            load_end = load_average()
        finally:
            stop_server(server)
        engine = engine_latency(var_dir / "index", queries, catalogue)
        load_engine = load_average()

    from importlib.metadata import version

    seconds = end - start
    endpoints: dict[str, Any] = {}
    for e, endpoint in enumerate(ENDPOINTS):
        endpoints[endpoint] = summarise([r for r in records if r[0] == e], seconds)
        for lang, language in enumerate(LANGUAGES):
            subset = [r for r in records if r[0] == e and r[1] == lang]
            endpoints[f"{endpoint} · {language}"] = summarise(subset, seconds)
    endpoints["all"] = summarise(records, seconds)
    result = {
        "run": {
            "clients": args.clients,
            "seconds": seconds,
            "workers": args.workers,
            "gunicorn": version("gunicorn"),
            "gunicorn_args": args.gunicorn_arg,
            "database": "PostgreSQL" if args.database_url else "SQLite",
            "load_start": load_start,
            "load_end": load_end,
            "load_engine": load_engine,
            # CPU was read after the clients stopped: divided by every request answered.
            "server_cpu_ms": cpu_server * 1000 / max(answered, 1),
            "client_cpu_ms": cpu_client * 1000 / max(answered, 1),
        },
        "endpoints": endpoints,
        "inprocess": catalogue["inprocess"],
        "engine": engine,
    }
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")


if __name__ == "__main__":
    main()
