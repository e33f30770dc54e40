"""Bulk import (with a dry run and a row-by-row report) and export of listings."""

from __future__ import annotations

from typing import IO, Any, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.bulk.columns import COLUMNS, EEN_ALIASES
from techbridge.catalogue.bulk.exporting import WRITERS, export_rows
from techbridge.catalogue.bulk.importing import listings_import
from techbridge.catalogue.bulk.reading import MAX_ROWS, format_of, read_rows
from techbridge.catalogue.models import Listing
from techbridge.catalogue.permissions import EDITOR_ROLES, reader_tier
from techbridge.catalogue.selectors import published_listings
from techbridge.core.errors import ServiceValidationError


@login_required
def listings_import_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"columns": COLUMNS, "aliases": sorted(EEN_ALIASES.items())}
    upload = request.FILES.get("file")
    if request.method == "POST":
        try:
            if upload is None:
                raise ServiceValidationError(_no_file())
            rows = read_rows(cast(IO[bytes], upload.file), format_of(upload.name or ""))
        except ServiceValidationError as error:
            context["problem"] = " ".join(error.messages)
            return render(request, "web/listings_import.html", context, status=400)
        report = listings_import(
            actor=request.user, rows=rows, dry_run=bool(request.POST.get("dry_run"))
        )
        context["report"] = report
        status = 400 if report.error_count else 200
        return render(request, "web/listings_import.html", context, status=status)
    return render(request, "web/listings_import.html", context)


def _no_file() -> str:
    return _("Choose a file to upload.")


def listings_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The reader's own organisations' listings (``?mine=1``) or the published catalogue."""
    if fmt not in WRITERS:
        raise Http404
    if request.GET.get("mine") and request.user.is_authenticated:
        owners = Organisation.objects.filter(
            memberships__user=cast(Any, request.user), memberships__role__in=EDITOR_ROLES
        )
        listings = Listing.objects.filter(owner__in=owners)
    else:
        listings = published_listings().filter(teaser_tier__lte=reader_tier(request.user))
    listings = (
        listings.select_related("owner", "trl")
        .prefetch_related("texts", "areas", "partnership_types")
        .order_by("reference")[:MAX_ROWS]
    )
    write, content_type = WRITERS[fmt]
    response = HttpResponse(write(export_rows(request.user, listings)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="techbridge-listings.{fmt}"'
    return response
