"""The person's API tokens among their personal data: listed in the download, deleted when
they erase their account (never the secret: only its prefix is kept)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from techbridge.accounts.personal_data import Section, section_add
from techbridge.api.models import ApiToken


def _tokens(user: Any) -> Any:
    return ApiToken.objects.filter(user=user)


def _rows(user: Any) -> list[dict[str, Any]]:
    fields = ("name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    return list(_tokens(user).order_by("created_at").values(*fields))


def register() -> None:
    section_add(Section("api_tokens", _("API tokens"), _rows, erasable=_tokens))
