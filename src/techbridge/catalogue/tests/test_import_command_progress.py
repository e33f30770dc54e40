"""The import command's progress goes to stderr (a bar in a terminal, a line at each tenth in
a log); stdout stays the row-by-row report."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.tests.test_import_jobs import rows_csv


@pytest.mark.django_db
def test_the_import_command_prints_progress_lines_to_stderr_when_not_in_a_terminal(
    officer: User, hk_university: Organisation, tmp_path: Path
) -> None:
    path = tmp_path / "many.csv"
    path.write_bytes(rows_csv(hk_university.slug, 250))
    out, err = StringIO(), StringIO()
    call_command("import_listings", str(path), "--as", officer.email, stdout=out, stderr=err)
    progress = err.getvalue()
    assert "\r" not in progress and "\x1b" not in progress  # no redraws, no colours
    lines = progress.splitlines()
    assert [re.findall(r"\d+/\d+", line)[0] for line in lines] == ["100/250", "200/250", "250/250"]
    assert all(line.startswith("importing: [") for line in lines)
    report = out.getvalue().splitlines()
    assert len(report) == 251 and report[-1] == "250 row(s) imported"
    assert not any("importing" in line for line in report)
    assert Listing.objects.count() == 250
