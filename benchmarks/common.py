"""Shared helpers: where the data lives, BEIR I/O and the peer systems."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import jieba

if TYPE_CHECKING:
    import bm25s

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def require_data() -> Path:
    if not DATA.exists():
        print(f"benchmark skipped: data folder {DATA} not found (expected ../shared/data)")
        sys.exit(0)
    return DATA


def write_beir(
    folder: Path, corpus: list[dict[str, str]], queries: dict[str, str], qrels: dict[str, str]
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for doc in corpus:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(folder / "queries.jsonl", "w", encoding="utf-8") as fh:
        for qid, text in queries.items():
            fh.write(json.dumps({"_id": qid, "text": text}, ensure_ascii=False) + "\n")
    with open(folder / "qrels.tsv", "w", encoding="utf-8") as fh:
        fh.write("query-id\tcorpus-id\tscore\n")
        for qid, did in qrels.items():
            fh.write(f"{qid}\t{did}\t1\n")


_HAN = re.compile(r"[\u4e00-\u9fff]")


def jieba_tokens(text: str) -> list[str]:
    return [t.strip().lower() for t in jieba.lcut(text) if t.strip() and re.search(r"\w", t)]


def bigram_tokens(text: str) -> list[str]:
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[^\W_]+", text.lower()):
        if _HAN.match(run):
            out += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
        else:
            out.append(run)
    return out


Searcher = Callable[[str, int], list[str]]


def bm25s_peer(
    ids: list[str], texts: list[str], tokenize: Callable[[str], list[str]] | None
) -> Searcher:
    """bm25s with its default tokenizer (None) or over pre-computed tokens."""
    import bm25s  # imported where used, so that processes measuring other systems skip numpy

    retriever = bm25s.BM25()
    if tokenize is None:
        retriever.index(
            bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False
        )
    else:
        retriever.index([tokenize(t) for t in texts], show_progress=False)
    return bm25s_searcher(retriever, ids, tokenize)


def bm25s_searcher(
    retriever: bm25s.BM25, ids: Sequence[str], tokenize: Callable[[str], list[str]] | None
) -> Searcher:
    """Top-k search over a built bm25s index; ``tokenize`` as given to :func:`bm25s_peer`."""
    import bm25s

    def search(query: str, k: int) -> list[str]:
        k = min(k, len(ids))
        if tokenize is None:
            q = bm25s.tokenize([query], stopwords="en", show_progress=False)
        else:
            q = [tokenize(query)]
        try:
            docs, _ = retriever.retrieve(q, k=k, show_progress=False)
        except Exception:
            return []
        return [ids[i] for i in docs[0]]

    return search


def fts5_peer(ids: list[str], texts: list[str], tokenize: Callable[[str], list[str]]) -> Searcher:
    """SQLite FTS5 (bm25 rank) over the same space-joined tokens."""
    db = fts5_open(":memory:")
    db.executemany(
        "INSERT INTO d(rowid, body) VALUES (?, ?)",
        ((i, " ".join(tokenize(t))) for i, t in enumerate(texts)),
    )
    return fts5_searcher(db, ids, tokenize)


def fts5_open(path: str) -> sqlite3.Connection:
    """A database with the one FTS5 table the peer uses (``:memory:`` or a file)."""
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE d USING fts5(body, tokenize='unicode61')")
    return db


def fts5_searcher(
    db: sqlite3.Connection, ids: Sequence[str], tokenize: Callable[[str], list[str]]
) -> Searcher:
    """Top-k search over the table made by :func:`fts5_open`: the query's terms OR-ed."""

    def search(query: str, k: int) -> list[str]:
        terms = {t for t in tokenize(query) if re.fullmatch(r"\w+", t)}
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        rows = db.execute(
            "SELECT rowid FROM d WHERE d MATCH ? ORDER BY rank LIMIT ?", (match, k)
        ).fetchall()
        return [ids[r[0]] for r in rows]

    return search
