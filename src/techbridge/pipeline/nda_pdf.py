"""The agreed standard NDA as a PDF: both parties, who confirmed and when, the version, the law
chosen and the text's hash, then the text in the three languages. Stored as a deal document
by the task worker once the NDA is in force (``pipeline.tasks.nda_pdf_store_task``)."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from techbridge.pipeline.choices import DocumentPurpose, NDAKind
from techbridge.pipeline.models import NDA, DealDocument
from techbridge.pipeline.reference_nda import LANGUAGES
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.services.deals import locked

logger = logging.getLogger(__name__)


def nda_agreed_html(nda: NDA) -> str:
    deal = nda.deal
    with translation.override("en"):
        return render_to_string(
            "pipeline/nda_agreed.html",
            {
                "nda": nda,
                "deal": deal,
                "texts": [(language, nda.agreed_text(language)) for language in LANGUAGES],
                "fingerprint": nda.fingerprint(),
                "owner": deal.owner,
                "counterparty": deal.counterparty,
            },
        )


def nda_pdf_store(nda_pk: int) -> DealDocument | None:
    """Render and store the agreed NDA once; later calls (a retried task) change nothing."""
    nda = NDA.objects.select_related("deal__owner", "deal__counterparty", "template").get(pk=nda_pk)
    if nda.kind != NDAKind.STANDARD or nda.in_force_at is None or nda.document_id:
        return None
    import weasyprint  # needs Pango (README: system packages)

    pdf = bytes(weasyprint.HTML(string=nda_agreed_html(nda)).write_pdf())
    sha256 = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        deal = locked(nda.deal)
        current = NDA.objects.select_for_update().get(pk=nda_pk)
        if current.document_id:
            return None
        # The document is the act of whoever confirmed last: that confirmation made it.
        owner_at, counterparty_at = current.owner_confirmed_at, current.counterparty_confirmed_at
        assert owner_at is not None and counterparty_at is not None  # in force
        if owner_at > counterparty_at:
            by, organisation_id = current.owner_confirmed_by, deal.owner_id
        else:
            by, organisation_id = current.counterparty_confirmed_by, deal.counterparty_id
        version = current.template.version if current.template else 0
        name = f"NDA-{deal.listing.reference}-v{version}.pdf"
        document = DealDocument(
            deal=deal,
            uploaded_by=by,
            organisation_id=organisation_id,
            purpose=DocumentPurpose.NDA,
            name=name,
            content_type="application/pdf",
            size=len(pdf),
            sha256=sha256,
        )
        document.file.save(f"{sha256[:16]}.pdf", ContentFile(pdf), save=False)
        document.save()
        current.document = document
        current.save(update_fields=["document"])
        event_append(
            deal,
            actor=by,
            organisation_id=organisation_id,
            verb="nda_pdf_stored",
            after={
                "document": document.pk,
                "sha256": sha256,
                "nda_sha256": current.fingerprint(),
            },
        )
    return document
