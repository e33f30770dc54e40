"""A listing's pictures and summary PDF: the owner's page to manage them, and the views that
serve them to readers.

Every write goes through ``catalogue.services.media``. The serving views answer 404 to anyone
who may not read the listing's teaser (an unpublished listing's files do not exist for
outsiders), and send each file with its exact type, ``nosniff`` and a sandbox so a browser
never runs anything in it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    HttpResponseNotModified,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techbridge.catalogue.media_checks import MAX_IMAGES
from techbridge.catalogue.media_selectors import listing_media_is_public, listing_media_visible
from techbridge.catalogue.models import Listing, ListingImage, ListingSummary
from techbridge.catalogue.permissions import can_edit_for
from techbridge.catalogue.services.media import (
    listing_image_add,
    listing_image_captions,
    listing_image_move,
    listing_image_remove,
    listing_summary_remove,
    listing_summary_set,
)
from techbridge.core.errors import ServiceValidationError
from techbridge.web.base_forms import add_service_errors
from techbridge.web.media_forms import (
    CaptionsForm,
    ImageUploadForm,
    SummaryUploadForm,
    caption_field_name,
)

# How long a shared cache may keep a public listing's file: short, so a listing taken off
# the catalogue stops showing its pictures soon after.
PUBLIC_MAX_AGE = 600
ACTIONS = frozenset(
    {"add_image", "set_summary", "remove_summary", "captions", "earlier", "later", "remove_image"}
)


def _editable_listing(request: HttpRequest, reference: str) -> Listing:
    listing = get_object_or_404(Listing.objects.select_related("owner"), reference=reference)
    if not can_edit_for(request.user, listing.owner):
        raise PermissionDenied
    return listing


@login_required
def listing_media_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Upload, caption, reorder and remove pictures; attach or remove the summary PDF."""
    listing = _editable_listing(request, reference)
    image_form = ImageUploadForm()
    summary_form = SummaryUploadForm()
    caption_errors: dict[int, CaptionsForm] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            return HttpResponseBadRequest()
        try:
            done = _act(request, listing, action)
        except ServiceValidationError as error:
            done = None
            if action == "add_image":
                image_form = ImageUploadForm(request.POST, request.FILES)
                image_form.is_valid()
                add_service_errors(image_form, error)
            elif action == "set_summary":
                summary_form = SummaryUploadForm(request.POST, request.FILES)
                summary_form.is_valid()
                add_service_errors(summary_form, error)
            else:
                messages.error(request, " ".join(error.messages))
        except _InvalidForm as invalid:
            done = None
            if isinstance(invalid.form, ImageUploadForm):
                image_form = invalid.form
            elif isinstance(invalid.form, SummaryUploadForm):
                summary_form = invalid.form
            elif invalid.image_pk is not None:
                caption_errors[invalid.image_pk] = invalid.form
        if done is not None:
            messages.success(request, done)
            return redirect("web:listing_media", reference=listing.reference)
    images = list(listing.images.all())
    language = get_language() or "en"
    rows = [
        (image, caption_errors.get(image.pk) or _captions_form(image), image.caption_in(language))
        for image in images
    ]
    context: dict[str, Any] = {
        "listing": listing,
        "rows": rows,
        "image_form": image_form,
        "summary_form": summary_form,
        "summary": ListingSummary.objects.filter(listing=listing).first(),
        "max_images": MAX_IMAGES,
        "room_for_more": len(images) < MAX_IMAGES,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "web/listing_media.html", context, status=status)


def _captions_form(image: ListingImage) -> CaptionsForm:
    initial = {caption_field_name(language): text for language, text in image.captions().items()}
    return CaptionsForm(prefix=f"image-{image.pk}", initial=initial)


class _InvalidForm(Exception):
    def __init__(self, form: Any, image_pk: int | None = None) -> None:
        super().__init__()
        self.form = form
        self.image_pk = image_pk


def _act(request: HttpRequest, listing: Listing, action: str) -> str:
    """Carry out one action of the page; returns the message to show, or raises."""
    user = request.user
    if action == "add_image":
        form = ImageUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            raise _InvalidForm(form)
        listing_image_add(
            actor=user, listing=listing, upload=form.cleaned_data["file"], captions=form.captions()
        )
        return _("Image added.")
    if action == "set_summary":
        summary_form = SummaryUploadForm(request.POST, request.FILES)
        if not summary_form.is_valid():
            raise _InvalidForm(summary_form)
        listing_summary_set(actor=user, listing=listing, upload=summary_form.cleaned_data["file"])
        return _("Summary saved.")
    if action == "remove_summary":
        listing_summary_remove(actor=user, listing=listing)
        return _("Summary removed.")
    image = _image_of(listing, request.POST.get("image"))
    if action == "captions":
        captions = CaptionsForm(request.POST, prefix=f"image-{image.pk}")
        if not captions.is_valid():
            raise _InvalidForm(captions, image.pk)
        listing_image_captions(actor=user, image=image, captions=captions.captions())
        return _("Captions saved.")
    if action in ("earlier", "later"):
        listing_image_move(actor=user, image=image, offset=-1 if action == "earlier" else 1)
        return _("Order saved.")
    if action == "remove_image":
        listing_image_remove(actor=user, image=image)
        return _("Image removed.")
    raise AssertionError(action)  # ACTIONS lists every action handled above


def _image_of(listing: Listing, pk: str | None) -> ListingImage:
    if not (pk or "").isdigit():
        raise Http404
    return get_object_or_404(ListingImage, pk=int(pk or 0), listing=listing)


def _readable_listing(request: HttpRequest, reference: str) -> Listing:
    listing = get_object_or_404(Listing.objects.select_related("owner"), reference=reference)
    if not listing_media_visible(request.user, listing):
        # As for the listing's page: not published, or above the reader's tier, is absent.
        raise Http404
    return listing


def _serve(
    request: HttpRequest,
    listing: Listing,
    stored: FieldFile,
    *,
    content_type: str,
    etag: str,
    disposition: str,
) -> HttpResponseBase:
    cache = (
        f"public, max-age={PUBLIC_MAX_AGE}"
        if listing_media_is_public(listing)
        else "private, no-cache"
    )
    quoted = f'"{etag}"'
    if request.headers.get("If-None-Match") == quoted:
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        try:
            with stored.open("rb") as content:
                body = content.read()
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = disposition
    response["ETag"] = quoted
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def listing_image(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    listing = _readable_listing(request, reference)
    image = get_object_or_404(ListingImage, pk=pk, listing=listing)
    suffix = image.content_type.rpartition("/")[2].replace("jpeg", "jpg")
    return _serve(
        request,
        listing,
        image.image,
        content_type=image.content_type,
        etag=image.sha256,
        disposition=f'inline; filename="{listing.reference}-{image.pk}.{suffix}"',
    )


def listing_image_thumbnail(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    listing = _readable_listing(request, reference)
    image = get_object_or_404(ListingImage, pk=pk, listing=listing)
    return _serve(
        request,
        listing,
        image.thumbnail,
        content_type="image/jpeg",
        etag=f"{image.sha256}-thumbnail",
        disposition=f'inline; filename="{listing.reference}-{image.pk}-small.jpg"',
    )


def listing_summary(request: HttpRequest, reference: str) -> HttpResponseBase:
    listing = _readable_listing(request, reference)
    summary = get_object_or_404(ListingSummary, listing=listing)
    return _serve(
        request,
        listing,
        summary.file,
        content_type="application/pdf",
        etag=summary.sha256,
        disposition=f'attachment; filename="{listing.reference}-summary.pdf"',
    )
