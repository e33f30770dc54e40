"""Links to the current page in each of the platform's languages."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()

NATIVE_NAMES = {"en": "English", "zh-hant": "繁體中文", "zh-hans": "简体中文"}


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    request = context.get("request")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path() if request is not None else "/"
    return [
        {
            "code": code,
            "name": NATIVE_NAMES.get(code, code),
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _label in settings.LANGUAGES
    ]
