# An instrument's location, capabilities and IP and data terms in the three languages. Each
# existing column becomes the English one (renamed, so its values are kept as the English
# text); the Chinese columns start empty and the pages fall back to the other script, then
# to English. Only the instrument table changes, so the bookings' no-overlap triggers stay.

from django.db import migrations, models


def _trio(old, label, text, help_text=""):  # type: ignore[no-untyped-def]
    def field(suffix_label, help_text=""):  # type: ignore[no-untyped-def]
        if text:
            return models.TextField(f"{label} ({suffix_label})", blank=True, help_text=help_text)
        return models.CharField(f"{label} ({suffix_label})", max_length=200, blank=True)

    return [
        migrations.RenameField("instrument", old, f"{old}_en"),
        migrations.AlterField("instrument", f"{old}_en", field("English", help_text)),
        migrations.AddField("instrument", f"{old}_zh_hant", field("Traditional Chinese")),
        migrations.AddField("instrument", f"{old}_zh_hans", field("Simplified Chinese")),
    ]


class Migration(migrations.Migration):
    dependencies = [("facilities", "0004_booking_snapshot")]

    operations = [
        *_trio("location", "location", text=False),
        *_trio("capabilities", "capabilities", text=True),
        *_trio(
            "results_terms",
            "IP and data terms for results",
            text=True,
            help_text="Who owns results and data produced on this instrument.",
        ),
    ]
