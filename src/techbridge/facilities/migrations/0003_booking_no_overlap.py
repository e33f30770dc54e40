"""Two approved (or completed) bookings never overlap on one instrument, enforced by the
database: an exclusion constraint on PostgreSQL (btree_gist for the instrument equality),
triggers on SQLite, which has no exclusion constraints."""

from django.db import migrations

OCCUPYING = "('approved', 'completed')"

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE facilities_booking ADD CONSTRAINT facilities_booking_no_overlap
        EXCLUDE USING gist (instrument_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status IN {OCCUPYING})""",
]
POSTGRESQL_BACKWARD = [
    "ALTER TABLE facilities_booking DROP CONSTRAINT facilities_booking_no_overlap",
]


def _sqlite_trigger(event: str) -> str:
    return f"""CREATE TRIGGER facilities_booking_no_overlap_{event.lower()}
        BEFORE {event} ON facilities_booking
        WHEN NEW.status IN {OCCUPYING}
        BEGIN
            SELECT RAISE(ABORT, 'facilities_booking_no_overlap')
            WHERE EXISTS (
                SELECT 1 FROM facilities_booking AS other
                WHERE other.instrument_id = NEW.instrument_id
                  AND other.id IS NOT NEW.id
                  AND other.status IN {OCCUPYING}
                  AND other.starts_at < NEW.ends_at
                  AND NEW.starts_at < other.ends_at
            );
        END"""


SQLITE_FORWARD = [_sqlite_trigger("INSERT"), _sqlite_trigger("UPDATE")]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS facilities_booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS facilities_booking_no_overlap_update",
]


def forward(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("facilities", "0002_booking")]
    operations = [migrations.RunPython(forward, backward)]
