"""``manage.py serve`` and ``manage.py rundev`` really serve, run the background processes,
and leave nothing behind when stopped."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from techbridge.core.heartbeats import process_status
from techbridge.core.tests import processes
from techbridge.core.tests.test_supervisor import alive


def free_port() -> int:
    """A free port in 8100–8199, the range these tests may use."""
    for port in range(8100, 8200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port in 8100-8199")


def status_of(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None  # not listening yet


def processes_marked(marker: str) -> list[int]:
    """Running processes whose environment carries ``marker`` (every descendant inherits it)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return [pid for pid in found if alive(pid)]


@pytest.mark.parametrize(
    "command",
    [
        ["serve", "--web-workers", "1", "--task-workers", "1", "--stop-timeout", "10"],
        ["rundev"],
    ],
    ids=["serve", "rundev"],
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_serves_http_and_stops_every_process(command: list[str], tmp_path: Path) -> None:
    port = free_port()
    marker = f"TECHBRIDGE_TEST_MARKER={uuid.uuid4().hex}"
    env = processes.child_env(tmp_path, **dict([marker.split("=")]))
    args = (
        [*command, "--bind", f"127.0.0.1:{port}"]
        if command[0] == "serve"
        else [
            *command,
            f"127.0.0.1:{port}",
        ]
    )
    log = tmp_path / "serve.log"
    server = processes.manage(*args, env=env, log=log)
    try:
        url = f"http://127.0.0.1:{port}/en/"
        # Generous: on a loaded machine runserver's system checks, its reloader's second start
        # and the follower's first snapshot all come before the first page.
        processes.wait_for(
            lambda: status_of(url) == 200,
            150,
            lambda: f"{url} (last status {status_of(url)}): {log.read_text()}",
        )
        processes.wait_for(
            lambda: all(process_status()[role]["alive"] for role in ("worker", "scheduler")),
            30,
            "a worker and the scheduler to beat",
        )
        assert len(processes_marked(marker)) >= 5  # supervisor, web, worker, follower, scheduler
    finally:
        code = processes.stop(server, timeout=40)
    assert code == 0, log.read_text()
    assert processes_marked(marker) == []
    output = log.read_text()
    assert "supervisor: stopped" in output
    if command[0] == "serve":
        assert '"GET /en/ HTTP/1.1" 200' in output  # gunicorn's access log
    status = process_status()
    assert (status["worker"]["alive"], status["scheduler"]["alive"]) == (0, 0)
