"""Copy deal documents an earlier version kept under PRIVATE_UPLOAD_ROOT into the database
storage, when that directory exists and the private alias is the database storage (for an
object store, run ``manage.py import_private_files``)."""

import posixpath
from pathlib import Path

from django.conf import settings
from django.db import migrations

from techbridge.files.legacy import copy_files_below

DATABASE_STORAGE = "techbridge.files.storage.DatabaseStorage"


def import_private_directory(apps, schema_editor):
    private = settings.STORAGES.get("private", {})
    if private.get("BACKEND") != DATABASE_STORAGE:
        return
    location = private.get("OPTIONS", {}).get("location", "").strip("/")
    # The historical model, not techbridge.files.models: this runs against the schema as it
    # is at this point of the migrations.
    stored_files = apps.get_model("files", "StoredFile").objects.using(
        schema_editor.connection.alias
    )

    def key(name):
        return posixpath.join(location, name) if location else name

    def write(name, data):
        stored_files.create(name=key(name), content=data, size=len(data))

    copy_files_below(
        Path(settings.PRIVATE_UPLOAD_ROOT),
        exists=lambda name: stored_files.filter(name=key(name)).exists(),
        write=write,
    )


class Migration(migrations.Migration):
    dependencies = [("files", "0001_stored_file")]

    operations = [
        migrations.RunPython(import_private_directory, migrations.RunPython.noop, elidable=True),
    ]
