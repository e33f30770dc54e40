"""Safe defaults: DEBUG is off unless asked for (make's development targets ask), so that
production without a secret key refuses to start; lockout and token lifetime are settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
SETTINGS = (
    "from techbridge.config.settings import base as s;"
    "print(s.DEBUG, s.TECHBRIDGE_LOGIN_MAX_FAILURES, s.TECHBRIDGE_LOGIN_WINDOW_MINUTES,"
    " s.TECHBRIDGE_LOGIN_LOCK_MINUTES, s.TECHBRIDGE_API_TOKEN_DAYS)"
)


def _settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TECHBRIDGE_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", SETTINGS],
        cwd=REPO / "src",
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_any_setting_the_platform_refuses_to_start() -> None:
    """DEBUG defaults off, and off it needs a secret key: nothing starts half-configured."""
    result = _settings()
    assert result.returncode != 0
    assert "TECHBRIDGE_SECRET_KEY must be set when TECHBRIDGE_DEBUG is off" in result.stderr
    assert "use `make run` or set TECHBRIDGE_DEBUG=1" in result.stderr


def test_with_a_secret_key_debug_is_off_by_default() -> None:
    result = _settings(TECHBRIDGE_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "5", "30", "30", "90"]


def test_development_asks_for_debug_and_needs_no_secret_key() -> None:
    result = _settings(TECHBRIDGE_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_lockout_and_token_lifetime_come_from_the_environment() -> None:
    result = _settings(
        TECHBRIDGE_DEBUG="1",
        TECHBRIDGE_LOGIN_MAX_FAILURES="3",
        TECHBRIDGE_LOGIN_WINDOW_MINUTES="10",
        TECHBRIDGE_LOGIN_LOCK_MINUTES="60",
        TECHBRIDGE_API_TOKEN_DAYS="30",
    )
    assert result.stdout.split() == ["True", "3", "10", "60", "30"]
    # The lock time follows the window unless set.
    assert _settings(TECHBRIDGE_DEBUG="1", TECHBRIDGE_LOGIN_WINDOW_MINUTES="15").stdout.split()[
        2:4
    ] == ["15", "15"]
    for name in ("TECHBRIDGE_LOGIN_MAX_FAILURES", "TECHBRIDGE_API_TOKEN_DAYS"):
        wrong = _settings(TECHBRIDGE_DEBUG="1", **{name: "0"})
        assert wrong.returncode != 0
        assert "must be at least 1" in wrong.stderr


def test_make_turns_debug_on_for_the_development_targets_only() -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TECHBRIDGE_")}
    database = subprocess.run(
        ["make", "-p", "-n", "--no-print-directory", "clean"],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    for target in ("setup", "run", "test", "openapi", "check-translations"):
        assert f"{target}: TECHBRIDGE_DEBUG = 1" in database
    assert "serve: TECHBRIDGE_DEBUG" not in database
