"""Data-driven retrieval cases: 繁/简, HK/mainland variants, EN↔ZH, mixed text, filters."""

from __future__ import annotations

import json

import pytest

from techbridge.engine import Index, Query
from techbridge.engine.tests.conftest import CASES

CASES_LIST = json.loads((CASES / "queries.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES_LIST, ids=[c["name"] for c in CASES_LIST])
def test_case(index: Index, case: dict[str, object]) -> None:
    trl = case.get("trl_range")
    query = Query(
        str(case["query"]),
        filters=case.get("filters", {}),  # type: ignore[arg-type]
        trl_range=(int(trl[0]), int(trl[1])) if isinstance(trl, list) else None,
        k=20,
    )
    ids = [hit.id for hit in index.search(query).hits]
    expect = case.get("expect")
    if isinstance(expect, list):
        assert sorted(ids) == sorted(expect)
    top = case.get("top")
    if isinstance(top, list):
        assert ids[: len(top)] == top
