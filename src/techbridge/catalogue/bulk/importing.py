"""Importing listings: every row through the same services as the pages, all or nothing.

Idempotent by ``external_ref``: a row whose reference the owner already used updates that
listing (and changes nothing when identical); a new reference creates a draft. The whole file
runs in one transaction, so a bad row or a crash mid-file leaves nothing behind; a dry run
does the same work and always rolls back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.bulk import columns as C
from techbridge.catalogue.ip_text import IPTextError, parse_ip_rights
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.services import listing_create, listing_update
from techbridge.catalogue.services.inputs import (
    IPRightInput,
    ListingInput,
    TextInput,
    ip_rights_as_input,
)
from techbridge.core.errors import PermissionDenied, ServiceValidationError


@dataclass
class RowResult:
    line: int
    external_ref: str
    action: str = ""  # created / updated / unchanged / error
    reference: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult]
    dry_run: bool
    applied: bool  # False when nothing was written (dry run or errors)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


class _RollBack(Exception):
    pass


# How often (in rows) the progress callback is told; each call may write a row elsewhere.
PROGRESS_EVERY = 100


def listings_import(
    *,
    actor: Any,
    rows: list[tuple[int, dict[str, str]]],
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import ``rows`` in one transaction; ``progress(done, total)`` is called as rows go."""
    results = [RowResult(line, row.get("external_ref", "")) for line, row in rows]
    _refuse_repeated_refs(results)
    known = _listings_by_ref([result.external_ref for result in results])
    owners: dict[str, Organisation | None] = {}
    try:
        with transaction.atomic():
            for done, (result, (_line, row)) in enumerate(zip(results, rows, strict=True), 1):
                if not result.errors:
                    _import_row(actor, row, result, known, owners)
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(rows)):
                    progress(done, len(rows))
            if dry_run or any(result.errors for result in results):
                raise _RollBack
    except _RollBack:
        return ImportReport(results, dry_run=dry_run, applied=False)
    return ImportReport(results, dry_run=dry_run, applied=True)


def _refuse_repeated_refs(results: list[RowResult]) -> None:
    """Two rows with one external_ref would silently merge: both are refused, each naming
    the other's row."""
    lines_of: dict[str, list[int]] = {}
    for result in results:
        if result.external_ref:
            lines_of.setdefault(result.external_ref, []).append(result.line)
    for result in results:
        lines = lines_of.get(result.external_ref, [])
        if len(lines) > 1:
            result.action = "error"
            result.errors.append(
                _("Rows %(rows)s have the same external_ref “%(ref)s”; give each row its own.")
                % {"rows": ", ".join(str(line) for line in lines), "ref": result.external_ref}
            )


def _listings_by_ref(refs: list[str]) -> dict[str, Listing]:
    """The listings the file's references already name, read once, not once per row."""
    wanted = sorted({ref for ref in refs if ref})
    found: dict[str, Listing] = {}
    for start in range(0, len(wanted), 500):  # under SQLite's limit of query parameters
        chunk = wanted[start : start + 500]
        found.update((x.external_ref, x) for x in Listing.objects.filter(external_ref__in=chunk))
    return found


def _import_row(
    actor: Any,
    row: dict[str, str],
    result: RowResult,
    known: dict[str, Listing],
    owners: dict[str, Organisation | None],
) -> None:
    try:
        data = row_to_input(row, owners)
    except ServiceValidationError as error:
        result.action, result.errors = "error", _messages(error)
        return
    if not data.external_ref:
        result.action, result.errors = "error", [_("Give each row an external_ref.")]
        return
    existing = known.get(data.external_ref)
    if existing is not None and existing.owner_id != data.owner.pk:
        existing = None  # another owner's reference: the service refuses it as taken
    if existing is not None and C.IP_RIGHTS_COLUMN not in row:
        # A file without the column (an EEN profile, an older export) leaves them as they are.
        data = replace(data, ip_rights=ip_rights_as_input(existing))
    try:
        with transaction.atomic():  # a refused row leaves the others' work intact
            if existing is None:
                listing = listing_create(actor=actor, data=data)
                result.action = "created"
            else:
                events = ListingEvent.objects.filter(listing=existing).count()
                listing = listing_update(actor=actor, listing=existing, data=data)
                changed = ListingEvent.objects.filter(listing=existing).count() > events
                result.action = "updated" if changed else "unchanged"
    except (ServiceValidationError, PermissionDenied) as error:
        result.action, result.errors = "error", _messages(error)
        return
    except DatabaseError:
        # A value the service let through but the database refuses (too long, out of range):
        # the savepoint above undid the row; the file as a whole will be rolled back.
        result.action = "error"
        result.errors = [_("This row cannot be stored: a value is too long or out of range.")]
        return
    result.reference = listing.reference


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ServiceValidationError) and hasattr(error, "error_dict"):
        return [f"{name}: {m}" for name, ms in error.message_dict.items() for m in ms]
    if isinstance(error, ServiceValidationError):
        return list(error.messages)
    return [str(error) or _("You are not allowed to do this.")]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace("；", ";").split(";") if part.strip())


def row_to_input(
    row: dict[str, str], owners: dict[str, Organisation | None] | None = None
) -> ListingInput:
    """Parse one row (our columns or EEN headings); raises with every problem found.
    ``owners`` caches organisations by slug across the rows of one file."""
    errors: dict[str, list[str]] = {}
    for column, value in row.items():
        if _CONTROL.search(value):
            errors[column] = [_("This cell holds control characters (such as NUL); remove them.")]
    if errors:
        raise ServiceValidationError(errors)
    slug = row.get("owner", "")
    owners = {} if owners is None else owners
    if slug and slug not in owners:
        owners[slug] = Organisation.objects.filter(slug=slug).first()
    owner = owners.get(slug) if slug else None
    if not slug:
        errors["owner"] = [_("Give the owner: the organisation's short name (slug).")]
    elif owner is None:
        errors["owner"] = [_("Unknown organisation: “%(slug)s”.") % {"slug": slug}]
    kind = row.get("kind", "").strip()
    kind = C.EEN_KINDS.get(kind.lower(), kind)
    texts = {}
    for language in C.LANGUAGES:
        values = {name: row.get(f"{name}_{language}", "") for name in C.TEXT_FIELDS}
        if any(values.values()):
            texts[language] = TextInput(**values)
    original = row.get("original_language") or next(iter(texts), "en")
    trl = _trl(row.get("trl", ""), errors)
    price = _price(row.get("price_amount", ""), errors)
    tiers = {}
    for name, default in (("teaser_tier", 0), ("detail_tier", 1)):
        raw = row.get(name, "")
        if raw and not _SMALL_NUMBER.fullmatch(raw):
            errors[name] = [_("Choose a valid disclosure tier.")]
        tiers[name] = int(raw) if _SMALL_NUMBER.fullmatch(raw) else default
    ip_rights = _ip_rights(row.get(C.IP_RIGHTS_COLUMN, ""), errors)
    if errors:
        raise ServiceValidationError(errors)
    assert owner is not None
    ip_status = row.get("ip_status", "") or "none"
    return ListingInput(
        kind=kind,
        owner=owner,
        original_language=original,
        texts=texts,
        areas=_split(row.get("areas", "")),
        partnership_types=tuple(
            C.EEN_PARTNERSHIP.get(p.lower(), p) for p in _split(row.get("partnership_types", ""))
        ),
        keywords=_split(row.get("keywords", "").replace(",", ";")),
        trl=trl,
        ip_status=C.EEN_IP.get(ip_status.lower(), ip_status),
        price_terms=row.get("price_terms", "") or "negotiable",
        price_amount=price,
        currency=row.get("currency", ""),
        is_anonymous=row.get("is_anonymous", "").lower() in ("1", "true", "yes"),
        teaser_tier=tiers["teaser_tier"],
        detail_tier=tiers["detail_tier"],
        external_ref=row.get("external_ref", ""),
        ip_rights=ip_rights,
    )


# ASCII digits only: str.isdigit() accepts "²" and "٣", which int() then refuses.
_SMALL_NUMBER = re.compile(r"[0-9]{1,4}")
# A plain decimal as people and our exports write it; an exponent is allowed but short, so
# "1e999999" is refused here rather than becoming a number no column can hold.
_DECIMAL = re.compile(r"[+-]?[0-9]{1,30}(\.[0-9]{1,30})?([eE][+-]?[0-9]{1,2})?")
# Characters no export format can carry (XLSX refuses them; they break CSV readers).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _price(value: str, errors: dict[str, list[str]]) -> Decimal | None:
    """The price as a Decimal; its range is the service's to judge."""
    value = value.replace(",", "").strip()
    if not value:
        return None
    if not _DECIMAL.fullmatch(value):
        errors["price_amount"] = [_("The price must be a number, such as 1500 or 1500.50.")]
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # cannot happen after the pattern; kept as a guard
        errors["price_amount"] = [_("The price must be a number, such as 1500 or 1500.50.")]
        return None


def _ip_rights(value: str, errors: dict[str, list[str]]) -> tuple[IPRightInput, ...]:
    try:
        return parse_ip_rights(value)
    except IPTextError as error:
        errors[C.IP_RIGHTS_COLUMN] = [str(error)]
        return ()


def _trl(value: str, errors: dict[str, list[str]]) -> int | None:
    value = value.strip()
    if not value:
        return None
    if _SMALL_NUMBER.fullmatch(value):
        return int(value)
    stage = C.EEN_STAGE_LABELS.get(value.lower())
    if stage is None:
        errors["trl"] = [_("Give the TRL as a number from 1 to 9 or an EEN stage of development.")]
        return None
    return C.EEN_STAGE_TO_TRL[stage]
