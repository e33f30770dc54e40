"""techbridge search engine: trilingual, cross-script and cross-lingual retrieval.

Framework-free (no Django). Public surface::

    from techbridge.engine import Document, Index, Query

    with Index("var/index") as index:
        index.add([Document(id="o1", kind="offer", texts={"en": {"title": "Gene editing"}})])
        index.commit()
        result = index.search(Query("基因编辑", explain=True))
"""

from techbridge.engine.core import Index
from techbridge.engine.dense import Encoder, reciprocal_rank_fusion
from techbridge.engine.documents import (
    FACETS,
    LANGUAGES,
    Document,
    DocumentError,
    Highlight,
    Hit,
    IndexStats,
    Language,
    Query,
    SearchResult,
    TermMatch,
)
from techbridge.engine.index.search import QueryError
from techbridge.engine.index.store import IndexFormatError

__all__ = [
    "FACETS",
    "LANGUAGES",
    "Document",
    "DocumentError",
    "Encoder",
    "Highlight",
    "Hit",
    "Index",
    "IndexFormatError",
    "IndexStats",
    "Language",
    "Query",
    "QueryError",
    "SearchResult",
    "TermMatch",
    "reciprocal_rank_fusion",
]
