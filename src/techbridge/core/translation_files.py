"""Compile and check the message catalogues with polib, so that neither a fresh machine
without GNU gettext nor CI needs more than Python to use and verify the translations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

REQUIRED_LOCALES = ("zh_Hant", "zh_Hans")


@dataclass(frozen=True)
class CatalogueProblem:
    path: Path
    line: int
    msgid: str
    problem: str


def catalogue_paths(locale_dir: Path) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(locale_dir: Path) -> list[Path]:
    """Write a .mo beside every .po whose .mo is missing or older; return the written files."""
    written = []
    for po_path in catalogue_paths(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def catalogue_problems(locale_dir: Path) -> list[CatalogueProblem]:
    """Every missing catalogue, empty translation, fuzzy entry or broken placeholder."""
    problems: list[CatalogueProblem] = []
    for locale in REQUIRED_LOCALES:
        for domain in ("django",):
            path = locale_dir / locale / "LC_MESSAGES" / f"{domain}.po"
            if not path.exists():
                problems.append(CatalogueProblem(path, 0, "", "catalogue missing"))
    for path in catalogue_paths(locale_dir):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                problems.append(CatalogueProblem(path, entry.linenum, entry.msgid, "fuzzy"))
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            )
            if not translations or any(not text.strip() for text in translations):
                problems.append(CatalogueProblem(path, entry.linenum, entry.msgid, "empty"))
                continue
            for text in translations:
                if _placeholders(entry.msgid) != _placeholders(text):
                    problems.append(
                        CatalogueProblem(path, entry.linenum, entry.msgid, "placeholders differ")
                    )
    return problems


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}", text))
