"""Build BEIR folders from ../shared/data (XQuAD, CSL, NASA), others mixed in as distractors.

Usage: python benchmarks/build_beir.py [OUT]   (default OUT: <tmp>/techbridge-beir)
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import opencc
from common import require_data, write_beir


def load_sources(data: Path) -> dict[str, object]:
    xq = {
        lang: json.loads((data / "xquad-en-zh" / f"xquad.{lang}.json").read_text("utf-8"))
        for lang in ("en", "zh")
    }
    paras: dict[str, list[tuple[str, list[str]]]] = {"en": [], "zh": []}
    for lang, blob in xq.items():
        for article in blob["data"]:
            for p in article["paragraphs"]:
                paras[lang].append((p["context"], [q["question"] for q in p["qas"]]))
    csl = []
    ts = (data / "csl-benchmark" / "ts_test.tsv").read_text("utf-8").splitlines()
    kg = (data / "csl-benchmark" / "kg_test.tsv").read_text("utf-8").splitlines()
    for a, b in zip(ts, kg, strict=True):
        _, abstract, title = a.split("\t")
        keywords = b.split("\t")[2].replace("_", " ")
        csl.append((title, abstract, keywords))
    nasa = [
        (d.get("Software", ""), d.get("Description", ""))
        for d in json.loads((data / "nasa-code-catalog" / "catalog.json").read_text("utf-8"))
    ]
    return {"xquad": paras, "csl": csl, "nasa": [n for n in nasa if n[0] and n[1]]}


def build(out: Path) -> list[Path]:
    src = load_sources(require_data())
    paras, csl, nasa = src["xquad"], src["csl"], src["nasa"]  # type: ignore[index]
    distract = {
        "csl": [{"_id": f"csl{i}", "title": t, "text": a} for i, (t, a, _) in enumerate(csl)],
        "nasa": [{"_id": f"nasa{i}", "title": t, "text": d} for i, (t, d) in enumerate(nasa)],
        "xq-en": [
            {"_id": f"xen{i}", "title": "", "text": c} for i, (c, _) in enumerate(paras["en"])
        ],
        "xq-zh": [
            {"_id": f"xzh{i}", "title": "", "text": c} for i, (c, _) in enumerate(paras["zh"])
        ],
    }
    to_hk = opencc.OpenCC("s2hk.json")
    tasks: dict[str, tuple[list[dict[str, str]], dict[str, str], dict[str, str]]] = {}
    for qlang, dlang in (("en", "zh"), ("zh", "en"), ("zh", "zh"), ("en", "en")):
        queries, qrels = {}, {}
        for i, (_, questions) in enumerate(paras[qlang]):
            for j, q in enumerate(questions):
                queries[f"q{i}_{j}"] = q
                qrels[f"q{i}_{j}"] = f"x{dlang}{i}"
        corpus = distract[f"xq-{dlang}"] + distract["csl"] + distract["nasa"]
        tasks[f"xquad-{qlang}2{dlang}"] = (corpus, queries, qrels)
    abstracts = [{"_id": f"csl{i}", "title": "", "text": a} for i, (_, a, _) in enumerate(csl)]
    others = distract["xq-zh"] + distract["xq-en"] + distract["nasa"]
    titles = {f"t{i}": t for i, (t, _, _) in enumerate(csl)}
    tasks["csl-title"] = (abstracts + others, titles, {f"t{i}": f"csl{i}" for i in range(len(csl))})
    tasks["csl-title-hant"] = (
        abstracts + others,
        {k: to_hk.convert(v) for k, v in titles.items()},
        tasks["csl-title"][2],
    )
    tasks["csl-keywords"] = (
        distract["csl"] + others[: -len(nasa)] + distract["nasa"],
        {f"k{i}": k for i, (_, _, k) in enumerate(csl)},
        {f"k{i}": f"csl{i}" for i in range(len(csl))},
    )
    nasa_docs = [{"_id": f"nasa{i}", "title": "", "text": d} for i, (_, d) in enumerate(nasa)]
    tasks["nasa-title"] = (
        nasa_docs + distract["csl"] + distract["xq-en"] + distract["xq-zh"],
        {f"n{i}": t for i, (t, _) in enumerate(nasa)},
        {f"n{i}": f"nasa{i}" for i in range(len(nasa))},
    )
    folders = []
    for name, (corpus, queries, qrels) in tasks.items():
        write_beir(out / name, corpus, queries, qrels)
        folders.append(out / name)
    return folders


if __name__ == "__main__":
    default_target = Path(tempfile.gettempdir()) / "techbridge-beir"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_target
    for folder in build(target):
        print(folder)
