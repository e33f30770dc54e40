"""Bulk import (with a dry run and a row-by-row report) and export of listings."""

from __future__ import annotations

from typing import IO, Any, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.bulk.columns import COLUMNS, EEN_ALIASES
from techbridge.catalogue.bulk.exporting import WRITERS, export_rows
from techbridge.catalogue.bulk.importing import listings_import
from techbridge.catalogue.bulk.jobs import import_job_create, report_from_data, sync_max_rows
from techbridge.catalogue.bulk.reading import MAX_ROWS, format_of, read_rows, read_upload
from techbridge.catalogue.models import Listing, ListingImportJob
from techbridge.catalogue.permissions import EDITOR_ROLES, reader_tier
from techbridge.catalogue.selectors import published_listings
from techbridge.core.errors import ServiceValidationError


@login_required
def listings_import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file: a small one is imported during the request (as before); a larger one
    is queued for the task worker and ``?job=<id>`` shows its progress, then its report."""
    context: dict[str, Any] = {"columns": COLUMNS, "aliases": sorted(EEN_ALIASES.items())}
    if request.method != "POST" and request.GET.get("job"):
        return _job_progress(request, context)
    upload = request.FILES.get("file")
    if request.method == "POST":
        dry_run = bool(request.POST.get("dry_run"))
        try:
            if upload is None:
                raise ServiceValidationError(_no_file())
            fmt = format_of(upload.name or "")
            content = read_upload(cast(IO[bytes], upload.file))
            rows = read_rows(content, fmt)
        except ServiceValidationError as error:
            context["problem"] = " ".join(error.messages)
            return render(request, "web/listings_import.html", context, status=400)
        if len(rows) > sync_max_rows():
            job = import_job_create(
                actor=request.user, content=content, fmt=fmt, dry_run=dry_run, rows_total=len(rows)
            )
            return redirect(f"{reverse('web:listings_import')}?job={job.pk}")
        report = listings_import(actor=request.user, rows=rows, dry_run=dry_run)
        context["report"] = report
        status = 400 if report.error_count else 200
        return render(request, "web/listings_import.html", context, status=status)
    return render(request, "web/listings_import.html", context)


def _job_progress(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """The importer's own job only: anyone else's is not found, not forbidden. htmx polls
    for the progress fragment alone; the full page refreshes itself without JavaScript."""
    raw = request.GET.get("job", "")
    if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
        raise Http404
    job = ListingImportJob.objects.filter(pk=int(raw), created_by=cast(Any, request.user)).first()
    if job is None:
        raise Http404
    context["job"] = job
    if job.status == ListingImportJob.Status.DONE and job.report is not None:
        context["report"] = report_from_data(job.report)
    elif job.status == ListingImportJob.Status.FAILED:
        context["problem"] = job.problem
    if getattr(request, "htmx", False):
        response = render(request, "web/_import_progress.html", context)
    else:
        response = render(request, "web/listings_import.html", context)
    patch_vary_headers(response, ("HX-Request",))
    patch_cache_control(response, no_store=True)  # progress is never read from a cache
    return response


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
        .prefetch_related("texts", "areas", "partnership_types", "ip_rights__owners")
        .order_by("reference")[:MAX_ROWS]
    )
    write, content_type = WRITERS[fmt]
    response = HttpResponse(write(export_rows(request.user, listings)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="techbridge-listings.{fmt}"'
    return response
