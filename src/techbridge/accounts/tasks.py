"""Background work on accounts: the retention schedule for personal data."""

from __future__ import annotations

from django_tasks import task

from techbridge.accounts.erasure import retention_purge


@task()
def personal_data_retention_task() -> dict[str, int]:
    """Erase sign-ups never confirmed and forget old access attempts (settings
    ``TECHBRIDGE_RETENTION_*``)."""
    return retention_purge()
