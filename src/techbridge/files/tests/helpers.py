"""Helpers for tests that look into a storage, whatever its backend."""

from __future__ import annotations

import posixpath

from django.core.files.storage import Storage


def stored_names(storage: Storage, path: str = "") -> list[str]:
    """Every file's name below ``path``, walked through ``listdir`` as a caller would."""
    directories, files = storage.listdir(path)
    names = [posixpath.join(path, name) for name in files]
    for directory in directories:
        names += stored_names(storage, posixpath.join(path, directory))
    return sorted(names)
