"""Pictures for a few demo listings, drawn here (a gradient and a simple figure), so the
gallery has something to show without any downloaded file. Safe to repeat: a listing that
has pictures is left alone."""

from __future__ import annotations

import hashlib
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from techbridge.accounts.models import Membership
from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.catalogue.services.media import listing_image_add

LISTINGS_WITH_PICTURES = 6
PICTURES_EACH = 2
SIZE = (960, 720)


def _colour(seed: bytes, offset: int) -> tuple[int, int, int]:
    return (40 + seed[offset] % 160, 40 + seed[offset + 1] % 160, 40 + seed[offset + 2] % 160)


def demo_picture(reference: str, number: int) -> bytes:
    """A PNG that differs per listing and picture: a vertical gradient and a white figure."""
    seed = hashlib.sha256(f"{reference}/{number}".encode()).digest()
    top, bottom = _colour(seed, 0), _colour(seed, 3)
    width, height = SIZE
    picture = Image.new("RGB", SIZE, top)
    draw = ImageDraw.Draw(picture)
    for y in range(0, height, 6):
        share = y / height
        shade = tuple(round(top[i] + (bottom[i] - top[i]) * share) for i in range(3))
        draw.rectangle([0, y, width, y + 6], fill=shade)
    box = [width * 0.3, height * 0.25, width * 0.7, height * 0.75]
    if number % 2:
        draw.rectangle(box, outline="white", width=10)
    else:
        draw.ellipse(box, outline="white", width=10)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def load_demo_pictures() -> int:
    """Give the first published, named demo offers two pictures each; returns how many were
    added."""
    added = 0
    listings = Listing.objects.filter(
        is_demo=True, status=ListingStatus.PUBLISHED, is_anonymous=False
    ).order_by("reference")[:LISTINGS_WITH_PICTURES]
    for listing in listings:
        if listing.images.exists():
            continue
        membership = (
            Membership.objects.filter(organisation=listing.owner, role__in=EDITOR_ROLES)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            continue
        for number in range(1, PICTURES_EACH + 1):
            upload = SimpleUploadedFile("demo.png", demo_picture(listing.reference, number))
            listing_image_add(actor=membership.user, listing=listing, upload=upload)
            added += 1
    return added
