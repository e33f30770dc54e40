# Indicator units and definitions, initiatives' responsible units, meeting locations and
# action items in the three languages. Each existing single-language column becomes the
# English one (renamed, so its values are kept as the English text); the Chinese columns
# start empty and the pages fall back to the other script, then to English.

from django.db import migrations, models


def _trio(model, old, label, max_length=None, text=False, blank_en=True, help_text=""):  # type: ignore[no-untyped-def]
    def field(suffix_label, blank=True, help_text=""):  # type: ignore[no-untyped-def]
        if text:
            return models.TextField(f"{label} ({suffix_label})", blank=blank, help_text=help_text)
        return models.CharField(
            f"{label} ({suffix_label})", max_length=max_length, blank=blank, help_text=help_text
        )

    return [
        migrations.RenameField(model, old, f"{old}_en"),
        migrations.AlterField(
            model, f"{old}_en", field("English", blank=blank_en, help_text=help_text)
        ),
        migrations.AddField(model, f"{old}_zh_hant", field("Traditional Chinese")),
        migrations.AddField(model, f"{old}_zh_hans", field("Simplified Chinese")),
    ]


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_tracker")]

    operations = [
        *_trio("indicator", "definition", "definition", text=True),
        *_trio(
            "indicator",
            "unit",
            "unit",
            max_length=40,
            blank_en=False,
            help_text="e.g. agreements, hours",
        ),
        *_trio("initiative", "hk_unit", "responsible unit in Hong Kong", max_length=200),
        *_trio("initiative", "cq_unit", "responsible unit in Chongqing", max_length=200),
        *_trio("meeting", "location", "location", max_length=200),
        *_trio("actionitem", "description", "action", max_length=300),
        migrations.AddConstraint(
            model_name="actionitem",
            constraint=models.CheckConstraint(
                condition=~models.Q(description_en="")
                | ~models.Q(description_zh_hant="")
                | ~models.Q(description_zh_hans=""),
                name="programme_action_has_a_description",
            ),
        ),
    ]
