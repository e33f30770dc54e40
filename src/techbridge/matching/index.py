"""The process-wide handle on the search index under ``var/index``.

Opening an index loads the segmenter and the bilingual lexicon, which takes a moment, so each
process keeps one handle. The index is derived data: ``manage.py reindex`` rebuilds it from
the database at any time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from techbridge.engine import Index

_lock = threading.Lock()
_handles: dict[Path, Index] = {}


def index_path() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def search_index() -> Index:
    path = index_path()
    with _lock:
        handle = _handles.get(path)
        if handle is None:
            path.mkdir(parents=True, exist_ok=True)
            handle = _handles[path] = Index.open(path)
        return handle


def close_search_index() -> None:
    """Release every handle (tests switching index directories, worker shutdown)."""
    with _lock:
        for handle in _handles.values():
            handle.close()
        _handles.clear()
