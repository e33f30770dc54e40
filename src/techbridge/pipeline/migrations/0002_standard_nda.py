from django.db import migrations

from techbridge.pipeline.reference_nda import sync_nda_templates


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    sync_nda_templates(apps, versions=(1,))


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
