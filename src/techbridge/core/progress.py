"""Progress of a long command, for whoever reads its output.

In a terminal: one line redrawn in place — a bar, the share done, the count and the time so
far. Anywhere else (CI logs, cron mail, a pipe): plain lines, one at each tenth of the work
and one at the end, so a log shows the command is alive without thousands of lines.

Small and dependency-free on purpose: the commands need a bar and a count, not a library.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TextIO

from django.core.management.base import OutputWrapper

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1  # a terminal is redrawn at most this often
UNKNOWN_TOTAL_EVERY = 1000  # without a total (or past it), a log line per this many


class CommandProgress:
    """Call :meth:`update` with the count done as work goes, then :meth:`finish`.

    ``total`` may be ``None`` (not known in advance) or an estimate, which the count may
    pass: the bar then shows the count and the time only, and the last line gives the
    exact count.
    """

    def __init__(
        self,
        stream: TextIO | Any,
        label: str,
        total: int | None,
        *,
        unit: str = "",
        is_tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.label = label
        self.total = total if total else None
        self.unit = unit
        self.tty = bool(stream.isatty()) if is_tty is None else is_tty
        self.clock = clock
        self.started = clock()
        self.done = 0
        self._drawn_at: float | None = None
        self._steps_written = 0
        self._width = 0  # of the longest line drawn in place

    def update(self, done: int) -> None:
        self.done = done
        if self.tty:
            now = self.clock()
            if self._drawn_at is None or now - self._drawn_at >= REDRAW_SECONDS:
                self._drawn_at = now
                self._write("\r" + self.line().ljust(self._width), end="")
            return
        if self.total is not None and done < self.total:
            step = done * 10 // self.total  # a line at each tenth
        else:
            step = done // UNKNOWN_TOTAL_EVERY  # or every so many, when the end is unknown
        if step > self._steps_written:
            self._steps_written = step
            self._write(self.line())

    def finish(self, done: int | None = None) -> None:
        """The final count (the estimate, if any, is replaced by it)."""
        if done is not None:
            self.done = done
        self.total = self.done or self.total
        self._write("\r" + self.line().ljust(self._width) if self.tty else self.line())

    def line(self) -> str:
        text = self._text()
        self._width = max(self._width, len(text))
        return text

    def _text(self) -> str:
        elapsed = f"{self.clock() - self.started:.1f}s"
        count = f"{self.done}{' ' + self.unit if self.unit else ''}"
        if self.total is None or self.done > self.total:
            return f"{self.label}: {count} {elapsed}"
        share = self.done / self.total
        filled = round(share * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        return f"{self.label}: [{bar}] {share:4.0%} {self.done}/{self.total} {elapsed}"

    def _write(self, text: str, end: str = "\n") -> None:
        if isinstance(self.stream, OutputWrapper):
            # Its own ending and style (a command's stderr is red) would be added otherwise.
            self.stream.write(text, style_func=_plain, ending=end)
        else:
            self.stream.write(text + end)
        self.stream.flush()


def _plain(text: str) -> str:
    return text
