"""The indexes core's migration adds to django_tasks_db's table, and their reverse."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db import connection, transaction

pytestmark = pytest.mark.django_db

TABLE = "django_tasks_database_dbtaskresult"
EXPECTED = {
    "core_taskresult_path_status": ["task_path", "status", "enqueued_at"],
    "core_taskresult_status_finished": ["status", "finished_at"],
}


def _indexes() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return {name: info["columns"] for name, info in constraints.items() if name in EXPECTED}


def test_indexes_exist_and_the_migration_reverses_and_reapplies() -> None:
    assert _indexes() == EXPECTED
    operations = import_module("techbridge.core.migrations.0002_task_result_indexes").Migration
    with transaction.atomic():
        with connection.cursor() as cursor:
            for operation in operations.operations:
                cursor.execute(operation.reverse_sql)
            assert _indexes() == {}
            for _ in range(2):  # IF NOT EXISTS: applying twice is harmless
                for operation in operations.operations:
                    cursor.execute(operation.sql)
        assert _indexes() == EXPECTED
        transaction.set_rollback(True)
