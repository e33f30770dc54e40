"""The process-wide handle on the search index under ``var/index``.

Opening an index loads the segmenter and the bilingual lexicon, which takes a moment, so each
process keeps one handle. The index is derived data: ``manage.py reindex`` rebuilds it from
the database at any time.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.conf import settings

from techbridge.engine import Index

logger = logging.getLogger(__name__)
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
            handle = _handles[path] = Index.open(path, replace_outdated=True)
            if handle.replaced_outdated:
                _rebuild_later(path)
        return handle


def _rebuild_later(path: Path) -> None:
    """An index of an earlier engine version was found (after an upgrade) and replaced by an
    empty one: rebuild it from the database in the background."""
    from techbridge.matching.tasks import index_rebuild_task

    logger.warning("search index at %s was in an earlier format; rebuilding it", path)
    index_rebuild_task.enqueue()


def close_search_index() -> None:
    """Release every handle (tests switching index directories, worker shutdown)."""
    with _lock:
        for handle in _handles.values():
            handle.close()
        _handles.clear()
