"""The process-wide handle on this node's search index (``var/index`` by default).

Opening an index loads the segmenter and the bilingual lexicon, which takes a moment, so each
process keeps one handle. The index is derived data, a replica of the database kept current by
the node's follower (``techbridge.matching.follower``): an index of an earlier format, or one
whose directory was deleted, is replaced by an empty one without a checkpoint, which the
follower rebuilds from a snapshot; until then search treats it as untrusted.
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


class IndexUnavailable(RuntimeError):
    """This node has no index yet (its follower is creating it)."""


def search_index(create: bool = True) -> Index:
    """This node's index. Readers pass ``create=False``: creating an index is the follower's
    job, and two processes creating one directory at once would trip over each other."""
    path = index_path()
    with _lock:
        handle = _handles.get(path)
        if handle is not None and not (path / "CURRENT").exists():
            # The directory was deleted under us (an operator resetting the node).
            handle.close()
            del _handles[path]
            handle = None
        if handle is None:
            if not create and not (path / "CURRENT").exists():
                raise IndexUnavailable(str(path))
            path.mkdir(parents=True, exist_ok=True)
            handle = _handles[path] = Index.open(path, replace_outdated=True)
            if handle.replaced_outdated:
                logger.warning("search index at %s was in an earlier format; replaced", path)
        return handle


def close_search_index() -> None:
    """Release every handle (tests switching index directories, worker shutdown)."""
    with _lock:
        for handle in _handles.values():
            handle.close()
        _handles.clear()
