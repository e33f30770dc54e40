"""STORAGES from the environment: the database by default, S3-compatible storage on request."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from techbridge.config.settings.storage import storages_from_environment

VARIABLES = (
    "TECHBRIDGE_STORAGE",
    "TECHBRIDGE_S3_BUCKET",
    "TECHBRIDGE_S3_ENDPOINT_URL",
    "TECHBRIDGE_S3_REGION",
    "TECHBRIDGE_S3_ADDRESSING_STYLE",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_files_are_in_the_database_by_default_and_static_files_stay_on_the_node() -> None:
    assert storages_from_environment() == {
        "default": {
            "BACKEND": "techbridge.files.storage.DatabaseStorage",
            "OPTIONS": {"location": "uploads"},
        },
        "private": {
            "BACKEND": "techbridge.files.storage.DatabaseStorage",
            "OPTIONS": {"location": "private"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_s3_takes_its_bucket_endpoint_and_region_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TECHBRIDGE_STORAGE", "S3")
    monkeypatch.setenv("TECHBRIDGE_S3_BUCKET", "techbridge-documents")
    monkeypatch.setenv("TECHBRIDGE_S3_ENDPOINT_URL", "https://minio.example.org")
    monkeypatch.setenv("TECHBRIDGE_S3_REGION", "cn-southwest-1")
    monkeypatch.setenv("TECHBRIDGE_S3_ADDRESSING_STYLE", "path")
    storages = storages_from_environment()
    common = {
        "bucket_name": "techbridge-documents",
        "endpoint_url": "https://minio.example.org",
        "region_name": "cn-southwest-1",
        "addressing_style": "path",
        "signature_version": "s3v4",
        "default_acl": None,
        "file_overwrite": False,
    }
    assert storages["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**common, "location": "uploads"},
    }
    assert storages["private"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**common, "location": "private"},
    }
    assert storages["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_s3_on_aws_needs_only_the_bucket(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TECHBRIDGE_STORAGE", "s3")
    monkeypatch.setenv("TECHBRIDGE_S3_BUCKET", "techbridge-documents")
    options = storages_from_environment()["private"]["OPTIONS"]
    assert (options["endpoint_url"], options["region_name"], options["addressing_style"]) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"TECHBRIDGE_STORAGE": "s3"}, "TECHBRIDGE_S3_BUCKET must be set"),
        ({"TECHBRIDGE_STORAGE": "disk"}, "TECHBRIDGE_STORAGE must be 'database' or 's3'"),
        (
            {
                "TECHBRIDGE_STORAGE": "s3",
                "TECHBRIDGE_S3_BUCKET": "b",
                "TECHBRIDGE_S3_ADDRESSING_STYLE": "dns",
            },
            "TECHBRIDGE_S3_ADDRESSING_STYLE must be",
        ),
    ],
)
def test_a_wrong_setting_fails_at_start_up(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], message: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        storages_from_environment()
