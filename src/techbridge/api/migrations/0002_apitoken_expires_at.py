"""Tokens expire (the required field follows in 0003).

Existing tokens get a full lifetime (TECHBRIDGE_API_TOKEN_DAYS) from the upgrade rather than
from their creation, so that no integration stops without warning the moment this is deployed;
they are recorded as created without a second factor, since nobody knows (staff re-create
theirs to read confidential detail again).
"""

from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def give_existing_tokens_a_lifetime(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    expires_at = timezone.now() + timedelta(days=settings.TECHBRIDGE_API_TOKEN_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires_at)


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_api_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(give_existing_tokens_a_lifetime, migrations.RunPython.noop),
    ]
