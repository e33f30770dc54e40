"""A storage that resolves its ``STORAGES`` alias when used, not when models load.

A ``FileField`` calls its storage callable once, at import. Returning ``storages["private"]``
there would pin the backend chosen at start-up; this proxy looks the alias up again after the
setting changes (tests switch backends and nodes), like Django's own ``default_storage``.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty

_proxies: list[AliasedStorage] = []


class AliasedStorage(LazyObject):
    def __init__(self, alias: str) -> None:
        # Set through __dict__: LazyObject forwards other attribute writes to the storage.
        self.__dict__["alias"] = alias
        super().__init__()
        _proxies.append(self)

    def _setup(self) -> None:
        self._wrapped = storages[self.alias]


def _forget_backends(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        for proxy in _proxies:
            # What LazyObject's own __setattr__ does for "_wrapped", without its narrow typing.
            proxy.__dict__["_wrapped"] = empty


setting_changed.connect(_forget_backends, dispatch_uid="techbridge.files.aliases")
