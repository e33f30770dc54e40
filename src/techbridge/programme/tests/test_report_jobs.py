"""The annual report's PDF is made by the task worker: the page queues it, shows its progress
phase by phase (polled by htmx), then offers the file — to whoever asked for it only."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import Storage
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import User
from techbridge.accounts.tests.factories import StaffFactory
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.programme.models import ReportJob
from techbridge.programme.report import font_is_installed, report_file
from techbridge.programme.report_jobs import report_job_run
from techbridge.programme.tests.fixtures import YEAR, Programme

pytestmark = pytest.mark.django_db

TASK_PATH = "techbridge.programme.tasks.report_pdf_job_task"
HX = {"HX-Request": "true"}
URL = "/en/programme/report/"
FONT = shutil.which("fc-list") is not None and font_is_installed("WenQuanYi Micro Hei")
needs_font = pytest.mark.skipif(not FONT, reason="no Chinese font (WenQuanYi Micro Hei)")


def secretariat(user: User) -> Client:
    client = Client()
    log_in_verified(client, user)
    return client


@needs_font
def test_the_pdf_is_queued_shown_by_phase_then_downloaded(
    programme: Programme, reviewer: User, private_uploads: Storage
) -> None:
    staff = secretariat(reviewer)
    offer = staff.get(f"{URL}?year={YEAR}&format=pdf")
    assert offer.status_code == 200 and "Content-Disposition" not in offer
    assert f'<input type="hidden" name="year" value="{YEAR}">' in offer.content.decode()
    assert not ReportJob.objects.exists()  # asking for the page queues nothing

    response = staff.post(URL, {"year": str(YEAR)})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}?job={job.pk}"
    assert (job.year, job.language, job.status, job.phase) == (YEAR, "en", "queued", "waiting")
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1

    page = staff.get(f"{URL}?job={job.pk}").content.decode()
    assert f'hx-get="{URL}?job={job.pk}" hx-trigger="every 1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    fragment = staff.get(f"{URL}?job={job.pk}", headers=HX)
    text = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in text
    assert "HX-Request" in fragment["Vary"] and "no-store" in fragment["Cache-Control"]
    assert "Step 1 of 5: Waiting for the worker…" in text
    assert 'max="5" value="0">0 / 5</progress>' in text
    assert staff.get(f"{URL}?job={job.pk}&download=1").status_code == 404  # not made yet

    # What the worker writes as each phase begins (each its own committed update).
    ReportJob.objects.filter(pk=job.pk).update(status="running", phase="printing")
    text = staff.get(f"{URL}?job={job.pk}", headers=HX).content.decode()
    assert "Step 4 of 5: Printing the PDF…" in text
    assert 'max="5" value="3">3 / 5</progress>' in text

    assert report_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.phase, job.problem) == ("done", "finished", "")
    assert private_uploads.exists(job.file_name)
    done = staff.get(f"{URL}?job={job.pk}", headers=HX).content.decode()
    assert "hx-trigger" not in done and "<progress" not in done
    assert f'href="{URL}?job={job.pk}&amp;download=1"' in done

    pdf = staff.get(f"{URL}?job={job.pk}&download=1")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="hk-cq-report-{YEAR}-en.pdf"'
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert report_job_run(job.pk) == "done"  # a finished job is not made again

    # Asking again replaces the finished PDF: its row and its file are gone.
    again = staff.post(URL, {"year": str(YEAR)})
    assert again.status_code == 302
    assert list(ReportJob.objects.values_list("status", flat=True)) == ["queued"]
    assert not private_uploads.exists(job.file_name)


def test_another_persons_job_is_not_found_and_nothing_changes(
    programme: Programme, reviewer: User, officer: User, private_uploads: Storage
) -> None:
    job = ReportJob.objects.create(
        requested_by=reviewer, mechanism=programme.mechanism, year=YEAR, language="en"
    )
    before = list(ReportJob.objects.values())
    colleague = secretariat(StaffFactory.create(email="colleague@platform.example.org"))
    for query in (f"?job={job.pk}", f"?job={job.pk}&download=1", "?job=x", "?job=²"):
        assert colleague.get(URL + query).status_code == 404
        assert colleague.get(URL + query, headers=HX).status_code == 404
    member = Client()
    member.force_login(officer)
    assert member.get(f"{URL}?job={job.pk}", headers=HX).status_code == 403
    assert member.post(URL, {"year": str(YEAR)}).status_code == 403
    assert Client().get(f"{URL}?job={job.pk}").status_code == 302  # to the login page
    assert list(ReportJob.objects.values()) == before
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def test_without_a_chinese_font_nothing_is_queued(
    programme: Programme, reviewer: User, settings: Any
) -> None:
    staff = secretariat(reviewer)
    with override_settings(PROGRAMME_REPORT_FONT="No Such Font 4711"):
        for response in (
            staff.get(f"{URL}?year={YEAR}&format=pdf"),
            staff.post(URL, {"year": str(YEAR)}),
        ):
            assert response.status_code == 503
            assert "the server has no font for Chinese characters" in response.content.decode()
    assert (
        not ReportJob.objects.exists()
        and not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()
    )


def test_a_failed_job_says_why_in_place_of_the_bar(programme: Programme, reviewer: User) -> None:
    job = ReportJob.objects.create(
        requested_by=reviewer,
        mechanism=programme.mechanism,
        year=YEAR,
        language="en",
        status="failed",
        problem="The report could not be made; please try again.",
    )
    text = secretariat(reviewer).get(f"{URL}?job={job.pk}", headers=HX).content.decode()
    assert "hx-trigger" not in text and "<progress" not in text
    assert "The PDF could not be made" in text
    assert "The report could not be made; please try again." in text


@needs_font
def test_the_report_tells_each_phase_as_it_begins(programme: Programme) -> None:
    phases: list[str] = []
    body, _type, _name = report_file(programme.mechanism, YEAR, "en", "pdf", on_phase=phases.append)
    assert phases == ["figures", "layout", "printing"] and body.startswith(b"%PDF")
    phases.clear()
    report_file(programme.mechanism, YEAR, "en", "xlsx", on_phase=phases.append)
    assert phases == ["figures", "layout"]


@needs_font
def test_the_job_records_its_phases_in_the_database_as_it_goes(
    programme: Programme, reviewer: User, private_uploads: Storage
) -> None:
    """Each phase is an update of its own: the row holds it before the phase's work begins."""
    job = ReportJob.objects.create(
        requested_by=reviewer, mechanism=programme.mechanism, year=YEAR, language="zh-hant"
    )
    seen: list[str] = []

    def observe(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if sql.startswith("UPDATE") and ReportJob._meta.db_table in sql:
            seen.append(ReportJob.objects.values_list("phase", flat=True).get(pk=job.pk))
        return result

    with connection.execute_wrapper(observe):
        assert report_job_run(job.pk) == "done"
    assert seen == ["waiting", "figures", "layout", "printing", "storing", "finished"]


def test_the_report_command_prints_its_phases_to_stderr(
    programme: Programme, tmp_path: Path
) -> None:
    out, err = StringIO(), StringIO()
    target = tmp_path / "report.xlsx"
    call_command("annual_report", year=YEAR, format="xlsx", output=target, stdout=out, stderr=err)
    counts = [re.findall(r"\d+/\d+", line)[0] for line in err.getvalue().splitlines()]
    assert counts == ["1/3", "3/3"]  # the layout begun, then the file written
    assert out.getvalue() == f"{target} ({target.stat().st_size} bytes)\n"
