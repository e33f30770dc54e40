"""Index behaviour: explanations, highlights, facets, validation, updates, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from techbridge.engine import Document, DocumentError, Index, Query, QueryError
from techbridge.engine.tests.conftest import corpus


def test_explanation_names_translated_and_converted_terms(index: Index) -> None:
    hits = index.search(Query("gene editing", explain=True)).hits
    by_id = {h.id: h for h in hits}
    zh = {(m.source, m.term, m.via, m.field) for m in by_id["cq-crispr"].matches}
    assert ("gene editing", "基因编辑", "glossary", "title") in zh
    en = {(m.source, m.term, m.via, m.field, m.boost) for m in by_id["hk-gene"].matches}
    # A glossary term typed in English is one concept: its words are explained as its parts.
    assert ("gene editing", "gene", "query", "title", 6.0) in en
    assert ("gene editing", "edit", "query", "keywords", 4.0) in en
    hits = index.search(Query("軟體", explain=True)).hits
    first = {(m.source, m.term, m.via) for h in hits for m in h.matches}
    assert ("軟體", "软件", "script") in first


def test_highlights_come_from_original_text(index: Index) -> None:
    hits = {hit.id: hit for hit in index.search(Query("软件")).hits}
    assert set(hits) >= {"hk-software", "tw-software"}
    hit = hits["hk-software"]
    assert hit.highlights[0].marked() == "中國<mark>軟件</mark>出口平台"
    assert hit.highlights[0].language == "zh-hant"


def test_adjacent_matched_words_are_one_mark(index: Index) -> None:
    """A phrase is marked whole; words apart in the text keep their own marks."""
    hits = {hit.id: hit for hit in index.search(Query("gene editing")).hits}
    assert (
        hits["hk-gene"].highlights[0].marked()
        == "<mark>Gene editing</mark> toolkit for crop breeding"
    )
    hits = {hit.id: hit for hit in index.search(Query("crispr-based genome")).hits}
    assert hits["hk-gene"].highlights[0].marked() == (
        "A <mark>CRISPR-based genome</mark> editing platform available for licensing."
    )
    hits = {hit.id: hit for hit in index.search(Query("CRISPR platform")).hits}
    assert hits["hk-gene"].highlights[0].marked() == (
        "A <mark>CRISPR</mark>-based genome editing <mark>platform</mark> available for licensing."
    )


def test_what_joins_two_marks() -> None:
    from techbridge.engine.index.highlight import _merge

    for text in ("gene editing", "gene\u00a0editing", "gene-editing", "gene\u3000editing"):
        assert _merge([(0, 4), (5, len(text))], text) == [(0, len(text))], text
    assert _merge([(0, 2), (3, 5)], "基因 编辑") == [(0, 5)]
    assert _merge([(0, 6), (9, 17)], "CRISPR - platform") == [(0, 6), (9, 17)]
    assert _merge([(0, 4), (6, 13)], "gene, editing") == [(0, 4), (6, 13)]


def test_a_phrase_is_in_a_translation_only_when_one_word_translates_to_it(
    tmp_path: Path,
) -> None:
    """An arena with a lift (升降机, "rise and fall") and a test ground (测试, "detect") is
    found by "fall detection" through its word-by-word translation, but the explanation does
    not claim the phrase there; 跌倒检测 translates to the whole phrase."""
    arena = Document(
        id="arena", kind="facility", texts={"zh-hans": {"title": "室内测试场设有升降机"}}
    )
    sensor = Document(id="sensor", kind="offer", texts={"zh-hans": {"title": "跌倒检测系统"}})
    with Index(tmp_path / "index") as index:
        index.add([arena, sensor])
        index.commit()
        hits = {h.id: h for h in index.search(Query("fall detection", explain=True)).hits}
    assert set(hits) == {"arena", "sensor"}
    phrase = {
        (m.term, m.field) for m in hits["sensor"].matches if m.alternative == "fall detection"
    }
    assert phrase == {("fall", "translation"), ("detect", "translation")}
    assert not [m for m in hits["arena"].matches if m.alternative == "fall detection"]


@pytest.mark.parametrize("text", ["软件", "gene editing", "網絡 security", ""])
def test_plain_ranking_equals_full_search(index: Index, text: str) -> None:
    """Without highlights or explanations hits skip the stored original, and nothing else."""
    full = index.search(Query(text, explain=True))
    plain = index.search(Query(text), highlight=False)
    assert [(h.id, h.score) for h in plain.hits] == [(h.id, h.score) for h in full.hits]
    assert all(not h.highlights and not h.matches for h in plain.hits)
    assert plain.total == full.total


def test_facet_counts(index: Index) -> None:
    result = index.search(Query("", facets=["region", "kind", "trl"], k=0))
    assert result.total == 8
    assert result.facets["region"] == {"hk": 4, "cq": 3, "other": 1}
    assert result.facets["kind"] == {"offer": 4, "request": 2, "expertise": 1, "facility": 1}
    assert result.facets["trl"] == {"2": 1, "3": 1, "4": 1, "6": 1, "7": 1, "8": 1}


def test_unknown_filter_rejected(index: Index) -> None:
    with pytest.raises(QueryError, match="unknown filter 'colour'"):
        index.search(Query("x", filters={"colour": ["red"]}))


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "", "kind": "offer", "texts": {"en": {"title": "x"}}}, "id must be"),
        ({"id": "x", "kind": "gift", "texts": {"en": {"title": "x"}}}, "kind 'gift'"),
        ({"id": "x", "kind": "offer", "texts": {"fr": {"title": "x"}}}, "language 'fr'"),
        ({"id": "x", "kind": "offer", "texts": {"en": {"title": 3}}}, "must be a string"),
        ({"id": "x", "kind": "offer", "texts": {"en": {}}, "trl": 12}, "trl must be"),
        (
            {"id": "x", "kind": "offer", "texts": {"en": {}}, "facets": {"size": "s"}},
            "facet 'size'",
        ),
        ({"kind": "offer", "texts": {"en": {}}}, "missing 'id'"),
    ],
)
def test_malformed_documents_rejected(record: dict[str, object], message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        Document.from_json(record)


def _ranking(index: Index, text: str) -> list[str]:
    # Scores differ slightly until deleted documents are merged away (BM25 statistics still
    # count them), so compare the ranked ids.
    return [h.id for h in index.search(Query(text, k=20)).hits]


def test_rebuild_equals_incremental(tmp_path: Path) -> None:
    docs = corpus()
    with Index(tmp_path / "inc") as inc, Index(tmp_path / "full") as full:
        inc.add(docs[:3])
        inc.commit()
        inc.add([*docs[3:], Document("tmp", "offer", {"en": {"title": "software"}})])
        inc.delete(["tmp"])
        inc.commit()
        full.rebuild(docs)
        for text in ("软件", "gene editing", "網絡", "robot"):
            assert _ranking(inc, text) == _ranking(full, text)
        assert inc.stats().documents == full.stats().documents == 8


def test_update_replaces_document(tmp_path: Path) -> None:
    with Index(tmp_path / "ix") as ix:
        ix.add([Document("a", "offer", {"en": {"title": "robot arm"}})])
        ix.commit()
        ix.update([Document("a", "offer", {"en": {"title": "laser cutter"}})])
        ix.commit()
        assert [h.id for h in ix.search(Query("robot")).hits] == []
        assert [h.id for h in ix.search(Query("laser")).hits] == ["a"]
        assert ix.stats().documents == 1
    with Index(tmp_path / "ix") as reopened:
        assert reopened.get("a") == Document("a", "offer", {"en": {"title": "laser cutter"}})


_WRITER = """
import sys
from techbridge.engine import Document, Index
ix = Index(sys.argv[1])
ix.add([Document(f"d{i}", "offer", {"en": {"title": f"robot {i}"}}) for i in range(200)])
ix.commit()
print("committed", flush=True)
ix.add([Document(f"e{i}", "offer", {"en": {"title": f"robot arm {i}"}}) for i in range(20000)])
print("committing", flush=True)
ix.commit()
print("done", flush=True)
"""


def test_killed_during_commit_reopens_consistent(tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(_WRITER))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "ix")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "committing":
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Index(tmp_path / "ix") as ix:
        assert ix.stats().documents in (200, 20200)
        assert len(ix.search(Query("robot", k=5)).hits) == 5
        ix.add([Document("z", "offer", {"en": {"title": "laser"}})])
        ix.commit()
        assert [h.id for h in ix.search(Query("laser")).hits] == ["z"]


def test_index_of_an_earlier_format_raises_or_is_replaced(tmp_path: Path) -> None:
    import json

    from techbridge.engine import IndexFormatError
    from techbridge.engine.index.schema import SCHEMA_VERSION

    path = tmp_path / "ix"
    with Index.open(path) as index:
        index.add([Document(id="a", kind="offer", texts={"en": {"title": "Robot arm"}})])
        index.commit()
    current = path / "CURRENT"
    meta = json.loads(current.read_text("utf-8"))
    current.write_text(json.dumps({**meta, "version": SCHEMA_VERSION - 1}), "utf-8")

    with pytest.raises(IndexFormatError, match="rebuild it"):
        Index.open(path)
    with Index.open(path, replace_outdated=True) as index:
        assert index.replaced_outdated
        assert not index.search(Query("robot")).hits
        index.rebuild([Document(id="a", kind="offer", texts={"en": {"title": "Robot arm"}})])
        assert [h.id for h in index.search(Query("robot")).hits] == ["a"]
    with Index.open(path) as index:
        assert not index.replaced_outdated
        assert [h.id for h in index.search(Query("robot")).hits] == ["a"]


def test_document_translation_matches_and_is_explained(tmp_path: Path) -> None:
    """A document is also indexed by its dictionary translation: an English offer matches a
    Chinese word even when the query itself is not translated, and the reason says so."""
    with Index.open(tmp_path / "ix") as index:
        index.rebuild(
            [
                Document(id="us", kind="offer", texts={"en": {"title": "Portable ultrasound"}}),
                Document(id="robot", kind="offer", texts={"en": {"title": "Warehouse robot"}}),
            ]
        )
        result = index.search(Query("超声", translate=False, explain=True))
        assert [hit.id for hit in result.hits] == ["us"]
        matches = {(m.term, m.field, m.via) for m in result.hits[0].matches}
        assert matches == {("超声", "translation", "query")}
