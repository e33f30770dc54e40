"""A long command's progress: a bar redrawn in place in a terminal, a few plain lines in a
log."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management.base import OutputWrapper

from techbridge.core.progress import CommandProgress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_a_line_at_each_tenth_and_the_last() -> None:
    out, clock = StringIO(), Clock()
    progress = CommandProgress(out, "indexing", 50, unit="documents", is_tty=False, clock=clock)
    for done in range(1, 51):
        clock.now += 0.1
        progress.update(done)
    progress.finish(50)
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert [re.findall(r"\d+/\d+", line)[0] for line in lines] == [
        *(f"{n}/50" for n in range(5, 50, 5)),
        "50/50",
    ]
    assert lines[0] == "indexing: [##----------------------]  10% 5/50 0.5s"
    assert lines[-1] == "indexing: [########################] 100% 50/50 5.0s"


def test_a_terminal_gets_one_line_redrawn_in_place() -> None:
    out, clock = StringIO(), Clock()
    wrapper = OutputWrapper(out)
    progress = CommandProgress(wrapper, "import", 4, is_tty=True, clock=clock)
    for done in range(1, 5):
        clock.now += 1.0
        progress.update(done)
    progress.finish()
    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")  # one line, ended once
    drawn = [part.rstrip() for part in text.split("\r") if part]
    assert drawn == [
        "import: [######------------------]  25% 1/4 1.0s",
        "import: [############------------]  50% 2/4 2.0s",
        "import: [##################------]  75% 3/4 3.0s",
        "import: [########################] 100% 4/4 4.0s",
        "import: [########################] 100% 4/4 4.0s",
    ]


def test_a_terminal_is_not_redrawn_more_than_ten_times_a_second() -> None:
    out, clock = StringIO(), Clock()
    progress = CommandProgress(out, "x", 1000, is_tty=True, clock=clock)
    for done in range(1, 1001):
        clock.now += 0.001  # a thousand updates in one second
        progress.update(done)
    assert 9 <= out.getvalue().count("\r") <= 11


def test_without_a_total_it_counts_and_the_end_gives_the_count() -> None:
    out, clock = StringIO(), Clock()
    progress = CommandProgress(out, "indexing", None, unit="documents", is_tty=False, clock=clock)
    for done in range(1, 2501):
        progress.update(done)
    progress.finish(2500)
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["indexing: 1000 documents 0.0s", "indexing: 2000 documents 0.0s"]
    assert re.fullmatch(r"indexing: \[#{24}\] 100% 2500/2500 0\.0s", lines[2])
    assert len(lines) == 3
