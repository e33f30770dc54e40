"""The ``techbridge`` command: ``techbridge eval`` scores the engine on a BEIR folder.

Runs without Django: it only imports the engine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from techbridge.engine.core import Index
from techbridge.engine.dense import Encoder, SentenceTransformerEncoder
from techbridge.engine.documents import DocumentError, Query
from techbridge.engine.evaluation import InputError, evaluate, load_corpus, load_qrels, load_queries


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="techbridge", description="techbridge search engine")
    commands = parser.add_subparsers(dest="command", required=True)
    ev = commands.add_parser("eval", help="evaluate retrieval on a BEIR-format data set")
    ev.add_argument("--corpus", required=True, type=Path, help="corpus.jsonl")
    ev.add_argument("--queries", required=True, type=Path, help="queries.jsonl")
    ev.add_argument("--qrels", required=True, type=Path, help="qrels TSV with a header")
    ev.add_argument("--k", type=int, default=10, help="cutoff for nDCG, recall and MRR")
    ev.add_argument("--index", type=Path, help="keep the built index here (default: temporary)")
    ev.add_argument("--no-translate", action="store_true", help="disable query translation")
    ev.add_argument(
        "--encoder",
        type=Path,
        metavar="PATH",
        help="a local sentence-transformers model directory, fused with the lexical ranking "
        "(needs requirements/dense.lock; nothing is downloaded)",
    )
    return parser


def _encoder(path: Path | None) -> Encoder | None:
    if path is None:
        return None
    try:
        return SentenceTransformerEncoder(path)
    except FileNotFoundError as exc:
        raise InputError(f"--encoder: {exc}") from None
    except ImportError:
        raise InputError(
            "--encoder needs sentence-transformers: pip install -r requirements/dense.lock"
        ) from None


def run_eval(args: argparse.Namespace) -> dict[str, float | int]:
    """Build an index of the corpus, run every judged query, return the metrics."""
    if args.k < 1:
        raise InputError("--k must be at least 1")
    documents = load_corpus(args.corpus)
    queries = load_queries(args.queries)
    qrels = load_qrels(args.qrels)
    with (
        tempfile.TemporaryDirectory(prefix="techbridge-eval-") as tmp,
        Index(
            args.index or Path(tmp) / "index", threads=2, encoder=_encoder(args.encoder)
        ) as index,
    ):
        index.rebuild(documents)

        def search(text: str, depth: int) -> list[str]:
            query = Query(text, k=depth, translate=not args.no_translate)
            return [hit.id for hit in index.search(query, highlight=False).hits]

        return evaluate(search, queries, qrels, args.k)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    args = _parser().parse_args(argv)
    try:
        result = run_eval(args)
    except (InputError, DocumentError) as exc:
        print(f"techbridge eval: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
