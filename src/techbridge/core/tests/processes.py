"""Running management commands as real child processes against this test run's database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.db import connection

# Short heartbeats and a short timeout, so that a killed worker is noticed within seconds.
FAST_HEARTBEATS = {
    "TECHBRIDGE_HEARTBEAT_SECONDS": "1",
    "TECHBRIDGE_HEARTBEAT_TIMEOUT": "2",
    "TECHBRIDGE_TASK_RECOVERY_SECONDS": "1",
}


def child_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a child process using the test database (which the test must
    commit to: ``transaction=True``) and its own ``var/`` directory."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TECHBRIDGE_", "DJANGO_"))
        and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env["DJANGO_SETTINGS_MODULE"] = "techbridge.config.settings.test"
    env["TECHBRIDGE_VAR_DIR"] = str(var_dir)
    env["PYTHONUNBUFFERED"] = "1"
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["TECHBRIDGE_SQLITE_PATH"] = str(db["NAME"])
    else:
        password = f":{quote(str(db['PASSWORD']))}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = (
            f"postgres://{quote(str(db['USER']))}{password}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        )
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start ``manage.py`` with ``args``, its output going to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "django", *args], env=env, stdout=out, stderr=subprocess.STDOUT
        )


def stop(process: subprocess.Popen[bytes], timeout: float = 20) -> int:
    """SIGTERM, then SIGKILL if the process has not exited within ``timeout`` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


def wait_for(
    condition: Callable[[], object], timeout: float, what: str | Callable[[], str]
) -> object:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds,
    saying ``what`` (a callable is read at the failure, e.g. a log written meanwhile)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"timed out after {timeout} s waiting for {said}")
        time.sleep(0.1)
