"""A listing's pictures and summary PDF through the services: what is kept, what is refused
(and that a refusal changes nothing), metadata stripped, thumbnails made, files removed."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from PIL import Image

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.demo.pictures import load_demo_pictures
from techbridge.catalogue.media_checks import MAX_IMAGE_BYTES, MAX_IMAGES, MAX_PDF_PAGES
from techbridge.catalogue.models import Listing, ListingEvent, ListingImage, ListingSummary
from techbridge.catalogue.models.media import upload_storage
from techbridge.catalogue.services import (
    listing_archive,
    listing_publish,
    listing_submit_for_review,
)
from techbridge.catalogue.services.media import (
    listing_image_add,
    listing_image_captions,
    listing_image_move,
    listing_image_remove,
    listing_summary_remove,
    listing_summary_set,
)
from techbridge.catalogue.tests.factories import create_offer
from techbridge.catalogue.tests.media_files import jpeg_with_gps, pdf_bytes, png_bytes
from techbridge.config.settings.storage import database_storages
from techbridge.core.errors import ServiceValidationError
from techbridge.files.models import StoredFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(settings: Any) -> Storage:
    """The uploads' storage in the test database, whatever the environment chose."""
    settings.STORAGES = database_storages()
    return upload_storage()


@pytest.fixture
def offer(officer: User, hk_university: Organisation, uploads: Storage) -> Listing:
    return create_offer(officer, hk_university)


def name_of(field_file: FieldFile) -> str:
    assert field_file.name
    return field_file.name


def upload(data: bytes, name: str = "picture.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _state() -> tuple[int, int, int, int]:
    return (
        ListingImage.objects.count(),
        ListingSummary.objects.count(),
        StoredFile.objects.count(),
        ListingEvent.objects.count(),
    )


def test_png_is_kept_with_a_thumbnail_and_an_event(officer: User, offer: Listing) -> None:
    image = listing_image_add(
        actor=officer,
        listing=offer,
        upload=upload(png_bytes((800, 600))),
        captions={"en": "The probe", "zh-hant": "探頭"},
    )

    assert (image.content_type, image.width, image.height, image.position) == (
        "image/png",
        800,
        600,
        1,
    )
    assert (image.caption_en, image.caption_zh_hant, image.caption_zh_hans) == (
        "The probe",
        "探頭",
        "",
    )
    assert image.caption_in("zh-hans") == "The probe"
    assert image.caption_in("zh-hant") == "探頭"
    # Our own random names: nothing of the listing, its owner or the uploader's file name.
    assert name_of(image.image).startswith("listings/images/") and name_of(image.image).endswith(
        ".png"
    )
    assert offer.reference not in name_of(image.image) and "picture" not in name_of(image.image)
    with image.image.open("rb") as stored:
        assert Image.open(stored).size == (800, 600)
    with image.thumbnail.open("rb") as stored:
        thumbnail = Image.open(stored)
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (320, 240))
    event = ListingEvent.objects.filter(listing=offer).latest("pk")
    assert event.verb == "updated"
    assert event.actor == officer
    assert event.changes == {
        f"image.{image.pk}": [
            None,
            {"sha256": image.sha256, "en": "The probe", "zh-hant": "探頭", "zh-hans": ""},
        ]
    }


def test_jpeg_metadata_is_stripped(officer: User, offer: Listing) -> None:
    original = jpeg_with_gps()
    assert b"SecretCam" in original and Image.open(io.BytesIO(original)).getexif()

    image = listing_image_add(actor=officer, listing=offer, upload=upload(original, "x.jpg"))

    with image.image.open("rb") as stored:
        kept = stored.read()
    assert image.content_type == "image/jpeg"
    assert b"SecretCam" not in kept and b"Exif" not in kept
    assert not Image.open(io.BytesIO(kept)).getexif()
    with image.thumbnail.open("rb") as stored:
        assert b"SecretCam" not in stored.read()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<?php echo 'not a picture'; ?>\n", "photo.png", "Only PNG, JPEG and WebP images"),
        (png_bytes()[:60], "cut.png", "Only PNG, JPEG and WebP images"),
        (b"GIF89a" + b"\0" * 40, "old.gif", "Only PNG, JPEG and WebP images"),
        (png_bytes() + b"\0" * MAX_IMAGE_BYTES, "big.png", "at most 5 MB"),
        (b"", "empty.png", "The file is empty."),
    ],
)
def test_refused_images_change_nothing(
    officer: User, offer: Listing, data: bytes, name: str, message: str
) -> None:
    before = _state()
    with pytest.raises(ServiceValidationError) as refused:
        listing_image_add(actor=officer, listing=offer, upload=upload(data, name))
    assert message in str(refused.value.message_dict["file"])
    assert _state() == before


def test_decompression_bomb_is_refused_before_decoding(officer: User, offer: Listing) -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # 100 million pixels, a tiny file
    before = _state()
    with pytest.raises(ServiceValidationError) as refused:
        listing_image_add(actor=officer, listing=offer, upload=upload(out.getvalue()))
    assert "at most 40 million pixels" in str(refused.value.message_dict["file"])
    assert _state() == before


def test_outsider_cannot_add_images_or_a_summary(outsider: User, offer: Listing) -> None:
    before = _state()
    with pytest.raises(PermissionDenied):
        listing_image_add(actor=outsider, listing=offer, upload=upload(png_bytes()))
    with pytest.raises(PermissionDenied):
        listing_summary_set(actor=outsider, listing=offer, upload=upload(pdf_bytes(), "s.pdf"))
    assert _state() == before


def test_outsider_cannot_remove_caption_or_move(
    officer: User, outsider: User, offer: Listing
) -> None:
    image = listing_image_add(actor=officer, listing=offer, upload=upload(png_bytes()))
    before = _state()
    with pytest.raises(PermissionDenied):
        listing_image_remove(actor=outsider, image=image)
    with pytest.raises(PermissionDenied):
        listing_image_captions(actor=outsider, image=image, captions={"en": "Mine now"})
    with pytest.raises(PermissionDenied):
        listing_image_move(actor=outsider, image=image, offset=1)
    assert _state() == before
    image.refresh_from_db()
    assert image.caption_en == ""


def test_at_most_max_images(officer: User, offer: Listing) -> None:
    for number in range(MAX_IMAGES):
        listing_image_add(actor=officer, listing=offer, upload=upload(png_bytes((40 + number, 30))))
    before = _state()
    with pytest.raises(ServiceValidationError) as refused:
        listing_image_add(actor=officer, listing=offer, upload=upload(png_bytes()))
    assert "at most 6 images" in str(refused.value.message_dict["file"])
    assert _state() == before
    assert list(offer.images.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_archived_listing_refuses_new_images(officer: User, offer: Listing) -> None:
    listing_archive(actor=officer, listing=offer)
    before = _state()
    with pytest.raises(ServiceValidationError):
        listing_image_add(actor=officer, listing=offer, upload=upload(png_bytes()))
    assert _state() == before


def test_move_and_caption(officer: User, offer: Listing) -> None:
    first, second, third = (
        listing_image_add(actor=officer, listing=offer, upload=upload(png_bytes((50 + n, 40))))
        for n in range(3)
    )
    assert listing_image_move(actor=officer, image=third, offset=-1) == [
        first.pk,
        third.pk,
        second.pk,
    ]
    assert list(offer.images.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    events = ListingEvent.objects.filter(listing=offer).count()
    assert listing_image_move(actor=officer, image=first, offset=-1)[0] == first.pk
    assert ListingEvent.objects.filter(listing=offer).count() == events  # nothing moved

    listing_image_captions(actor=officer, image=second, captions={"zh-hans": "样机"})
    second.refresh_from_db()
    assert (second.caption_en, second.caption_zh_hans) == ("", "样机")
    assert ListingEvent.objects.filter(listing=offer).count() == events + 1


def test_remove_deletes_the_stored_files(officer: User, offer: Listing, uploads: Storage) -> None:
    keep = listing_image_add(actor=officer, listing=offer, upload=upload(png_bytes((60, 40))))
    gone = listing_image_add(actor=officer, listing=offer, upload=upload(png_bytes((70, 40))))
    names = [name_of(gone.image), name_of(gone.thumbnail)]
    assert all(uploads.exists(name) for name in names)

    listing_image_remove(actor=officer, image=gone)

    assert not any(uploads.exists(name) for name in names)
    assert uploads.exists(name_of(keep.image)) and uploads.exists(name_of(keep.thumbnail))
    assert list(offer.images.values_list("pk", "position")) == [(keep.pk, 1)]
    event = ListingEvent.objects.filter(listing=offer).latest("pk")
    assert list(event.changes) == [f"image.{gone.pk}"]
    assert event.changes[f"image.{gone.pk}"][1] is None


def test_summary_pdf_kept_replaced_and_removed(
    officer: User, offer: Listing, uploads: Storage
) -> None:
    first = listing_summary_set(actor=officer, listing=offer, upload=upload(pdf_bytes(1), "a.pdf"))
    assert first.pages == 1
    assert name_of(first.file).startswith("listings/summaries/") and name_of(first.file).endswith(
        ".pdf"
    )
    with first.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")

    second = listing_summary_set(
        actor=officer, listing=offer, upload=upload(pdf_bytes(MAX_PDF_PAGES), "b.pdf")
    )
    assert second.pages == MAX_PDF_PAGES
    assert list(ListingSummary.objects.values_list("pk", flat=True)) == [second.pk]
    assert not uploads.exists(name_of(first.file))

    listing_summary_remove(actor=officer, listing=offer)
    assert not ListingSummary.objects.exists()
    assert not uploads.exists(name_of(second.file))
    event = ListingEvent.objects.filter(listing=offer).latest("pk")
    assert event.changes == {"summary": [{"sha256": second.sha256, "pages": MAX_PDF_PAGES}, None]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>", "must be a PDF file"),
        (png_bytes(), "must be a PDF file"),
        (b"Just some text pretending.\n%%EOF\n", "must be a PDF file"),
        (pdf_bytes(MAX_PDF_PAGES + 1), "at most 4 pages; this one has 5"),
        (
            pdf_bytes(1).replace(
                b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript >>"
            ),
            "scripts, attachments or forms",
        ),
    ],
)
def test_refused_summaries_change_nothing(
    officer: User, offer: Listing, data: bytes, message: str
) -> None:
    before = _state()
    with pytest.raises(ServiceValidationError) as refused:
        listing_summary_set(actor=officer, listing=offer, upload=upload(data, "summary.pdf"))
    assert message in str(refused.value.message_dict["file"])
    assert _state() == before


def test_demo_pictures_drawn_once_for_published_demo_listings(
    officer: User, reviewer: User, offer: Listing
) -> None:
    listing_submit_for_review(actor=officer, listing=offer)
    listing_publish(actor=reviewer, listing=offer)
    Listing.objects.filter(pk=offer.pk).update(is_demo=True)

    assert load_demo_pictures() == 2
    assert load_demo_pictures() == 0
    images = list(offer.images.all())
    assert [(image.content_type, image.width, image.height) for image in images] == [
        ("image/png", 960, 720),
        ("image/png", 960, 720),
    ]
    assert images[0].sha256 != images[1].sha256
