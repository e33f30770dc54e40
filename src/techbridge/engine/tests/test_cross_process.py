"""A long-lived reader (a web process) sees what another process (the worker, a rebuild)
wrote, at its very next search, without reopening."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from techbridge.engine import Document, Index, Query

_OTHER_PROCESS = """
import sys
from techbridge.engine import Document, Index
path, action, title = sys.argv[1:4]
with Index(path) as ix:
    doc = Document("other", "offer", {"en": {"title": title}})
    if action == "add":
        ix.add([doc])
        ix.commit()
    else:
        ix.rebuild([doc])
"""


def _in_other_process(tmp_path: Path, action: str, title: str) -> None:
    script = tmp_path / "other.py"
    script.write_text(textwrap.dedent(_OTHER_PROCESS))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run(
        [sys.executable, str(script), str(tmp_path / "ix"), action, title], check=True, env=env
    )


def _ids(index: Index, text: str) -> list[str]:
    return [hit.id for hit in index.search(Query(text)).hits]


def test_reader_sees_commits_and_rebuilds_of_other_processes(tmp_path: Path) -> None:
    with Index(tmp_path / "ix") as reader:
        reader.add([Document("mine", "offer", {"en": {"title": "laser cutter"}})])
        reader.commit()
        assert _ids(reader, "laser") == ["mine"]

        _in_other_process(tmp_path, "add", "ultrasound probe")
        assert _ids(reader, "ultrasound") == ["other"]
        assert _ids(reader, "laser") == ["mine"]

        _in_other_process(tmp_path, "rebuild", "lithium battery")
        assert _ids(reader, "battery") == ["other"]
        assert _ids(reader, "laser") == []  # the rebuild replaced everything
        assert reader.stats().documents == 1

        # Writing after the switch goes into the live generation, not the abandoned one.
        reader.add([Document("later", "offer", {"en": {"title": "laser welding"}})])
        reader.commit()
    with Index(tmp_path / "ix") as reopened:
        assert sorted(hit.id for hit in reopened.search(Query("laser battery")).hits) == [
            "later",
            "other",
        ]
