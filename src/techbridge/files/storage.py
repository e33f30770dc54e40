"""A Django storage backend that keeps files in the platform's database.

Why the database: every node of a deployment shares it, so a document uploaded through one
node downloads through any other, and nothing lives on a node's disk. Writes go through the
ORM on the caller's connection, so a file is part of the caller's transaction: a document
row, its content and its audit event commit together or not at all.

Files are read and written whole; that suits documents capped at 20 MB
(``TECHBRIDGE_MAX_DOCUMENT_BYTES``), not video.
"""

from __future__ import annotations

import posixpath
from datetime import datetime

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.deconstruct import deconstructible

from techbridge.files.models import StoredFile


@deconstructible(path="techbridge.files.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    """Files as ``StoredFile`` rows, named ``<location>/<name>``.

    ``location`` keeps the aliases apart in the one table (``uploads/…``, ``private/…``) the
    way directories do on disk. Nothing is served from a URL: files reach readers only through
    views that authorise them.
    """

    def __init__(self, location: str = "") -> None:
        self.location = location.strip("/")

    def _key(self, name: str) -> str:
        path = posixpath.normpath(str(name).replace("\\", "/"))
        if path == ".":
            path = ""
        if path.startswith("/") or path == ".." or path.startswith("../"):
            raise SuspiciousFileOperation(f"Path {name!r} is outside the storage.")
        if not self.location:
            return path
        return posixpath.join(self.location, path) if path else self.location

    def _stored(self, name: str) -> QuerySet[StoredFile]:
        return StoredFile.objects.filter(name=self._key(name))

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode != "rb":
            raise ValueError("Stored files open only as 'rb'; save() writes them.")
        content = self._stored(name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(f"No stored file named {name!r}.")
        return ContentFile(bytes(content), name=name)

    def _save(self, name: str, content: File) -> str:
        data = b"".join(
            chunk if isinstance(chunk, bytes) else str(chunk).encode() for chunk in content.chunks()
        )
        while True:
            try:
                # A savepoint: if a concurrent upload took the name since get_available_name()
                # looked, the caller's transaction stays usable and we pick another name, as
                # FileSystemStorage does when its exclusive create fails.
                with transaction.atomic():
                    StoredFile.objects.create(name=self._key(name), content=data, size=len(data))
                return name
            except IntegrityError:
                if not self.exists(name):
                    raise
                name = self.get_available_name(name)

    def exists(self, name: str) -> bool:
        return self._stored(name).exists()

    def delete(self, name: str) -> None:
        if not name:
            raise ValueError("The name must be given to delete().")
        # Like the other backends: deleting what is not there is not an error.
        self._stored(name).delete()

    def size(self, name: str) -> int:
        size = self._stored(name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(f"No stored file named {name!r}.")
        return size

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = self._key(path)
        prefix = f"{prefix}/" if prefix else ""
        directories: set[str] = set()
        files: list[str] = []
        names = StoredFile.objects.filter(name__startswith=prefix).values_list("name", flat=True)
        for key in names:
            # SQLite's LIKE ignores case; the prefix must match exactly, as on a POSIX disk.
            if not key.startswith(prefix):
                continue
            head, separator, _rest = key[len(prefix) :].partition("/")
            if separator:
                directories.add(head)
            else:
                files.append(head)
        return sorted(directories), sorted(files)

    def get_created_time(self, name: str) -> datetime:
        created = self._stored(name).values_list("created_at", flat=True).first()
        if created is None:
            raise FileNotFoundError(f"No stored file named {name!r}.")
        return created

    # A stored file is never changed after it is written.
    get_modified_time = get_created_time

    def url(self, name: str | None) -> str:
        raise NotImplementedError(
            "Files in the database are never served from a URL; "
            "a view that authorises the reader streams them."
        )
