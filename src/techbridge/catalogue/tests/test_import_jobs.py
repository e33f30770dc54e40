"""Large imports go to the task worker: the page stores the file and queues a job, shows its
progress, then the same report; the import itself stays all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.bulk.importing import listings_import
from techbridge.catalogue.bulk.jobs import STORAGE_ALIAS, _ProgressWriter, import_job_run
from techbridge.catalogue.bulk.reading import read_rows
from techbridge.catalogue.models import Listing, ListingImportJob

TASK_PATH = "techbridge.catalogue.tasks.listings_import_job_task"


def rows_csv(slug: str, count: int, **changes: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["external_ref", "kind", "owner", "title_en", "summary_en", "trl", "areas"])
    for n in range(count):
        values = {"title_en": f"Sensor {n}", "summary_en": "A washable strain sensor."}
        values.update(changes)
        row = [f"J-{n}", "offer", slug, values["title_en"], values["summary_en"], "5"]
        writer.writerow([*row, "innovation_technology"])
    return out.getvalue().encode()


def upload(client: Client, data: bytes, dry_run: bool = False) -> Any:
    form: dict[str, Any] = {"file": SimpleUploadedFile("big.csv", data)}
    if dry_run:
        form["dry_run"] = "1"
    return client.post("/en/my/listings/import/", form)


@pytest.mark.django_db
def test_a_large_file_is_queued_shown_then_imported_by_the_worker(
    client: Client,
    officer: User,
    outsider: User,
    hk_university: Organisation,
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.TECHBRIDGE_IMPORT_SYNC_ROWS = 3
    client.force_login(officer)
    small = upload(client, rows_csv(hk_university.slug, 3), dry_run=True)
    assert small.status_code == 200 and small.context["report"].dry_run  # still synchronous
    assert not ListingImportJob.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, rows_csv(hk_university.slug, 4))
    job = ListingImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/my/listings/import/?job={job.pk}"
    assert (job.status, job.rows_total, job.rows_done, job.dry_run) == ("queued", 4, 0, False)
    assert storages[STORAGE_ALIAS].exists(job.file_name)
    assert DBTaskResult.objects.get().task_path == TASK_PATH
    assert not Listing.objects.exists()  # nothing written by the request

    waiting = client.get(f"/en/my/listings/import/?job={job.pk}")
    assert waiting.status_code == 200
    page = waiting.content.decode()
    assert "4 rows are waiting to be imported." in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    client.force_login(outsider)
    assert client.get(f"/en/my/listings/import/?job={job.pk}").status_code == 404
    assert client.get("/en/my/listings/import/?job=²").status_code == 404

    assert import_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert job.report is not None
    assert (job.status, job.rows_done, job.report["applied"]) == ("done", 4, True)
    assert sorted(Listing.objects.values_list("external_ref", flat=True)) == [
        "J-0",
        "J-1",
        "J-2",
        "J-3",
    ]
    assert not storages[STORAGE_ALIAS].exists(job.file_name)
    assert import_job_run(job.pk) == "done"  # a finished job is not run again
    assert Listing.objects.count() == 4

    client.force_login(officer)
    done = client.get(f"/en/my/listings/import/?job={job.pk}")
    assert 'http-equiv="refresh"' not in done.content.decode()
    assert [row.action for row in done.context["report"].rows] == ["created"] * 4
    assert "Imported." in done.content.decode()


@pytest.mark.django_db
def test_a_queued_file_with_a_bad_row_imports_nothing_and_reports_in_the_importers_language(
    client: Client,
    officer: User,
    hk_university: Organisation,
    settings: Any,
) -> None:
    settings.TECHBRIDGE_IMPORT_SYNC_ROWS = 1
    client.force_login(officer)
    data = rows_csv(hk_university.slug, 3).replace(b"Sensor 2,", b",")
    response = client.post(
        "/zh-hant/my/listings/import/", {"file": SimpleUploadedFile("b.csv", data)}
    )
    job = ListingImportJob.objects.get()
    assert response.status_code == 302 and job.language == "zh-hant"
    assert import_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert job.report is not None
    assert job.report["applied"] is False
    assert [row["action"] for row in job.report["rows"]] == ["created", "created", "error"]
    assert any("必須填寫標題" in error for error in job.report["rows"][2]["errors"])
    assert not Listing.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_runs_a_queued_import(
    client: Client, officer: User, hk_university: Organisation, settings: Any
) -> None:
    settings.TECHBRIDGE_IMPORT_SYNC_ROWS = 10
    client.force_login(officer)
    response = upload(client, rows_csv(hk_university.slug, 150))
    assert response.status_code == 302
    job = ListingImportJob.objects.get()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert DBTaskResult.objects.get(task_path=TASK_PATH).status == "SUCCESSFUL"
    job.refresh_from_db()
    assert job.report is not None
    assert (job.status, job.rows_done, job.report["applied"]) == ("done", 150, True)
    assert Listing.objects.count() == 150


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_is_visible_while_the_import_transaction_is_open(officer: User) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer: progress is written before and after only")
    job = ListingImportJob.objects.create(
        created_by=officer, file_name="imports/x.csv", file_format="csv", rows_total=150
    )
    progress = _ProgressWriter(job.pk)
    observer = connections.create_connection(connection.alias)
    try:
        with transaction.atomic():  # as the import's own transaction would be
            Listing.objects.filter(pk=-1).update(external_ref="")  # the transaction has begun
            progress.write(100, 150)
            with observer.cursor() as cursor:
                cursor.execute(
                    f"SELECT rows_done FROM {ListingImportJob._meta.db_table} WHERE id = %s",
                    [job.pk],
                )
                assert cursor.fetchone() == (100,)
    finally:
        progress.close()
        observer.close()


HX = {"HX-Request": "true"}


def job_fragment(client: Client, job: ListingImportJob) -> Any:
    return client.get(f"/en/my/listings/import/?job={job.pk}", headers=HX)


@pytest.mark.django_db
def test_htmx_polls_the_progress_fragment_until_the_report_replaces_it(
    client: Client, officer: User, outsider: User, hk_university: Organisation, settings: Any
) -> None:
    settings.TECHBRIDGE_IMPORT_SYNC_ROWS = 3
    client.force_login(officer)
    assert upload(client, rows_csv(hk_university.slug, 5)).status_code == 302
    job = ListingImportJob.objects.get()
    url = f"/en/my/listings/import/?job={job.pk}"

    page = client.get(url).content.decode()
    assert f'hx-get="/en/my/listings/import/?job={job.pk}" hx-trigger="every 1s"' in page

    waiting = job_fragment(client, job)
    fragment = waiting.content.decode()
    assert waiting.status_code == 200 and "HX-Request" in waiting["Vary"]
    assert "no-store" in waiting["Cache-Control"]
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert 'max="5">0 / 5</progress>' in fragment  # no value yet: indeterminate
    assert "5 rows are waiting to be imported." in fragment

    # What the worker records as it goes (on PostgreSQL while the transaction is open).
    ListingImportJob.objects.filter(pk=job.pk).update(status="running", rows_done=3)
    running = job_fragment(client, job).content.decode()
    assert 'max="5" value="3">3 / 5</progress>' in running
    assert "3 of 5 rows checked." in running

    # Anyone else's job is not found, and asking changes nothing.
    before = list(ListingImportJob.objects.values())
    client.force_login(outsider)
    assert job_fragment(client, job).status_code == 404
    assert client.get(url).status_code == 404
    client.logout()
    assert job_fragment(client, job).status_code == 302  # to the login page
    assert list(ListingImportJob.objects.values()) == before
    assert not Listing.objects.exists()

    client.force_login(officer)
    assert import_job_run(job.pk) == "done"
    finished = job_fragment(client, job).content.decode()
    assert "hx-trigger" not in finished and "<progress" not in finished
    assert "Imported." in finished and finished.count("new listing") == 5


@pytest.mark.django_db
def test_a_failed_job_shows_its_problem_in_place_of_the_bar(
    client: Client, officer: User, settings: Any
) -> None:
    job = ListingImportJob.objects.create(
        created_by=officer,
        file_name="imports/gone.csv",
        file_format="csv",
        rows_total=9,
        status="failed",
        problem="The import failed unexpectedly; nothing was imported.",
    )
    client.force_login(officer)
    fragment = job_fragment(client, job).content.decode()
    assert "hx-trigger" not in fragment and "<progress" not in fragment
    assert '<p class="error" role="alert">The import failed unexpectedly' in fragment


@pytest.mark.django_db
def test_the_import_reports_its_progress_as_rows_go_and_ends_with_every_row(
    officer: User, hk_university: Organisation
) -> None:
    seen: list[tuple[int, int]] = []
    rows = read_rows(rows_csv(hk_university.slug, 250), "csv")
    report = listings_import(
        actor=officer, rows=rows, dry_run=False, progress=lambda *n: seen.append(n)
    )
    assert report.applied
    assert seen == [(100, 250), (200, 250), (250, 250)]


@pytest.mark.django_db
def test_the_job_ends_with_every_row_counted(officer: User, hk_university: Organisation) -> None:
    content = rows_csv(hk_university.slug, 120)
    name = storages[STORAGE_ALIAS].save("imports/count.csv", ContentFile(content))
    job = ListingImportJob.objects.create(
        created_by=officer, file_name=name, file_format="csv", rows_total=120
    )
    assert import_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", 120, 120)
    assert job.finished_at is not None
    assert Listing.objects.count() == 120
