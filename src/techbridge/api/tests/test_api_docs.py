"""The interactive API reference (/api/v1/docs/): Swagger UI served from the platform's own
static files, reading the platform's schema; nothing is loaded from another site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from techbridge.accounts.models import User
from techbridge.api.tokens import api_token_create

pytestmark = pytest.mark.django_db


class _Addresses(HTMLParser):
    """Every address the page makes the browser load or follow."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v for k, v in attrs if k in ("src", "href", "action") and v is not None]


def _page(client: Client, **headers: str) -> str:
    response = client.get("/api/v1/docs/", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


def test_the_reference_page_loads_only_local_files(client: Client) -> None:
    page = _page(client)
    parser = _Addresses()
    parser.feed(page)
    assert sorted(parser.found) == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ]
    for address in parser.found:
        assert finders.find(address.removeprefix("/static/")), f"{address} is not shipped"
    # No address on another site anywhere in the page, its inline script included.
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page, re.IGNORECASE)
    # Swagger UI reads the platform's own schema.
    assert '"/api/v1/openapi.json"' in page


def test_collectstatic_gathers_the_files_that_the_page_loads(
    client: Client, tmp_path: Path, settings: Any
) -> None:
    """What production serves (WhiteNoise, from STATIC_ROOT after collectstatic)."""
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    parser = _Addresses()
    parser.feed(_page(client))
    for address in parser.found:
        collected = tmp_path / address.removeprefix("/static/")
        assert collected.stat().st_size > 500, address


def test_the_page_answers_readers_with_and_without_a_token(client: Client, officer: User) -> None:
    secret = api_token_create(user=officer, name="docs")[1]

    def without_csrf_token(page: str) -> str:  # a new one for each answer
        return re.sub(r'(\] = ")[A-Za-z0-9]{32,}(";)', r"\1\2", page)

    with_token = _page(client, Authorization=f"Bearer {secret}")
    assert without_csrf_token(with_token) == without_csrf_token(_page(client))


def test_the_schema_it_reads_describes_every_new_endpoint(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/instruments",
        "/api/v1/instruments/{id}",
        "/api/v1/instruments/{id}/free-slots",
        "/api/v1/bookings",
        "/api/v1/bookings/{id}",
        "/api/v1/bookings/managed",
        "/api/v1/bookings/{id}/approve",
        "/api/v1/bookings/{id}/decline",
        "/api/v1/bookings/{id}/cancel",
        "/api/v1/bookings/{id}/complete",
        "/api/v1/programme/areas",
        "/api/v1/programme/items",
        "/api/v1/programme/items/{reference}",
        "/api/v1/programme/indicators",
    } <= set(paths)
    assert not [path for path in paths if "docs" in path]  # the page itself is no endpoint


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/docs/nothing"])
def test_near_misses_are_the_api_s_404(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
