"""Need → offer matching beside plain engine search with the need's title, in the same run.

Usage: python benchmarks/matching.py [--needs N]
       python benchmarks/matching.py --demo [--dump PATH] [--var-dir DIR]
       (the hand-judged needs of the demo catalogue: see matching_demo.py)

Offers are real records with their structured field: the NASA software catalogue (title,
description; sector = its subject categories) and the CSL papers (title, abstract; sector =
the discipline). A need is built from one record's tags, as an enterprise would post it:
    NASA: title = its first NLP subject tag, keywords = all its NLP tags, sectors = its
          subject categories → the catalogue entry;
    CSL:  title = its first keyword, keywords = its keyword set, sector = its discipline
          → the paper.
Offers carry no keywords, so a need's tags must meet the offer's own words. Each need has one
relevant offer. Three systems over one index: "plain" (engine search with the need's title),
"need text" (title and keywords, as matching queries, without re-ranking) and "matching"
(the same, re-ranked by structured compatibility exactly as the platform does).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from common import require_data

from techbridge.engine import Document, Index, Query
from techbridge.engine.evaluation import evaluate
from techbridge.engine.matching import MatchProfile, rerank

DEPTH = 100


def nasa_records(data: Path) -> list[dict[str, object]]:
    rows = json.loads((data / "nasa-code-catalog" / "catalog.json").read_text("utf-8"))
    out = []
    for i, row in enumerate(rows):
        tags = [t.removeprefix("nlp:") for t in row.get("Categories_NLP", []) if t]
        subjects = [c for c in row.get("Categories", [])[3:] if c]
        if row.get("Software") and row.get("Description") and tags:
            out.append(
                {
                    "id": f"nasa{i}",
                    "language": "en",
                    "title": row["Software"],
                    "text": row["Description"],
                    "tags": tags,
                    "sectors": subjects,
                }
            )
    return out


def csl_records(data: Path) -> list[dict[str, object]]:
    folder = data / "csl-benchmark"
    discipline = {}
    for name in ("cls_dcp_test.tsv", "cls_dcp_dev.tsv"):
        for line in (folder / name).read_text("utf-8").splitlines():
            _, abstract, label = line.split("\t")
            discipline[abstract] = label
    titles = {}
    for line in (folder / "ts_test.tsv").read_text("utf-8").splitlines():
        _, abstract, title = line.split("\t")
        titles[abstract] = title
    out = []
    for i, line in enumerate((folder / "kg_test.tsv").read_text("utf-8").splitlines()):
        _, abstract, keywords = line.split("\t")
        tags = [k for k in keywords.split("_") if k]
        out.append(
            {
                "id": f"csl{i}",
                "language": "zh-hans",
                "title": titles.get(abstract, ""),
                "text": abstract,
                "tags": tags,
                "sectors": [discipline[abstract]] if abstract in discipline else [],
            }
        )
    return out


def offer_document(record: dict[str, object]) -> Document:
    fields = {"summary": str(record["text"])}
    if record["title"]:
        fields["title"] = str(record["title"])
    return Document(id=str(record["id"]), kind="offer", texts={str(record["language"]): fields})


def profile(record: dict[str, object]) -> MatchProfile:
    return MatchProfile(sectors=frozenset(record["sectors"]))  # type: ignore[arg-type]


def run(records: list[dict[str, object]], needs: list[dict[str, object]], index: Index) -> dict:
    profiles = {str(r["id"]): profile(r) for r in records}
    by_id = {str(n["id"]): n for n in needs}
    qrels = {qid: {qid: 1} for qid in by_id}
    queries = {qid: qid for qid in by_id}

    def engine(text: str, k: int) -> list[tuple[str, float]]:
        result = index.search(Query(text, filters={"kind": ["offer"]}, k=k), highlight=False)
        return [(hit.id, hit.score) for hit in result.hits]

    def plain(qid: str, k: int) -> list[str]:
        tags = by_id[qid]["tags"]
        return [doc_id for doc_id, _ in engine(str(tags[0]), k)]  # type: ignore[index]

    def need_text(qid: str) -> str:
        return " ".join(by_id[qid]["tags"])  # type: ignore[arg-type]  # title = first tag

    def text_only(qid: str, k: int) -> list[str]:
        return [doc_id for doc_id, _ in engine(need_text(qid), k)]

    def matching(qid: str, k: int) -> list[str]:
        need = by_id[qid]
        ranked = rerank(engine(need_text(qid), k), profile(need), profiles, source_is_need=True)
        return [item.id for item in ranked]

    out = {}
    for name, search in (("plain", plain), ("need text", text_only), ("matching", matching)):
        started = time.perf_counter()
        metrics = evaluate(search, queries, qrels, 10)
        metrics["seconds"] = round(time.perf_counter() - started, 1)
        out[name] = metrics
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--needs", type=int, default=500, help="needs per task (seeded sample)")
    parser.add_argument(
        "--demo", action="store_true", help="the hand-judged needs of the demo catalogue instead"
    )
    parser.add_argument("--dump", type=Path, help="with --demo: write each need's top 3 here")
    parser.add_argument(
        "--var-dir", type=Path, help="with --demo: load the demo here and keep it for the next run"
    )
    args = parser.parse_args()
    if args.demo:
        import matching_demo

        matching_demo.run(args.dump, args.var_dir)
        return
    data = require_data()
    nasa, csl = nasa_records(data), csl_records(data)
    rng = random.Random(20261123)
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Path(tmp) / "ix", threads=2)
        started = time.perf_counter()
        index.rebuild(offer_document(r) for r in nasa + csl)
        print(f"indexed {len(nasa) + len(csl)} offers in {time.perf_counter() - started:.1f} s")
        for task, records in (("nasa tags → entry", nasa), ("csl keywords → paper", csl)):
            needs = rng.sample(records, min(args.needs, len(records)))
            results = run(nasa + csl, needs, index)
            print(task, f"({len(needs)} needs)")
            for name, metrics in results.items():
                print(f"  {name:10} {json.dumps(metrics)}")
            base = results["plain"]["ndcg@10"] or 1e-9
            ratio = results["matching"]["ndcg@10"] / base
            print(f"  matching / plain nDCG@10: {ratio:.2f}")
        index.close()


if __name__ == "__main__":
    main()
