"""A small process supervisor for ``manage.py serve`` and ``manage.py rundev``.

It starts each program as a child in a process group of its own, restarts a child that
exits (waiting 1 s, doubling to 30 s while a child keeps dying within a minute of its start),
and on SIGTERM or SIGINT stops every child: SIGTERM to the child's whole group (gunicorn's
workers, the autoreloader's child), then SIGKILL to whatever is left after ``stop_timeout``
seconds. A second signal while stopping kills at once. Own process groups also keep a
terminal's Ctrl+C from reaching the children directly, so they stop in order, gracefully.

Run the supervisor itself under the machine's service manager (systemd, a container
runtime), which restarts it and, stopping it, its process tree.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from techbridge.core.stopping import StopRequest

FIRST_RESTART_DELAY = 1.0
MAX_RESTART_DELAY = 30.0
# A child that ran this long before exiting is restarted after the first delay again.
STABLE_AFTER = 60.0
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class Program:
    """A command to keep running, under a name for the logs."""

    name: str
    argv: Sequence[str]


@dataclass
class Child:
    program: Program
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restart_at: float = 0.0
    quick_exits: int = 0
    restarts: int = 0


class Supervisor:
    def __init__(
        self,
        programs: Sequence[Program],
        *,
        stop_timeout: float = 30.0,
        log: Callable[[str], object] | None = None,
        env: dict[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.children = [Child(program) for program in programs]
        self.stop_timeout = stop_timeout
        self.log = log
        self.env = env
        self.clock = clock
        # Set from the signal handler, so not a threading.Event (see core.stopping).
        self.stopping = StopRequest()
        self._kill_now = False

    # -- public -------------------------------------------------------------------------------

    def run(self, install_signals: bool = True) -> int:
        """Start everything and keep it running until :meth:`stop` or a signal; returns 0."""
        if install_signals:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, self._on_signal)
        for child in self.children:
            self._start(child)
        while not self.stopping.wait(POLL_SECONDS):
            for child in self.children:
                self._watch(child)
        self._stop_all()
        return 0

    def stop(self) -> None:
        self.stopping.set()

    def pids(self) -> dict[str, int]:
        """The running children's process ids, by program name."""
        return {
            child.program.name: child.process.pid
            for child in self.children
            if child.process is not None and child.process.poll() is None
        }

    # -- children -----------------------------------------------------------------------------

    def _say(self, message: str) -> None:
        if self.log is not None:
            self.log(f"supervisor: {message}")

    def _start(self, child: Child) -> None:
        try:
            child.process = subprocess.Popen(
                list(child.program.argv), env=self.env, process_group=0
            )
        except OSError as error:
            child.process = None
            self._schedule_restart(child, f"could not start ({error})")
            return
        child.started_at = self.clock()
        self._say(f"started {child.program.name} (pid {child.process.pid})")

    def _watch(self, child: Child) -> None:
        if child.process is None:
            if self.clock() >= child.restart_at:
                child.restarts += 1
                self._start(child)
            return
        code = child.process.poll()
        if code is None:
            return
        # Whatever the child left in its group (a reloader's child, a web worker) would hold
        # its port or its work: end it before starting another.
        _signal_group(child.process.pid, signal.SIGKILL)
        child.process = None
        ran = self.clock() - child.started_at
        child.quick_exits = child.quick_exits + 1 if ran < STABLE_AFTER else 1
        self._schedule_restart(child, f"exited with code {code}")

    def _schedule_restart(self, child: Child, why: str) -> None:
        quick = max(child.quick_exits, 1)
        delay = min(FIRST_RESTART_DELAY * 2 ** (quick - 1), MAX_RESTART_DELAY)
        child.restart_at = self.clock() + delay
        self._say(f"{child.program.name} {why}; restarting in {delay:.0f} s")

    # -- stopping -----------------------------------------------------------------------------

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping.is_set():
            self._kill_now = True
        self.stopping.set()

    def _stop_all(self) -> None:
        running = [c for c in self.children if c.process is not None]
        self._say("stopping " + ", ".join(c.program.name for c in running))
        for child in running:
            assert child.process is not None
            _signal_group(child.process.pid, signal.SIGTERM)
        deadline = self.clock() + self.stop_timeout
        # Waiting for whole groups: a reloader's parent exits at once on SIGTERM while its
        # child, the actual worker, is still finishing its task.
        while self.clock() < deadline and not self._kill_now:
            for child in running:
                assert child.process is not None
                child.process.poll()  # reaps it, so that it no longer counts as alive
            if not any(_group_alive(c.process.pid) for c in running if c.process is not None):
                break
            time.sleep(0.05)
        for child in running:
            assert child.process is not None
            if _group_alive(child.process.pid):
                self._say(f"{child.program.name} did not stop in time; killing it")
                _signal_group(child.process.pid, signal.SIGKILL)
            child.process.wait()
            child.process = None
        self._say("stopped")


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs (zombies, which only wait to be reaped by
    some parent, do not count: where /proc exists, it is read to tell them apart)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path("/proc")
    if not proc.is_dir():
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False
