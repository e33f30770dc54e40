"""Management commands used by `make run`, cron and CI."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from techbridge.accounts.models import User
from techbridge.core.translation_files import catalogue_problems, compile_catalogues

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_admin_created_once_and_login_printed_each_time(tmp_path: Path) -> None:
    with override_settings(VAR_DIR=tmp_path):
        first = _run("ensure_demo_admin")
        second = _run("ensure_demo_admin")
    password = (tmp_path / "demo-admin-password.txt").read_text().strip()
    assert f"admin@demo.techbridge.example  password: {password}" in first
    assert first == second
    admin = User.objects.get(email="admin@demo.techbridge.example")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(password)
    assert User.objects.filter(email="admin@demo.techbridge.example").count() == 1


def test_demo_admin_login_names_the_address_the_site_is_served_at(tmp_path: Path) -> None:
    with override_settings(VAR_DIR=tmp_path):
        default = _run("ensure_demo_admin")
        given = _run("ensure_demo_admin", "--address", "127.0.0.1:8801")
    assert "(site http://127.0.0.1:8000/ , administration http://127.0.0.1:8000/en/admin/;" in (
        default
    )
    assert "(site http://127.0.0.1:8801/ , administration http://127.0.0.1:8801/en/admin/;" in (
        given
    )


def test_the_makefile_tells_the_demo_login_the_served_address() -> None:
    makefile = (Path(__file__).resolve().parents[4] / "Makefile").read_text(encoding="utf-8")
    assert "manage.py ensure_demo_admin --address $(HOST):$(PORT)\n" in makefile
    assert "manage.py rundev $(HOST):$(PORT)\n" in makefile


def test_demo_admin_logs_in_with_the_printed_second_factor_code(tmp_path: Path) -> None:
    from django.test import Client

    with override_settings(VAR_DIR=tmp_path, DEBUG=True):
        _run("ensure_demo_admin")
        code = _run("demo_code").strip()
    password = (tmp_path / "demo-admin-password.txt").read_text().strip()
    client = Client()
    assert (
        client.post(
            "/en/login/", {"username": "admin@demo.techbridge.example", "password": password}
        ).status_code
        == 302
    )
    assert client.post("/en/two-factor/", {"code": code}).status_code == 302
    assert client.get("/en/admin/").status_code == 200
    with override_settings(DEBUG=False), pytest.raises(CommandError):
        _run("demo_code")


def test_listing_lifecycle_command_reports_counts() -> None:
    assert _run("listing_lifecycle").strip() == "notified 0, expired 0"


def _catalogue(tmp_path: Path, entries: list[polib.POEntry]) -> Path:
    for locale in ("zh_Hant", "zh_Hans"):
        folder = tmp_path / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for entry in entries:
            po.append(entry)
        po.save(str(folder / "django.po"))
    return tmp_path


def test_translation_check_finds_empty_fuzzy_and_placeholder_problems(tmp_path: Path) -> None:
    locale_dir = _catalogue(
        tmp_path,
        [
            polib.POEntry(msgid="Draft", msgstr="草稿"),
            polib.POEntry(msgid="Published", msgstr=""),
            polib.POEntry(msgid="Expired", msgstr="過期", flags=["fuzzy"]),
            polib.POEntry(msgid="%(count)d listings", msgstr="項目"),
        ],
    )
    problems = sorted(
        (p.path.parent.parent.name, p.msgid, p.problem) for p in catalogue_problems(locale_dir)
    )
    assert problems == [
        ("zh_Hans", "%(count)d listings", "placeholders differ"),
        ("zh_Hans", "Expired", "fuzzy"),
        ("zh_Hans", "Published", "empty"),
        ("zh_Hant", "%(count)d listings", "placeholders differ"),
        ("zh_Hant", "Expired", "fuzzy"),
        ("zh_Hant", "Published", "empty"),
    ]
    with override_settings(LOCALE_PATHS=[locale_dir]), pytest.raises(CommandError):
        call_command("check_translations", stdout=StringIO(), stderr=StringIO())


def test_compile_writes_mo_files_only_when_needed(tmp_path: Path) -> None:
    locale_dir = _catalogue(tmp_path, [polib.POEntry(msgid="Draft", msgstr="草稿")])
    written = compile_catalogues(locale_dir)
    assert sorted(path.parent.parent.name for path in written) == ["zh_Hans", "zh_Hant"]
    assert compile_catalogues(locale_dir) == []
    assert polib.mofile(str(written[0])).find("Draft").msgstr == "草稿"


def test_project_catalogues_are_complete() -> None:
    assert _run("check_translations").strip() == "translations complete"
