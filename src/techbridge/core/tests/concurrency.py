"""Running one function in several threads released at the same instant."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def together(threads: int, calls: int, call: Callable[[], T]) -> list[T]:
    """``threads`` threads, released together by a barrier, each making ``calls`` calls (each
    thread on its own database connection); returns every result."""
    barrier = threading.Barrier(threads)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            for _ in range(calls):
                results.append(call())
        except BaseException as error:  # re-raised below rather than lost with the thread
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
    return results
