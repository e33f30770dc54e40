"""The "Images and summary" page and the views serving a listing's pictures and PDF: uploads
through the page, refusals that change nothing, and serving that follows the listing's
visibility with safe headers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import User
from techbridge.catalogue.models import Listing, ListingEvent, ListingImage, ListingSummary
from techbridge.catalogue.services.media import listing_image_add, listing_summary_set
from techbridge.catalogue.tests.media_files import pdf_bytes, png_bytes
from techbridge.catalogue.tests.published import Catalogue
from techbridge.files.models import StoredFile

pytestmark = pytest.mark.django_db


def _url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _state() -> tuple[Any, ...]:
    return (
        sorted(ListingImage.objects.values_list("pk", "position", "caption_en")),
        ListingSummary.objects.count(),
        StoredFile.objects.count(),
        ListingEvent.objects.count(),
    )


def _add_image(actor: User, listing: Listing, caption: str = "") -> ListingImage:
    upload = SimpleUploadedFile("p.png", png_bytes((640, 480)))
    return listing_image_add(actor=actor, listing=listing, upload=upload, captions={"en": caption})


def test_owner_uploads_through_the_page_and_the_listing_shows_the_gallery(
    client: Client, officer: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    offer = catalogue.offer
    client.force_login(officer)
    page = client.get(_url("web:listing_media", offer.reference))
    assert page.status_code == 200
    assert "Images and summary" in page.content.decode()
    assert "are public" in page.content.decode()

    response = client.post(
        _url("web:listing_media", offer.reference),
        {
            "action": "add_image",
            "file": SimpleUploadedFile("lab.png", png_bytes((640, 480))),
            "caption_en": "The probe on a bench",
        },
    )
    assert response.status_code == 302
    image = ListingImage.objects.get(listing=offer)
    assert (image.caption_en, image.width, image.height) == ("The probe on a bench", 640, 480)
    response = client.post(
        _url("web:listing_media", offer.reference),
        {"action": "set_summary", "file": SimpleUploadedFile("one.pdf", pdf_bytes(2))},
    )
    assert response.status_code == 302
    assert ListingSummary.objects.get(listing=offer).pages == 2

    client.logout()
    detail = client.get(_url("web:listing", offer.reference)).content.decode()
    thumbnail = _url("web:listing_image_thumbnail", offer.reference, image.pk)
    full = _url("web:listing_image", offer.reference, image.pk)
    assert (
        f'<a href="{full}"><img src="{thumbnail}" alt="The probe on a bench" width="320"' in detail
    )
    assert f'href="{_url("web:listing_summary", offer.reference)}" download' in detail
    assert "(PDF, 2 pages," in detail
    assert "Manage images and summary" not in detail


def test_alt_text_falls_back_to_the_title(
    client: Client, officer: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    image = _add_image(officer, catalogue.offer)
    detail = client.get(_url("web:listing", catalogue.offer.reference)).content.decode()
    thumbnail = _url("web:listing_image_thumbnail", catalogue.offer.reference, image.pk)
    assert f'<img src="{thumbnail}" alt="Portable ultrasound tumour imaging"' in detail


def test_fake_image_refused_on_the_page_and_nothing_stored(
    client: Client, officer: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    client.force_login(officer)
    before = _state()
    response = client.post(
        _url("web:listing_media", catalogue.offer.reference),
        {"action": "add_image", "file": SimpleUploadedFile("cat.png", b"GIF? no: plain text\n")},
    )
    assert response.status_code == 400
    assert "Only PNG, JPEG and WebP images are accepted." in response.content.decode()
    assert _state() == before

    response = client.post(
        _url("web:listing_media", catalogue.offer.reference),
        {"action": "set_summary", "file": SimpleUploadedFile("s.pdf", png_bytes())},
    )
    assert response.status_code == 400
    assert "The summary must be a PDF file." in response.content.decode()
    assert _state() == before


def test_outsider_and_anonymous_cannot_use_the_page(
    client: Client, officer: User, outsider: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    image = _add_image(officer, catalogue.offer, "Original")
    url = _url("web:listing_media", catalogue.offer.reference)
    before = _state()
    assert client.get(url).status_code == 302
    assert client.post(url, {"action": "remove_image", "image": image.pk}).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    upload = SimpleUploadedFile("x.png", png_bytes())
    assert client.post(url, {"action": "add_image", "file": upload}).status_code == 403
    assert client.post(url, {"action": "remove_image", "image": image.pk}).status_code == 403
    assert _state() == before


def test_owner_captions_moves_and_removes(
    client: Client, officer: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    first = _add_image(officer, catalogue.offer, "First")
    second = _add_image(officer, catalogue.offer, "Second")
    url = _url("web:listing_media", catalogue.offer.reference)
    client.force_login(officer)

    prefix = f"image-{first.pk}-"
    response = client.post(
        url,
        {
            "action": "captions",
            "image": first.pk,
            f"{prefix}caption_en": "Renamed",
            f"{prefix}caption_zh_hant": "樣機",
            f"{prefix}caption_zh_hans": "",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.caption_en, first.caption_zh_hant) == ("Renamed", "樣機")

    assert client.post(url, {"action": "earlier", "image": second.pk}).status_code == 302
    assert list(catalogue.offer.images.values_list("pk", flat=True)) == [second.pk, first.pk]

    names = [first.image.name, first.thumbnail.name]
    assert client.post(url, {"action": "remove_image", "image": first.pk}).status_code == 302
    assert list(catalogue.offer.images.values_list("pk", flat=True)) == [second.pk]
    assert not StoredFile.objects.filter(name__in=[f"uploads/{name}" for name in names]).exists()

    # Another listing's picture cannot be reached through this one's page.
    other = _add_image(officer, catalogue.draft)
    assert client.post(url, {"action": "remove_image", "image": other.pk}).status_code == 404
    assert ListingImage.objects.filter(pk=other.pk).exists()


def test_published_files_are_served_to_everyone_with_safe_headers(
    client: Client, officer: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    offer = catalogue.offer
    image = _add_image(officer, offer)
    listing_summary_set(
        actor=officer, listing=offer, upload=SimpleUploadedFile("s.pdf", pdf_bytes())
    )

    full = client.get(_url("web:listing_image", offer.reference, image.pk))
    assert full.status_code == 200
    assert full["Content-Type"] == "image/png"
    assert full.content.startswith(b"\x89PNG")
    assert full["X-Content-Type-Options"] == "nosniff"
    assert full["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert full["Cache-Control"] == "public, max-age=600"
    assert full["Content-Disposition"] == f'inline; filename="{offer.reference}-{image.pk}.png"'

    small = client.get(_url("web:listing_image_thumbnail", offer.reference, image.pk))
    assert (small.status_code, small["Content-Type"]) == (200, "image/jpeg")
    assert small.content.startswith(b"\xff\xd8")

    pdf = client.get(_url("web:listing_summary", offer.reference))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf["Content-Disposition"] == f'attachment; filename="{offer.reference}-summary.pdf"'
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert pdf.content.startswith(b"%PDF-")

    again = client.get(
        _url("web:listing_image", offer.reference, image.pk), HTTP_IF_NONE_MATCH=full["ETag"]
    )
    assert again.status_code == 304
    assert again.content == b""


def test_unpublished_files_exist_only_for_editors(
    client: Client, officer: User, outsider: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    draft = catalogue.draft
    image = _add_image(officer, draft)
    listing_summary_set(
        actor=officer, listing=draft, upload=SimpleUploadedFile("s.pdf", pdf_bytes())
    )
    urls = [
        _url("web:listing_image", draft.reference, image.pk),
        _url("web:listing_image_thumbnail", draft.reference, image.pk),
        _url("web:listing_summary", draft.reference),
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(outsider)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(officer)
    responses = [client.get(url) for url in urls]
    assert [response.status_code for response in responses] == [200, 200, 200]
    assert all(response["Cache-Control"] == "private, no-cache" for response in responses)
    # A picture is reached only through its own listing.
    wrong = _url("web:listing_image", catalogue.offer.reference, image.pk)
    assert client.get(wrong).status_code == 404


def test_anonymous_listing_files_do_not_name_the_owner(
    client: Client, officer: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    offer = catalogue.offer
    Listing.objects.filter(pk=offer.pk).update(is_anonymous=True)
    image = _add_image(officer, offer)
    owner = offer.owner
    marks = [owner.slug, owner.name_en]
    url = _url("web:listing_image", offer.reference, image.pk)
    response = client.get(url)
    assert response.status_code == 200
    exposed = [url, response["Content-Disposition"], str(image.image), str(image.thumbnail)]
    assert not any(mark in text for mark in marks for text in exposed)
    assert f"/{owner.pk}/" not in url


def test_unknown_action_is_a_bad_request(
    client: Client, officer: User, catalogue: Catalogue, private_uploads: Any
) -> None:
    client.force_login(officer)
    before = _state()
    response = client.post(_url("web:listing_media", catalogue.offer.reference), {"action": "x"})
    assert response.status_code == 400
    assert _state() == before
