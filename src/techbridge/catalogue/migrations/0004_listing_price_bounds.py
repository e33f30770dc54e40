"""Bound listing prices to what their column can hold, and refuse control characters in
listing texts (validators only: no schema change for those).

A price at or above 10^12 could be stored by SQLite (never by PostgreSQL, whose numeric(14, 2)
refuses it) and then not be read back: every page and export showing it failed. Such a price is
unreadable already, so it is cleared before the constraint is added; the listing keeps its
price terms and currency and its owner can enter the price again.
"""

from decimal import Decimal

from django.db import migrations, models

import techbridge.core.bounds


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_confidential_view"),
    ]

    operations = [
        migrations.RunSQL(
            # Raw SQL: reading such a row through the ORM is exactly what fails.
            "UPDATE catalogue_listing SET price_amount = NULL "
            "WHERE price_amount >= 1000000000000 OR price_amount <= -1000000000000",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="listing",
            name="external_ref",
            field=models.CharField(
                blank=True,
                help_text="The identifier in the system this listing was imported from.",
                max_length=80,
                validators=[techbridge.core.bounds.TextSafetyValidator(multiline=False)],
                verbose_name="external reference",
            ),
        ),
        migrations.AlterField(
            model_name="listingtext",
            name="advantages",
            field=models.TextField(
                blank=True,
                validators=[techbridge.core.bounds.TextSafetyValidator()],
                verbose_name="advantages and innovations",
            ),
        ),
        migrations.AlterField(
            model_name="listingtext",
            name="description",
            field=models.TextField(
                blank=True,
                validators=[techbridge.core.bounds.TextSafetyValidator()],
                verbose_name="description",
            ),
        ),
        migrations.AlterField(
            model_name="listingtext",
            name="requirements",
            field=models.TextField(
                blank=True,
                validators=[techbridge.core.bounds.TextSafetyValidator()],
                verbose_name="partner sought / requirements",
            ),
        ),
        migrations.AlterField(
            model_name="listingtext",
            name="summary",
            field=models.TextField(
                max_length=1500,
                validators=[techbridge.core.bounds.TextSafetyValidator()],
                verbose_name="summary",
            ),
        ),
        migrations.AlterField(
            model_name="listingtext",
            name="title",
            field=models.CharField(
                max_length=300,
                validators=[techbridge.core.bounds.TextSafetyValidator(multiline=False)],
                verbose_name="title",
            ),
        ),
        migrations.AddConstraint(
            model_name="listing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("price_amount__isnull", True),
                    ("price_amount__lt", Decimal("1000000000000")),
                    _connector="OR",
                ),
                name="catalogue_listing_price_within_digits",
            ),
        ),
    ]
