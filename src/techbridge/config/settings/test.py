"""Test settings: the base settings, a real SQLite file (or DATABASE_URL), fast hashing."""

from __future__ import annotations

import os

# The base settings default to production (DEBUG off, which needs a secret key and forces
# HTTPS); tests run as a development installation does, as `make run` asks for it.
os.environ.setdefault("TECHBRIDGE_DEBUG", "1")

from techbridge.config.settings.base import *  # noqa: F403
from techbridge.config.settings.base import DATABASES, VAR_DIR

# Argon2 is deliberately slow; tests create hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A real file, not an in-memory database, so WAL and locking behave as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-techbridge.sqlite3")}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "ENQUEUE_ON_COMMIT": True}}

# Each test that searches gets its own index directory (see the ``search_index_dir`` fixture).
SEARCH_INDEX_DIR = VAR_DIR / "test-index"
