"""Django's ``STORAGES`` from the environment: where uploads and deal documents are kept.

``TECHBRIDGE_STORAGE=database`` (the default) keeps files in the platform's database: every
node shares it, and a document commits with its record and audit event.
``TECHBRIDGE_STORAGE=s3`` keeps them in an S3-compatible object store (AWS S3, MinIO, Ceph…)
through django-storages; credentials come from boto3's usual sources (``AWS_ACCESS_KEY_ID``
and ``AWS_SECRET_ACCESS_KEY``, a shared credentials file, or the machine's role), so no secret
passes through the settings.

Both keep the ``default`` alias (uploads) and the ``private`` alias (deal documents) apart
under the prefixes ``uploads/`` and ``private/``. Static files stay on the node: WhiteNoise
serves what collectstatic put under ``STATIC_ROOT``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from techbridge.config.settings.environment import env_str

DATABASE_STORAGE = "techbridge.files.storage.DatabaseStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
STATIC_FILES = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
LOCATIONS = {"default": "uploads", "private": "private"}


def database_storages() -> dict[str, Any]:
    return {
        **{
            alias: {"BACKEND": DATABASE_STORAGE, "OPTIONS": {"location": location}}
            for alias, location in LOCATIONS.items()
        },
        "staticfiles": STATIC_FILES,
    }


def s3_storages(
    *, bucket: str, endpoint_url: str = "", region: str = "", addressing_style: str = ""
) -> dict[str, Any]:
    common = {
        "bucket_name": bucket,
        # Empty means AWS itself; set for MinIO, Ceph or another S3-compatible service.
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        # "path" for services without per-bucket host names (often MinIO); empty lets boto3 pick.
        "addressing_style": addressing_style or None,
        "signature_version": "s3v4",
        # No ACL on upload: objects stay as private as the bucket.
        "default_acl": None,
        # Two uploads with one name get two objects, as on disk, never one overwriting the other.
        "file_overwrite": False,
    }
    return {
        **{
            alias: {"BACKEND": S3_STORAGE, "OPTIONS": {**common, "location": location}}
            for alias, location in LOCATIONS.items()
        },
        "staticfiles": STATIC_FILES,
    }


def storages_from_environment() -> dict[str, Any]:
    choice = env_str("TECHBRIDGE_STORAGE", "database").strip().lower()
    if choice == "database":
        return database_storages()
    if choice == "s3":
        bucket = env_str("TECHBRIDGE_S3_BUCKET").strip()
        if not bucket:
            raise ImproperlyConfigured(
                "TECHBRIDGE_S3_BUCKET must be set when TECHBRIDGE_STORAGE=s3."
            )
        addressing_style = env_str("TECHBRIDGE_S3_ADDRESSING_STYLE").strip().lower()
        if addressing_style not in ("", "auto", "path", "virtual"):
            raise ImproperlyConfigured(
                "TECHBRIDGE_S3_ADDRESSING_STYLE must be 'auto', 'path' or 'virtual', "
                f"got {addressing_style!r}."
            )
        return s3_storages(
            bucket=bucket,
            endpoint_url=env_str("TECHBRIDGE_S3_ENDPOINT_URL").strip(),
            region=env_str("TECHBRIDGE_S3_REGION").strip(),
            addressing_style=addressing_style,
        )
    raise ImproperlyConfigured(f"TECHBRIDGE_STORAGE must be 'database' or 's3', got {choice!r}.")
