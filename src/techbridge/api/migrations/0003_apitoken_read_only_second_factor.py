"""Tokens expire, may be read-only, and record whether a second factor preceded them
(every token has its expiry since 0002)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0002: on PostgreSQL, the table is not altered in the transaction that updated
    # its rows.
    dependencies = [
        ("api", "0002_apitoken_expires_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="read_only",
            field=models.BooleanField(
                default=False,
                help_text="GET, HEAD and OPTIONS requests only.",
                verbose_name="read-only",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="second_factor",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Whether the session that created the token had confirmed a second factor; "
                    "staff tokens without it read and act as an ordinary member's."
                ),
                verbose_name="created after a second factor",
            ),
        ),
    ]
