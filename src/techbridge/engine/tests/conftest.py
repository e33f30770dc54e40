"""Shared fixtures: one small trilingual index built from cases/corpus.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from techbridge.engine import Document, Index

CASES = Path(__file__).parent / "cases"


def corpus() -> list[Document]:
    data = json.loads((CASES / "corpus.json").read_text("utf-8"))
    return [Document.from_json(record) for record in data]


@pytest.fixture(scope="session")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with Index(tmp_path_factory.mktemp("engine") / "index") as built:
        built.add(corpus())
        built.commit()
        yield built
