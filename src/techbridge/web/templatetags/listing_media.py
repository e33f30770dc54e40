"""The gallery and summary link on a listing's page."""

from __future__ import annotations

from typing import Any

from django import template

from techbridge.catalogue.models import Listing, ListingSummary

register = template.Library()


@register.inclusion_tag("web/_listing_media.html", takes_context=True)
def listing_gallery(context: dict[str, Any], listing: Listing, title: str) -> dict[str, Any]:
    """Thumbnails linking to the full pictures and the summary PDF with its size. Called only
    on a page the reader may see, so it shows whatever the listing has. Each picture's text
    alternative is its caption in the page's language, else the listing's title."""
    language = context.get("LANGUAGE_CODE") or "en"
    images = [(image, image.caption_in(language)) for image in listing.images.all()]
    return {
        "listing": listing,
        "title": title,
        "images": images,
        "summary": ListingSummary.objects.filter(listing=listing).first(),
        "can_edit": context.get("can_edit", False),
    }
