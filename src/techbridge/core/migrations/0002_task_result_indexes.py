"""Indexes on django_tasks_db's result table for the queries this project runs on it.

The scheduler asks every minute, per periodic task, whether a run is waiting or running
(task_path, status) and when the last was enqueued (enqueued_at); worker recovery looks for
RUNNING rows and the periodic prune for finished rows by age (status, finished_at). The table
belongs to another app, so the indexes are plain SQL that both SQLite and PostgreSQL accept,
and the migration state is left alone.
"""

from django.db import migrations

TABLE = "django_tasks_database_dbtaskresult"
INDEXES = {
    "core_taskresult_path_status": "task_path, status, enqueued_at",
    "core_taskresult_status_finished": "status, finished_at",
}


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_process_heartbeat"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
