"""Adding, captioning, ordering and removing a listing's pictures and its summary PDF.

The same people who may edit a listing may change these, while it can be edited. Each change
records one ``updated`` event on the listing beside the write. Pictures and the summary are not
searchable, so the search index is not told.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from techbridge.catalogue.lifecycle import EDITABLE_STATUSES
from techbridge.catalogue.media_checks import MAX_IMAGES, image_clean, pdf_clean
from techbridge.catalogue.models import Listing, ListingEvent, ListingImage, ListingSummary
from techbridge.catalogue.models.media import CAPTION_LANGUAGES, CAPTION_MAX_LENGTH
from techbridge.catalogue.permissions import can_edit_for
from techbridge.catalogue.services.events import record_listing_event
from techbridge.core.bounds import text_problem
from techbridge.core.errors import PermissionDenied, ServiceValidationError

__all__ = [
    "listing_image_add",
    "listing_image_captions",
    "listing_image_move",
    "listing_image_remove",
    "listing_summary_remove",
    "listing_summary_set",
]

T = TypeVar("T")


def _editable(actor: Any, listing: Listing) -> Listing:
    """The listing locked for writing, after the same checks as editing its text."""
    if not can_edit_for(actor, listing.owner):
        raise PermissionDenied(_("You cannot edit this listing."))
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise ServiceValidationError(
            _("An expired or archived listing cannot be edited; renew it first.")
        )
    return locked


def _stored_name(suffix: str) -> str:
    """A name of our own: random, so it says nothing about the listing or its owner."""
    return f"{get_random_string(24).lower()}.{suffix}"


def _storing(files: list[FieldFile], write: Callable[[], T]) -> T:
    """Run ``write``; if it fails, remove the files it saved (an object store does not roll
    back with the database; the database storage does, and deleting again is harmless)."""
    try:
        with transaction.atomic():
            return write()
    except BaseException:
        for field_file in files:
            if field_file.name:
                field_file.storage.delete(field_file.name)
        raise


def _captions(captions: dict[str, str] | None) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for language in CAPTION_LANGUAGES:
        value = ((captions or {}).get(language) or "").strip()
        problem = text_problem(value, label=_("The caption"), max_length=CAPTION_MAX_LENGTH)
        if problem:
            raise ServiceValidationError({f"caption_{language}": [problem]})
        cleaned[language] = value
    return cleaned


def _caption_fields(captions: dict[str, str]) -> dict[str, str]:
    return {f"caption_{language.replace('-', '_')}": text for language, text in captions.items()}


def listing_image_add(
    *, actor: Any, listing: Listing, upload: IO[bytes], captions: dict[str, str] | None = None
) -> ListingImage:
    """Add a picture at the end of the listing's gallery, re-encoded, with its thumbnail."""
    if not can_edit_for(actor, listing.owner):
        raise PermissionDenied(_("You cannot edit this listing."))
    cleaned_captions = _captions(captions)
    clean = image_clean(upload)
    image = ListingImage(
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        size=len(clean.content),
        sha256=hashlib.sha256(clean.content).hexdigest(),
        **_caption_fields(cleaned_captions),
    )

    def write() -> ListingImage:
        locked = _editable(actor, listing)
        count = locked.images.count()
        if count >= MAX_IMAGES:
            raise ServiceValidationError(
                {
                    "file": [
                        _("A listing can have at most %(count)d images.") % {"count": MAX_IMAGES}
                    ]
                }
            )
        image.listing = locked
        image.position = (locked.images.aggregate(last=Max("position"))["last"] or 0) + 1
        image.image.save(_stored_name(clean.suffix), ContentFile(clean.content), save=False)
        image.thumbnail.save(_stored_name("jpg"), ContentFile(clean.thumbnail), save=False)
        image.save()
        record_listing_event(
            locked,
            actor,
            ListingEvent.Verb.UPDATED,
            {f"image.{image.pk}": [None, {"sha256": image.sha256, **cleaned_captions}]},
        )
        return image

    return _storing([image.image, image.thumbnail], write)


def listing_image_captions(
    *, actor: Any, image: ListingImage, captions: dict[str, str]
) -> ListingImage:
    """Replace a picture's captions; records the change only if there is one."""
    cleaned = _captions(captions)
    with transaction.atomic():
        locked = _editable(actor, image.listing)
        current = ListingImage.objects.select_for_update().get(pk=image.pk, listing=locked)
        before = current.captions()
        if before != cleaned:
            for field, text in _caption_fields(cleaned).items():
                setattr(current, field, text)
            current.save(update_fields=list(_caption_fields(cleaned)))
            record_listing_event(
                locked, actor, ListingEvent.Verb.UPDATED, {f"image.{current.pk}": [before, cleaned]}
            )
    return current


def listing_image_move(*, actor: Any, image: ListingImage, offset: int) -> list[int]:
    """Move a picture ``offset`` places (−1 earlier, +1 later); returns the new order."""
    with transaction.atomic():
        locked = _editable(actor, image.listing)
        order = list(locked.images.order_by("position", "pk").values_list("pk", flat=True))
        if image.pk not in order:
            raise ServiceValidationError(_("This image is not part of the listing."))
        index = order.index(image.pk)
        target = min(max(index + offset, 0), len(order) - 1)
        if target == index:
            return order
        before = list(order)
        order.insert(target, order.pop(index))
        _renumber(order)
        record_listing_event(locked, actor, ListingEvent.Verb.UPDATED, {"images": [before, order]})
    return order


def _renumber(order: Sequence[int]) -> None:
    for position, pk in enumerate(order, start=1):
        ListingImage.objects.filter(pk=pk).update(position=position)


def listing_image_remove(*, actor: Any, image: ListingImage) -> None:
    """Remove a picture and its stored files."""
    with transaction.atomic():
        locked = _editable(actor, image.listing)
        current = ListingImage.objects.get(pk=image.pk, listing=locked)
        names = [name for name in (current.image.name, current.thumbnail.name) if name]
        storage = current.image.storage
        record_listing_event(
            locked,
            actor,
            ListingEvent.Verb.UPDATED,
            {f"image.{current.pk}": [{"sha256": current.sha256, **current.captions()}, None]},
        )
        current.delete()
        _renumber(list(locked.images.order_by("position", "pk").values_list("pk", flat=True)))
        # With the database storage the contents go with this transaction; an object store
        # deletes at once, so it comes last, after every check has passed.
        for name in names:
            storage.delete(name)


def listing_summary_set(*, actor: Any, listing: Listing, upload: IO[bytes]) -> ListingSummary:
    """Attach the listing's one-page summary, replacing the one it had."""
    if not can_edit_for(actor, listing.owner):
        raise PermissionDenied(_("You cannot edit this listing."))
    clean = pdf_clean(upload)
    summary = ListingSummary(
        pages=clean.pages,
        size=len(clean.content),
        sha256=hashlib.sha256(clean.content).hexdigest(),
    )

    replaced: list[FieldFile] = []

    def write() -> ListingSummary:
        locked = _editable(actor, listing)
        previous = ListingSummary.objects.filter(listing=locked).first()
        before = None
        if previous is not None:
            before = {"sha256": previous.sha256, "pages": previous.pages}
            replaced.append(previous.file)
            previous.delete()
        summary.listing = locked
        summary.file.save(_stored_name("pdf"), ContentFile(clean.content), save=False)
        summary.save()
        after = {"sha256": summary.sha256, "pages": summary.pages}
        record_listing_event(locked, actor, ListingEvent.Verb.UPDATED, {"summary": [before, after]})
        return summary

    stored = _storing([summary.file], write)
    # The old content goes only once the new summary is committed in its place.
    for old in replaced:
        if old.name:
            old.storage.delete(old.name)
    return stored


def listing_summary_remove(*, actor: Any, listing: Listing) -> None:
    """Remove the listing's summary PDF, if it has one."""
    with transaction.atomic():
        locked = _editable(actor, listing)
        summary = ListingSummary.objects.filter(listing=locked).first()
        if summary is None:
            return
        name, storage = summary.file.name, summary.file.storage
        record_listing_event(
            locked,
            actor,
            ListingEvent.Verb.UPDATED,
            {"summary": [{"sha256": summary.sha256, "pages": summary.pages}, None]},
        )
        summary.delete()
        if name:
            storage.delete(name)
