"""Links in notifications: stored without a language prefix, given the reader's one."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

LANGUAGE_CODES = ("en", "zh-hant", "zh-hans")


def unprefixed(route: str, *args: object) -> str:
    """The path of a page with its language prefix removed ("/deals/12/")."""
    with translation.override("en"):
        path = reverse(route, args=list(args))
    return path.removeprefix("/en")


def in_language(link: str, language: str) -> str:
    language = language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE
    return f"/{language}{link}" if link else f"/{language}/"


def absolute(path: str) -> str:
    """A full address for an e-mail, on the site's public base address."""
    return settings.TECHBRIDGE_SITE_URL.rstrip("/") + path
