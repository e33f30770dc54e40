"""Deal documents that earlier versions kept on the node's disk (``PRIVATE_UPLOAD_ROOT``,
``var/private`` by default), copied into the storage every node shares.

The names stay what the documents' records hold (``deals/2026/12/….pdf``, relative to the
directory), so the records find their files in the new storage unchanged. The directory is
left as it was: remove it once the copy is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path


def files_below(root: Path) -> Iterator[tuple[str, Path]]:
    """Each regular file below ``root`` with its name relative to it, in name order; nothing
    when the directory does not exist."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def copy_files_below(
    root: Path, *, exists: Callable[[str], bool], write: Callable[[str, bytes], None]
) -> list[str]:
    """Copy every file below ``root`` not yet stored (so running it again copies nothing
    twice); return the names copied. One file is in memory at a time."""
    copied = []
    for name, path in files_below(root):
        if not exists(name):
            write(name, path.read_bytes())
            copied.append(name)
    return copied
