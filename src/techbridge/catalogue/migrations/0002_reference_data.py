"""Load the reference data: mechanisms, areas, TRL crosswalk, partnership types, sectors and
real institutions. Safe to run again through ``manage.py sync_reference_data``."""

from django.db import migrations


def load(apps, schema_editor):
    from techbridge.core.reference_sync import sync_reference_data

    sync_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("accounts", "0001_initial"),
        ("programme", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
