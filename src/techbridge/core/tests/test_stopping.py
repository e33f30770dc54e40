"""A stop requested by a signal handler wakes the waiting loop and never blocks the handler."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from techbridge.core.stopping import StopRequest


@pytest.fixture
def restore_sigusr1() -> Iterator[None]:
    previous = signal.getsignal(signal.SIGUSR1)
    yield
    signal.signal(signal.SIGUSR1, previous)


def test_a_signal_wakes_a_long_wait_at_once(restore_sigusr1: None) -> None:
    stop = StopRequest()
    stop.set_on_signals(signal.SIGUSR1)
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGUSR1))
    started = time.monotonic()
    timer.start()
    assert stop.wait(30) is True
    assert time.monotonic() - started < 10
    assert stop.is_set()


def test_a_request_made_inside_the_wait_does_not_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A handler runs in the waiting thread itself, in the middle of ``wait``: the request it
    makes must not wait for anything that thread holds (``threading.Event.set`` would)."""
    stop = StopRequest()
    real_select = select.select
    calls: list[float | None] = []

    def select_interrupted_by_a_handler(r: list[int], w: list[int], x: list[int], t: float | None):
        calls.append(t)
        stop.set()  # what the handler does, on the same thread, mid-wait
        return real_select(r, w, x, t)

    monkeypatch.setattr(select, "select", select_interrupted_by_a_handler)
    started = time.monotonic()
    assert stop.wait(30) is True
    assert time.monotonic() - started < 10
    assert calls == [30]
    assert stop.wait(30) is True  # stays requested; a later wait returns at once
    assert calls == [30]


def test_a_wait_without_a_request_times_out() -> None:
    stop = StopRequest()
    started = time.monotonic()
    assert stop.wait(0.05) is False
    assert time.monotonic() - started >= 0.05
    assert not stop.is_set()


def test_a_tight_waiting_loop_stops_on_sigterm_every_time() -> None:
    """The scheduler's shape: many short waits a second, SIGTERM at any moment."""
    loop = (
        "import sys; from techbridge.core.stopping import StopRequest\n"
        "stop = StopRequest(); stop.set_on_signals()\n"
        "print('ready', flush=True)\n"
        "while not stop.wait(0.000001): pass\n"
    )
    for attempt in range(20):
        child = subprocess.Popen([sys.executable, "-c", loop], stdout=subprocess.PIPE)
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(0.001 * attempt)
        child.send_signal(signal.SIGTERM)
        try:
            assert child.wait(10) == 0
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
