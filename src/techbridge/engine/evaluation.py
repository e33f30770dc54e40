"""BEIR-format loading and the standard ranking metrics.

Formats (Thakur et al., NeurIPS 2021 Datasets track): corpus JSONL ``{"_id", "title", "text"}``
(optional ``"language"``), queries JSONL ``{"_id", "text"}``, qrels TSV with header
``query-id corpus-id score``. Metrics follow trec_eval: nDCG with linear gains and log2
discounts (Järvelin & Kekäläinen 2002), recall at a cutoff, and reciprocal rank of the first
relevant result.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from techbridge.engine.documents import LANGUAGES, Document
from techbridge.engine.text.normalize import detect_language


class InputError(ValueError):
    """Malformed evaluation input; the message names the file and line."""


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        yield number, record


def _text(path: Path, number: int, record: Mapping[str, object], key: str) -> str:
    value = record.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"{path}:{number}: {key!r} must be a string")
    return value


def load_corpus(path: Path) -> list[Document]:
    """Corpus lines as documents; the language is given or detected per record."""
    out: list[Document] = []
    seen: set[str] = set()
    for number, record in _json_lines(path):
        doc_id = record.get("_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{path}:{number}: missing or non-string '_id'")
        if doc_id in seen:
            raise InputError(f"{path}:{number}: duplicate '_id' {doc_id!r}")
        seen.add(doc_id)
        title, text = _text(path, number, record, "title"), _text(path, number, record, "text")
        language = record.get("language") or detect_language(f"{title} {text}")
        if language not in LANGUAGES:
            raise InputError(f"{path}:{number}: language {language!r} is not en/zh-hant/zh-hans")
        out.append(
            Document(
                id=doc_id,
                kind="other",
                texts={str(language): {"title": title, "description": text}},
            )
        )
    return out


def load_queries(path: Path) -> dict[str, str]:
    """Query id → text."""
    out: dict[str, str] = {}
    for number, record in _json_lines(path):
        query_id = record.get("_id")
        if not isinstance(query_id, str) or not query_id:
            raise InputError(f"{path}:{number}: missing or non-string '_id'")
        out[query_id] = _text(path, number, record, "text")
    return out


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    """Query id → {document id: graded relevance}; the header line is required."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not lines or lines[0].split("\t") != ["query-id", "corpus-id", "score"]:
        raise InputError(f"{path}:1: expected the header 'query-id<TAB>corpus-id<TAB>score'")
    out: dict[str, dict[str, int]] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise InputError(f"{path}:{number}: expected 3 tab-separated columns")
        try:
            score = int(cells[2])
        except ValueError:
            raise InputError(f"{path}:{number}: score {cells[2]!r} is not an integer") from None
        out.setdefault(cells[0], {})[cells[1]] = score
    return out


def ndcg(ranking: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    """nDCG@k with linear gains."""
    dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranking[:k]))
    ideal = sorted((g for g in relevant.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranking: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    """Share of relevant documents found in the top k."""
    wanted = {d for d, g in relevant.items() if g > 0}
    return len(wanted & set(ranking[:k])) / len(wanted) if wanted else 0.0


def mrr(ranking: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    """Reciprocal rank of the first relevant document within the top k."""
    for i, d in enumerate(ranking[:k]):
        if relevant.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def evaluate(
    search: Callable[[str, int], list[str]],
    queries: Mapping[str, str],
    qrels: Mapping[str, Mapping[str, int]],
    k: int = 10,
) -> dict[str, float | int]:
    """Mean metrics over the queries that have relevance judgements."""
    depth = max(k, 100)
    totals = {f"ndcg@{k}": 0.0, f"recall@{k}": 0.0, "recall@100": 0.0, f"mrr@{k}": 0.0}
    judged = [q for q in queries if any(g > 0 for g in qrels.get(q, {}).values())]
    for query_id in judged:
        ranking = search(queries[query_id], depth)
        relevant = qrels[query_id]
        totals[f"ndcg@{k}"] += ndcg(ranking, relevant, k)
        totals[f"recall@{k}"] += recall(ranking, relevant, k)
        totals["recall@100"] += recall(ranking, relevant, 100)
        totals[f"mrr@{k}"] += mrr(ranking, relevant, k)
    n = len(judged) or 1
    result: dict[str, float | int] = {name: round(v / n, 4) for name, v in totals.items()}
    result["queries"] = len(judged)
    return result
