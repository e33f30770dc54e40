"""Importing listings: every row through the same services as the pages, all or nothing.

Idempotent by ``external_ref``: a row whose reference the owner already used updates that
listing (and changes nothing when identical); a new reference creates a draft. The whole file
runs in one transaction, so a bad row or a crash mid-file leaves nothing behind; a dry run
does the same work and always rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.bulk import columns as C
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.catalogue.services import listing_create, listing_update
from techbridge.catalogue.services.inputs import ListingInput, TextInput
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


def listings_import(
    *, actor: Any, rows: list[tuple[int, dict[str, str]]], dry_run: bool
) -> ImportReport:
    results = [RowResult(line, row.get("external_ref", "")) for line, row in rows]
    try:
        with transaction.atomic():
            for result, (_line, row) in zip(results, rows, strict=True):
                _import_row(actor, row, result)
            if dry_run or any(result.errors for result in results):
                raise _RollBack
    except _RollBack:
        return ImportReport(results, dry_run=dry_run, applied=False)
    return ImportReport(results, dry_run=dry_run, applied=True)


def _import_row(actor: Any, row: dict[str, str], result: RowResult) -> None:
    try:
        data = row_to_input(row)
    except ServiceValidationError as error:
        result.action, result.errors = "error", _messages(error)
        return
    if not data.external_ref:
        result.action, result.errors = "error", [_("Give each row an external_ref.")]
        return
    existing = Listing.objects.filter(owner=data.owner, external_ref=data.external_ref).first()
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
    result.reference = listing.reference


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ServiceValidationError) and hasattr(error, "error_dict"):
        return [f"{name}: {m}" for name, ms in error.message_dict.items() for m in ms]
    if isinstance(error, ServiceValidationError):
        return list(error.messages)
    return [str(error) or _("You are not allowed to do this.")]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace("；", ";").split(";") if part.strip())


def row_to_input(row: dict[str, str]) -> ListingInput:
    """Parse one row (our columns or EEN headings); raises with every problem found."""
    errors: dict[str, list[str]] = {}
    owner = Organisation.objects.filter(slug=row.get("owner", "")).first()
    if owner is None:
        errors["owner"] = [_("Unknown organisation: “%(slug)s”.") % {"slug": row.get("owner", "")}]
    kind = row.get("kind", "").strip()
    kind = C.EEN_KINDS.get(kind.lower(), kind)
    texts = {}
    for language in C.LANGUAGES:
        values = {name: row.get(f"{name}_{language}", "") for name in C.TEXT_FIELDS}
        if any(values.values()):
            texts[language] = TextInput(**values)
    original = row.get("original_language") or next(iter(texts), "en")
    trl = _trl(row.get("trl", ""), errors)
    price = None
    if row.get("price_amount"):
        try:
            price = Decimal(row["price_amount"])
        except InvalidOperation:
            errors["price_amount"] = [_("The price must be a number.")]
    tiers = {}
    for name, default in (("teaser_tier", 0), ("detail_tier", 1)):
        raw = row.get(name, "")
        if raw and not raw.isdigit():
            errors[name] = [_("Choose a valid disclosure tier.")]
        tiers[name] = int(raw) if raw.isdigit() else default
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
    )


def _trl(value: str, errors: dict[str, list[str]]) -> int | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    stage = C.EEN_STAGE_LABELS.get(value.lower())
    if stage is None:
        errors["trl"] = [_("Give the TRL as a number from 1 to 9 or an EEN stage of development.")]
        return None
    return C.EEN_STAGE_TO_TRL[stage]
