"""The supervisor restarts children that die, with back-off, and stops whole process groups."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from techbridge.core.supervisor import Program, Supervisor
from techbridge.core.tests.processes import wait_for

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, exited but not yet reaped by its parent, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@contextmanager
def supervising(*programs: Program, stop_timeout: float = 5) -> Iterator[Supervisor]:
    lines: list[str] = []
    supervisor = Supervisor(list(programs), stop_timeout=stop_timeout, log=lines.append)
    supervisor.lines = lines  # type: ignore[attr-defined]
    thread = threading.Thread(target=supervisor.run, kwargs={"install_signals": False})
    thread.start()
    try:
        yield supervisor
    finally:
        supervisor.stop()
        thread.join(30)
    assert not thread.is_alive()


def test_a_killed_child_is_restarted_and_stop_ends_every_child() -> None:
    with supervising(Program("a", SLEEPER), Program("b", SLEEPER)) as supervisor:
        first = wait_for(lambda: len(supervisor.pids()) == 2 and supervisor.pids(), 10, "start")
        assert isinstance(first, dict)
        os.kill(first["a"], signal.SIGKILL)
        restarted = wait_for(
            lambda: supervisor.pids().get("a", first["a"]) != first["a"] and supervisor.pids(),
            10,
            "a restart",
        )
        assert isinstance(restarted, dict)
        assert restarted["b"] == first["b"]  # the other child was left alone
    assert not any(alive(pid) for pid in [*first.values(), *restarted.values()])
    assert "supervisor: a exited with code -9; restarting in 1 s" in supervisor.lines  # type: ignore[attr-defined]


def test_a_child_that_keeps_failing_waits_longer_each_time() -> None:
    failing = Program("flaky", [sys.executable, "-c", "raise SystemExit(3)"])
    with supervising(failing) as supervisor:
        lines: list[str] = supervisor.lines  # type: ignore[attr-defined]
        wait_for(lambda: sum("exited" in line for line in lines) >= 2, 15, "two exits")
        restarted_at = time.monotonic()
        wait_for(lambda: sum("started" in line for line in lines) >= 3, 15, "a third start")
        waited = time.monotonic() - restarted_at
    exits = [line for line in lines if "exited" in line]
    assert exits[:2] == [
        "supervisor: flaky exited with code 3; restarting in 1 s",
        "supervisor: flaky exited with code 3; restarting in 2 s",
    ]
    assert 1.5 < waited < 5


def test_stop_reaches_grandchildren_and_kills_what_ignores_sigterm(tmp_path: Path) -> None:
    """Like runserver's autoreloader or gunicorn: a child with a child of its own, and a child
    that does not stop when asked."""
    pid_file = tmp_path / "grandchild.pid"
    parent = (
        "import subprocess, sys, time;"
        f"p = subprocess.Popen({SLEEPER!r});"
        f"open({str(pid_file)!r}, 'w').write(str(p.pid));"
        "time.sleep(60)"
    )
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
    with supervising(
        Program("parent", [sys.executable, "-c", parent]),
        Program("stubborn", [sys.executable, "-c", stubborn]),
        stop_timeout=1,
    ) as supervisor:
        wait_for(lambda: pid_file.exists() and pid_file.read_text(), 10, "the grandchild")
        pids = supervisor.pids()
    grandchild = int(pid_file.read_text())
    assert not any(alive(pid) for pid in [grandchild, *pids.values()])
    assert "supervisor: stubborn did not stop in time; killing it" in supervisor.lines  # type: ignore[attr-defined]
