"""The node's index follower: applies the search change log to this node's index replica."""

from __future__ import annotations

import threading


def start_follower_thread(stop: threading.Event) -> threading.Thread | None:
    """Start this node's follower in a daemon thread unless another process of the node runs
    it already (at most one per index directory); returns the thread, or None."""
    return None
