"""Create and update listings: validation, per-language text, script conversion, IP rights,
and one change event with the exact before/after of every changed field."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.catalogue.choices import ListingStatus, TextOrigin
from techbridge.catalogue.lifecycle import EDITABLE_STATUSES
from techbridge.catalogue.models import (
    IPRight,
    IPRightOwner,
    Listing,
    ListingEvent,
    ListingText,
    PartnershipTypeRef,
    Sector,
    TRLLevel,
)
from techbridge.catalogue.permissions import can_edit_for, is_platform_admin
from techbridge.catalogue.search import SEARCHABLE_STATUSES
from techbridge.catalogue.services.events import record_listing_event
from techbridge.catalogue.services.inputs import (
    IPRightInput,
    ListingInput,
    TextInput,
    validate_listing_input,
)
from techbridge.catalogue.services.references import next_listing_reference
from techbridge.catalogue.services.snapshot import listing_snapshot, snapshot_diff
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.core.scripts import to_simplified, to_traditional_hk
from techbridge.matching.upkeep import listing_search_changed
from techbridge.programme.models import CooperationArea

__all__ = ["IPRightInput", "ListingInput", "TextInput", "listing_create", "listing_update"]

TEXT_FIELDS = ("title", "summary", "description", "advantages", "requirements")
SCALAR_FIELDS = (
    "original_language",
    "keywords",
    "ip_status",
    "price_terms",
    "price_amount",
    "currency",
    "is_anonymous",
    "teaser_tier",
    "detail_tier",
    "external_ref",
)


def listing_create(*, actor: Any, data: ListingInput) -> Listing:
    """Create a draft listing for ``data.owner``; the actor must be allowed to write for it."""
    if not can_edit_for(actor, data.owner):
        raise PermissionDenied(_("You cannot create listings for this organisation."))
    validate_listing_input(data)
    with transaction.atomic():
        _check_external_ref_free(data.external_ref, exclude_pk=None)
        relations = _resolve_relations(data)
        listing = Listing(
            reference=next_listing_reference(data.kind, data.owner.region),
            kind=data.kind,
            owner=data.owner,
            created_by=actor if actor.is_authenticated else None,
            is_demo=data.is_demo,
        )
        _apply_scalars(listing, data, relations["trl"])
        listing.save()
        codes = _add_relations(listing, relations)
        texts = _create_texts(listing, data.texts)
        _write_ip_rights(listing, data.ip_rights)
        snapshot = listing_snapshot(listing, codes=codes, texts=texts)
        record_listing_event(listing, actor, ListingEvent.Verb.CREATED, snapshot_diff({}, snapshot))
    return listing


def listing_update(*, actor: Any, listing: Listing, data: ListingInput) -> Listing:
    """Replace a listing's content with ``data``; records exactly what changed, if anything."""
    if not can_edit_for(actor, listing.owner):
        raise PermissionDenied(_("You cannot edit this listing."))
    if data.owner.pk != listing.owner_id or data.kind != listing.kind:
        raise ServiceValidationError(
            _("The owner and the kind of a listing cannot be changed; create a new listing.")
        )
    validate_listing_input(data)
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status not in EDITABLE_STATUSES:
            raise ServiceValidationError(
                _("An expired or archived listing cannot be edited; renew it first.")
            )
        _check_external_ref_free(data.external_ref, exclude_pk=locked.pk)
        before = listing_snapshot(locked)
        relations = _resolve_relations(data)
        _apply_scalars(locked, data, relations["trl"])
        locked.save()
        _write_relations(locked, relations)
        _write_texts(locked, data.texts)
        locked.ip_rights.all().delete()
        _write_ip_rights(locked, data.ip_rights)
        changes = snapshot_diff(before, listing_snapshot(locked))
        if changes:
            record_listing_event(locked, actor, ListingEvent.Verb.UPDATED, changes)
            was_searchable = locked.status in SEARCHABLE_STATUSES
            if _needs_review_again(locked, actor, changes):
                _return_to_review(locked, actor)
            if was_searchable:
                listing_search_changed(locked)
    return locked


# What the public reads of a listing: its texts in every language and its keywords. Facts
# (areas, TRL, price, tiers, anonymity) stay live: raising a tier must take effect at once.
def _is_reviewed_content(key: str) -> bool:
    return key.startswith("text.") or key == "keywords"


def _needs_review_again(listing: Listing, actor: Any, changes: dict[str, Any]) -> bool:
    """A member's new wording of a live listing is reviewed before the public reads it, as its
    first wording was, through every door (pages, API, import); reviewers' own edits are not."""
    return (
        listing.status in (ListingStatus.PUBLISHED, ListingStatus.ON_HOLD)
        and not is_platform_admin(actor)
        and any(_is_reviewed_content(key) for key in changes)
    )


def _return_to_review(listing: Listing, actor: Any) -> None:
    status_before = listing.status
    listing.status = ListingStatus.REVIEW
    listing.submitted_at = timezone.now()
    listing.save(update_fields=["status", "submitted_at", "updated_at"])
    record_listing_event(
        listing,
        actor,
        ListingEvent.Verb.SUBMITTED,
        {"status": [status_before, ListingStatus.REVIEW]},
    )


def _check_external_ref_free(external_ref: str, exclude_pk: int | None) -> None:
    if not external_ref:
        return
    others = Listing.objects.filter(external_ref=external_ref)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = others.exists()
    if taken:
        raise ServiceValidationError(
            {"external_ref": [_("Another listing already has this external reference.")]}
        )


def _resolve_relations(data: ListingInput) -> dict[str, Any]:
    """Look up every referenced code; unknown codes are a validation error, not a crash."""
    areas = list(CooperationArea.objects.filter(mechanism__is_primary=True, code__in=data.areas))
    sectors = list(Sector.objects.filter(code__in=data.sectors))
    partnership_types = list(PartnershipTypeRef.objects.filter(code__in=data.partnership_types))
    errors: dict[str, list[str]] = {}
    missing_areas = set(data.areas) - {area.code for area in areas}
    if missing_areas:
        errors["areas"] = [
            _("Unknown cooperation area: %(codes)s") % {"codes": ", ".join(sorted(missing_areas))}
        ]
    missing_sectors = set(data.sectors) - {sector.code for sector in sectors}
    if missing_sectors:
        errors["sectors"] = [
            _("Unknown sector: %(codes)s") % {"codes": ", ".join(sorted(missing_sectors))}
        ]
    trl = TRLLevel.objects.filter(level=data.trl).first() if data.trl is not None else None
    if errors:
        raise ServiceValidationError(errors)
    return {
        "areas": areas,
        "sectors": sectors,
        "partnership_types": partnership_types,
        "trl": trl,
    }


def _apply_scalars(listing: Listing, data: ListingInput, trl: TRLLevel | None) -> None:
    for name in SCALAR_FIELDS:
        value = getattr(data, name)
        setattr(listing, name, list(value) if name == "keywords" else value)
    listing.keywords = [keyword.strip() for keyword in data.keywords]
    listing.trl = trl


def _add_relations(listing: Listing, relations: dict[str, Any]) -> dict[str, list[str]]:
    """A new listing's relations, one insert each (``set`` would read what is there first);
    returns their codes for the listing's first snapshot."""
    codes: dict[str, list[str]] = {}
    for name in ("areas", "sectors", "partnership_types"):
        manager = getattr(listing, name)
        through, source, target = (
            manager.through,
            manager.source_field_name,
            manager.target_field_name,
        )
        through.objects.bulk_create(
            through(**{source: listing, target: item}) for item in relations[name]
        )
        codes[name] = [item.code for item in relations[name]]
    return codes


def _write_relations(listing: Listing, relations: dict[str, Any]) -> None:
    listing.areas.set(relations["areas"])
    listing.sectors.set(relations["sectors"])
    listing.partnership_types.set(relations["partnership_types"])


def _with_conversions(texts: dict[str, TextInput]) -> dict[str, TextInput]:
    """The given languages, and a missing Chinese script filled by conversion (marked as
    machine conversion) so readers of either script always have a version."""
    wanted = dict(texts)
    converters = {"zh-hans": ("zh-hant", to_simplified), "zh-hant": ("zh-hans", to_traditional_hk)}
    for target, (source, convert) in converters.items():
        if target not in wanted and source in wanted:
            original = wanted[source]
            wanted[target] = TextInput(
                **{name: convert(getattr(original, name)) for name in TEXT_FIELDS},
                origin=TextOrigin.MACHINE,
                source_language=source,
            )
    return wanted


def _text_fields(text: TextInput) -> dict[str, Any]:
    return {
        **{name: getattr(text, name).strip() for name in TEXT_FIELDS},
        "origin": text.origin,
        "source_language": "" if text.origin == TextOrigin.AUTHOR else text.source_language,
    }


def _create_texts(listing: Listing, texts: dict[str, TextInput]) -> list[ListingText]:
    """A new listing's texts, in one insert."""
    return ListingText.objects.bulk_create(
        ListingText(listing=listing, language=language, **_text_fields(text))
        for language, text in _with_conversions(texts).items()
    )


def _write_texts(listing: Listing, texts: dict[str, TextInput]) -> None:
    """Store the given languages (with conversions) and drop the others."""
    wanted = _with_conversions(texts)
    listing.texts.exclude(language__in=wanted).delete()
    for language, text in wanted.items():
        ListingText.objects.update_or_create(
            listing=listing, language=language, defaults=_text_fields(text)
        )


def _write_ip_rights(listing: Listing, rights: Any) -> None:
    for right in rights:
        ip_right = IPRight.objects.create(
            listing=listing,
            right_type=right.right_type,
            number=right.number.strip(),
            territory=right.territory,
            status=right.status,
            filed_on=right.filed_on,
            granted_on=right.granted_on,
        )
        IPRightOwner.objects.bulk_create(
            IPRightOwner(ip_right=ip_right, name=name, share_percent=share)
            for name, share in right.owners
        )
