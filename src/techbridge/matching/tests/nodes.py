"""Real app nodes for multi-node tests and the cluster benchmark: each node is a web server
process and an index follower process with its own var/ directory, against one database."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[4]


_handed_out: set[int] = set()


def free_port(low: int = 8300, high: int = 8399) -> int:
    """A port nobody listens on, never the same twice in one process (a server started a
    moment ago may not be listening yet)."""
    for port in range(low, high):
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            _handed_out.add(port)
            return port
    raise RuntimeError(f"no free port in {low}-{high}")


def database_url(settings_db: Any) -> str:
    """The URL of the database Django is using now (the test database in tests)."""
    if settings_db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_db['NAME']}"
    user, host = settings_db.get("USER") or "postgres", settings_db.get("HOST") or "127.0.0.1"
    port, name = settings_db.get("PORT") or 5432, settings_db["NAME"]
    password = f":{settings_db['PASSWORD']}" if settings_db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{name}"


@dataclass
class Node:
    """One app node: ``web`` (gunicorn) and ``follower`` processes sharing ``var_dir``."""

    name: str
    var_dir: Path
    database_url: str
    port: int = 0
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="techbridge.config.settings.base",
            DATABASE_URL=self.database_url,
            TECHBRIDGE_VAR_DIR=str(self.var_dir),
            TECHBRIDGE_DEBUG="1",
            TECHBRIDGE_API_RATE_ANON="1000000/min",
            TECHBRIDGE_API_RATE_USER="1000000/min",
            TECHBRIDGE_LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT / "src"),
        )
        env.pop("TECHBRIDGE_INDEX_DIR", None)
        return env

    def _spawn(self, role: str, argv: list[str]) -> None:
        log = open(self.var_dir / f"{role}.log", "ab")  # noqa: SIM115 - owned by the child
        self.processes[role] = subprocess.Popen(
            argv, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT
        )

    def start_web(self, workers: int = 1) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self._spawn(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "techbridge.config.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                "--threads=4",
                "--timeout=60",
            ],
        )

    def start_follower(self) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self._spawn("follower", [sys.executable, "manage.py", "index_follower"])

    def kill(self, role: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(role, None)
        if process is not None and process.poll() is None:
            process.send_signal(sig)
            process.wait(timeout=30)

    def stop(self) -> None:
        for role in list(self.processes):
            self.kill(role, signal.SIGTERM)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        request = urllib.request.Request(self.url(path), headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, _body(response.read(), response.headers)
        except urllib.error.HTTPError as error:
            return error.code, _body(error.read(), error.headers)

    def send(self, method: str, path: str, body: Any, headers: dict[str, str]) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else b""
        request = urllib.request.Request(
            self.url(path),
            data=data,
            method=method,
            headers={**headers, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, _body(response.read(), response.headers)
        except urllib.error.HTTPError as error:
            return error.code, _body(error.read(), error.headers)

    def wait_ready(self, timeout: float = 120.0) -> dict[str, Any]:
        """Wait until ``/readyz`` answers 200 (the server is up and the index current)."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while time.monotonic() < deadline:
            for role, process in self.processes.items():
                if process.poll() is not None:
                    log = (self.var_dir / f"{role}.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"{self.name} {role} exited: {log}")
            try:
                status, last = self.get("/readyz")
                if status == 200:
                    return dict(last)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{self.name} not ready after {timeout}s: {last}")


def _body(raw: bytes, headers: Any) -> Any:
    if "json" in (headers.get("Content-Type") or ""):
        return json.loads(raw or b"null")
    return raw.decode("utf-8", errors="replace")


def wait_until(predicate: Any, timeout: float, interval: float = 0.05) -> float:
    """Seconds until ``predicate()`` held; raises TimeoutError after ``timeout``."""
    started = time.monotonic()
    while True:
        if predicate():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"not within {timeout}s")
        time.sleep(interval)
