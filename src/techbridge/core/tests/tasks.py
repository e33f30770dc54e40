"""Tasks the worker tests enqueue (module-level, so that a worker process can import them)."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task


@task()
def crash_once(marker: str) -> str:
    """Hangs on its first run, so the test can kill the worker; returns at once after that."""
    path = Path(marker)
    if path.exists():
        return "second run"
    path.write_text("first run started")
    time.sleep(120)
    return "first run"


@task()
def record_call(marker: str) -> str:
    Path(marker).write_text("ran")
    return "ran"


@task()
def heartbeat_names() -> list[str]:
    """What the worker running it sees in the heartbeat table."""
    from techbridge.core.models import ProcessHeartbeat

    return sorted(ProcessHeartbeat.objects.values_list("name", flat=True))
