"""Settings read from the environment: databases, production safety, SQLite pragmas."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REPO = Path(__file__).resolve().parents[4]
PRODUCTION_ENV = {
    "TECHBRIDGE_DEBUG": "0",
    "TECHBRIDGE_SECRET_KEY": "k9$Vq2-production-secret-with-enough-length-and-variety-7Hx!",
    "TECHBRIDGE_ALLOWED_HOSTS": "techbridge.example.org",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TECHBRIDGE_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, "DJANGO_SETTINGS_MODULE": "techbridge.config.settings.base", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_is_an_error_when_debug_is_off() -> None:
    result = _manage("check", env={"TECHBRIDGE_DEBUG": "0"})
    assert result.returncode != 0
    assert "TECHBRIDGE_SECRET_KEY must be set" in result.stderr


def test_deploy_check_passes_with_documented_production_environment() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_bad_boolean_is_reported() -> None:
    result = _manage("check", env={"TECHBRIDGE_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "TECHBRIDGE_DEBUG must be a boolean" in result.stderr


def test_database_url_selects_postgresql() -> None:
    code = (
        "import os; os.environ['DATABASE_URL']='postgres://u@db.example:5432/tb';"
        "from techbridge.config.settings import base;"
        "print(base.DATABASES['default']['ENGINE'], base.DATABASES['default']['NAME'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO / "src", capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "tb"]


@pytest.mark.django_db
def test_sqlite_runs_with_wal_foreign_keys_and_immediate_transactions() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings; this run uses " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert str(settings.DATABASES["default"]["TEST"]["NAME"]).endswith(".sqlite3")


@pytest.mark.django_db
def test_postgresql_when_database_url_is_set() -> None:
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL not set: this run uses SQLite")
    assert connection.vendor == "postgresql"
