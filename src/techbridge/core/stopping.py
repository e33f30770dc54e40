"""A stop request that a signal handler can make safely.

``threading.Event.set()`` takes the event's lock. A Python signal handler runs in the main
thread between two bytecodes, possibly while that same thread is inside ``Event.wait()``
holding that very lock; the handler then waits for itself forever, and the process ignores
SIGTERM until it is killed. :meth:`StopRequest.set` only stores a flag and writes a byte to
a pipe, neither of which takes a lock; :meth:`StopRequest.wait` selects on that pipe, so a
request wakes every waiter at once (the byte is never read back).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import weakref
from typing import Protocol


class Stop(Protocol):
    """What a loop needs of its stop signal (a ``threading.Event`` also has it)."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


class StopRequest:
    def __init__(self) -> None:
        self._requested = False
        self._read, self._write = os.pipe()
        os.set_blocking(self._write, False)
        weakref.finalize(self, _close, self._read, self._write)

    def set(self) -> None:
        self._requested = True
        # A full pipe already wakes every waiter; one byte is all a wake-up needs.
        with contextlib.suppress(BlockingIOError):
            os.write(self._write, b"\0")

    def is_set(self) -> bool:
        return self._requested

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until requested or ``timeout`` seconds pass; True when requested."""
        if not self._requested:
            select.select([self._read], [], [], timeout)
        return self._requested

    def set_on_signals(self, *signums: int) -> None:
        """Request the stop on each of ``signums`` (default SIGTERM and SIGINT)."""
        for signum in signums or (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: self.set())


def _close(*fds: int) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)
