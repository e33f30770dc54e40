"""Quality: our engine beside bm25s (default, jieba, bigrams) and SQLite FTS5, same run.

Usage: python benchmarks/quality.py [OUT]   (builds the BEIR folders first)
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from build_beir import build
from common import bigram_tokens, bm25s_peer, fts5_peer, jieba_tokens

from techbridge.engine import Index, Query
from techbridge.engine.evaluation import evaluate, load_corpus, load_qrels, load_queries


def run(folder: Path) -> dict[str, float]:
    corpus_rows = [json.loads(x) for x in (folder / "corpus.jsonl").read_text("utf-8").splitlines()]
    ids = [r["_id"] for r in corpus_rows]
    texts = [f"{r['title']} {r['text']}" for r in corpus_rows]
    queries, qrels = load_queries(folder / "queries.jsonl"), load_qrels(folder / "qrels.tsv")
    systems = {}
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Path(tmp) / "ix", threads=2)
        index.rebuild(load_corpus(folder / "corpus.jsonl"))
        systems["techbridge"] = lambda q, k: [
            h.id for h in index.search(Query(q, k=k), highlight=False).hits
        ]
        systems["bm25s-default"] = bm25s_peer(ids, texts, None)
        systems["bm25s-jieba"] = bm25s_peer(ids, texts, jieba_tokens)
        systems["bm25s-bigram"] = bm25s_peer(ids, texts, bigram_tokens)
        systems["fts5-jieba"] = fts5_peer(ids, texts, jieba_tokens)
        out = {}
        for name, search in systems.items():
            t = time.perf_counter()
            out[name] = evaluate(search, queries, qrels, 10)["ndcg@10"]
            out[name + "-s"] = round(time.perf_counter() - t, 1)
        index.close()
    return out


if __name__ == "__main__":
    default_target = Path(tempfile.gettempdir()) / "techbridge-beir"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_target
    results = {}
    for folder in build(target):
        results[folder.name] = run(folder)
        r = results[folder.name]
        print(folder.name, {k: v for k, v in r.items() if not k.endswith("-s")}, flush=True)
    ours = {k: v["techbridge"] for k, v in results.items()}
    print("ratios (nDCG@10):")
    print("  en->zh / zh->zh monolingual:", round(ours["xquad-en2zh"] / ours["xquad-zh2zh"], 3))
    print("  zh->en / en->en monolingual:", round(ours["xquad-zh2en"] / ours["xquad-en2en"], 3))
    print("  CSL title 繁 / 简:", round(ours["csl-title-hant"] / ours["csl-title"], 3))
    kw = results["csl-keywords"]
    print("  CSL keywords vs bm25s-jieba:", round(kw["techbridge"] / kw["bm25s-jieba"], 3))
    print("  CSL keywords vs bm25s-bigram:", round(kw["techbridge"] / kw["bm25s-bigram"], 3))
