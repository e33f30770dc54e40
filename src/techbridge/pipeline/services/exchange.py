"""What parties exchange inside a deal: messages, documents and consent to share contact
details. Each write appends its audit event in the same transaction; so does each download."""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
from typing import Any

import filetype
from django.conf import settings
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.accounts.privacy import crosses_boundary
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.pipeline.choices import DocumentPurpose
from techbridge.pipeline.models import (
    ContactConsent,
    CrossBorderTransfer,
    Deal,
    DealDocument,
    DealMessage,
)
from techbridge.pipeline.notifications import deal_notify
from techbridge.pipeline.roles import deal_role
from techbridge.pipeline.services.audit import event_append
from techbridge.pipeline.services.deals import _message_append, idempotent, locked
from techbridge.pipeline.transitions import Role

# Accepted by what the bytes are, not by the name or the browser's claim.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
}
# Other names a type is commonly saved under; any other suffix is replaced by the type's own.
OTHER_SUFFIXES = {"jpeg": "jpg"}
SNIFF_BYTES = 8192
# A PDF starts with its version and ends with an end-of-file marker within its last kilobyte;
# checking both refuses a page of HTML (or a script) that merely begins with "%PDF".
PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
PDF_TAIL_BYTES = 1024

logger = logging.getLogger(__name__)


def _party(actor: Any, deal: Deal) -> tuple[Deal, int]:
    current = locked(deal)
    role = deal_role(actor, current)
    if role == Role.OTHER:
        raise PermissionDenied(_("Only the parties to a deal can see it."))
    return current, current.owner_id if role == Role.OWNER else current.counterparty_id


def deal_message_post(
    *,
    actor: Any,
    deal: Deal,
    body: str,
    parent: DealMessage | None = None,
    idempotency_key: str | None = None,
) -> DealMessage:
    """Post a message (or a reply); the same idempotency key again returns the first one."""
    body = body.strip()
    if not body:
        raise ServiceValidationError({"body": [_("Write a message.")]})
    if len(body) > 5000:
        raise ServiceValidationError({"body": [_("A message can be at most 5000 characters.")]})

    def write() -> DealMessage:
        with transaction.atomic():
            current, organisation_id = _party(actor, deal)
            if not current.is_open:
                raise ServiceValidationError(_("This deal is closed."))
            if parent is not None and parent.deal_id != current.pk:
                raise ServiceValidationError(_("You can only reply to a message of this deal."))
            posted = _message_append(current, actor, organisation_id, body, parent)
            deal_notify(
                current,
                "message_posted",
                actor=actor,
                organisation_id=organisation_id,
                params={"excerpt": _excerpt(body)},
            )
            return posted

    return idempotent(
        actor,
        idempotency_key,
        write,
        model=DealMessage,
        operation="message",
        deal=deal,
        content={"body": body, "parent": parent.pk if parent is not None else None},
    )


def _excerpt(body: str, limit: int = 500) -> str:
    """The start of a message, for a notification (the deal page shows it whole)."""
    return body if len(body) <= limit else body[: limit - 1].rstrip() + "…"


def sniff_content_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        return None
    if kind.extension in ("docx", "xlsx") or kind.mime.endswith((".document", ".sheet")):
        # An Office file is a zip; the first entries name its kind, so read the whole file
        # to be sure it is one (a renamed zip or a truncated file is refused).
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        marker = "word/document.xml" if ALLOWED_TYPES[kind.mime] == "docx" else "xl/workbook.xml"
        if marker not in names:
            return None
    if kind.mime == "application/pdf" and not _looks_like_pdf(upload, head):
        return None
    return str(kind.mime)


def _looks_like_pdf(upload: UploadedFile, head: bytes) -> bool:
    if not PDF_HEADER.match(head):
        return False
    size = upload.size or 0
    upload.seek(max(0, size - PDF_TAIL_BYTES))
    tail = upload.read(PDF_TAIL_BYTES)
    upload.seek(0)
    return b"%%EOF" in tail


def stored_document_name(name: str, content_type: str) -> str:
    """The name a document is listed and downloaded under: the uploader's, without folders,
    ending in the suffix of what the bytes are (``invoice.html`` holding a PDF is
    ``invoice.pdf``), so no browser or desktop opens it as something else."""
    base = name.replace("/", "_").replace("\\", "_").strip().strip(".") or "document"
    stem, dot, suffix = base.rpartition(".")
    wanted = ALLOWED_TYPES[content_type]
    if dot and OTHER_SUFFIXES.get(suffix.lower(), suffix.lower()) == wanted:
        return base[-200:]
    stem = stem if dot else base
    return f"{stem[: 200 - len(wanted) - 1]}.{wanted}"


def deal_document_upload(
    *,
    actor: Any,
    deal: Deal,
    upload: UploadedFile,
    purpose: str = DocumentPurpose.OTHER,
    idempotency_key: str | None = None,
) -> DealDocument:
    """Share a file in the deal; the same idempotency key again returns the first upload."""
    if purpose not in DocumentPurpose.values:
        raise ServiceValidationError({"purpose": [_("Choose what the document is.")]})
    limit = settings.TECHBRIDGE_MAX_DOCUMENT_BYTES
    if upload.size is None or upload.size > limit:
        raise ServiceValidationError(
            {"file": [_("A document can be at most %(mb)d MB.") % {"mb": limit // (1024 * 1024)}]}
        )
    if upload.size == 0:
        raise ServiceValidationError({"file": [_("The file is empty.")]})
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ServiceValidationError(
            {
                "file": [
                    _("Only PDF, Word (DOCX), Excel (XLSX), PNG, JPEG and WebP files are accepted.")
                ]
            }
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = stored_document_name(upload.name or "document", content_type)
    return idempotent(
        actor,
        idempotency_key,
        lambda: _document_store(
            actor, deal, upload, purpose, name, content_type, digest.hexdigest()
        ),
        model=DealDocument,
        operation="document",
        deal=deal,
        content={"sha256": digest.hexdigest(), "purpose": purpose, "name": name},
    )


def _document_store(
    actor: Any,
    deal: Deal,
    upload: UploadedFile,
    purpose: str,
    name: str,
    content_type: str,
    sha256: str,
) -> DealDocument:
    with transaction.atomic():
        current, organisation_id = _party(actor, deal)
        if not current.is_open:
            raise ServiceValidationError(_("This deal is closed."))
        document = DealDocument(
            deal=current,
            uploaded_by=actor,
            organisation_id=organisation_id,
            purpose=purpose,
            name=name,
            content_type=content_type,
            size=upload.size or 0,
            sha256=sha256,
        )
        # Stored under a name of our own: the user's name is only shown, never a path. With the
        # database storage the content is written in this transaction and commits or rolls
        # back with the record and its event.
        document.file.save(f"{sha256[:16]}.{ALLOWED_TYPES[content_type]}", upload, save=False)
        try:
            # A savepoint, so that after a failed write the connection can still run the
            # clean-up below (PostgreSQL refuses every statement in a failed transaction).
            with transaction.atomic():
                document.save()
                event_append(
                    current,
                    actor=actor,
                    organisation_id=organisation_id,
                    verb="document_uploaded",
                    after={"document": document.pk, "name": name, "sha256": document.sha256},
                )
                deal_notify(
                    current,
                    "document_added",
                    actor=actor,
                    organisation_id=organisation_id,
                    params={"name": name},
                )
        except Exception:
            # An object store does not roll back with the database: remove what was sent.
            document.file.delete(save=False)
            raise
        return document


def deal_document_download(*, actor: Any, document: DealDocument) -> File:
    """Authorise one download, open the file, then record the download (who, which file,
    when) and return the open file. A file that cannot be opened raises FileNotFoundError
    and nothing is recorded: a download is recorded only when there is something to send."""
    with transaction.atomic():
        current, organisation_id = _party(actor, document.deal)
        try:
            content = document.file.open("rb")
        except FileNotFoundError:
            logger.error("Deal document %s (%s) has no stored content.", document.pk, document.file)
            raise
        try:
            event_append(
                current,
                actor=actor,
                organisation_id=organisation_id,
                verb="document_downloaded",
                after={"document": document.pk, "sha256": document.sha256},
            )
        except BaseException:
            content.close()
            raise
    return content


def contact_consent_give(
    *, actor: Any, deal: Deal, idempotency_key: str | None = None
) -> ContactConsent:
    """The actor agrees to show their name and e-mail address to the other party."""

    def write() -> ContactConsent:
        with transaction.atomic():
            current, organisation_id = _party(actor, deal)
            if organisation_id == current.owner_id and _owner_unnamed(current):
                raise ServiceValidationError(
                    _(
                        "Your organisation is not named to the interested organisation until "
                        "you accept its interest: share contact details after accepting."
                    )
                )
            consent, created = ContactConsent.objects.get_or_create(deal=current, user=actor)
            if created:
                event_append(
                    current,
                    actor=actor,
                    organisation_id=organisation_id,
                    verb="contact_consent_given",
                    after={"user": actor.pk},
                )
                _record_transfer_if_cross_border(current, actor, organisation_id)
            return consent

    return idempotent(
        actor, idempotency_key, write, model=ContactConsent, operation="consent", deal=deal
    )


def _owner_unnamed(deal: Deal) -> bool:
    """Whether the interested organisation may not yet know the owner (an anonymous listing's,
    before it accepts the interest): a person of the owner would name it by their e-mail."""
    from techbridge.pipeline.selectors import owner_hidden_from  # selectors use the services

    return owner_hidden_from(deal, Role.COUNTERPARTY)


# What the other party reads once a person consents to show their contact details.
CONTACT_FIELDS = ["full_name", "email"]


def _record_transfer_if_cross_border(deal: Deal, subject: Any, own_organisation_id: int) -> None:
    """The contact details now go to the other side's organisation: across the boundary
    between the mainland and Hong Kong (or abroad), that provision is recorded."""
    own = Organisation.objects.get(pk=own_organisation_id)
    other_id = deal.counterparty_id if own_organisation_id == deal.owner_id else deal.owner_id
    other = Organisation.objects.get(pk=other_id)
    from_region = subject.residence_region or own.region
    if crosses_boundary(from_region, other.region):
        CrossBorderTransfer.objects.get_or_create(
            deal=deal,
            subject=subject,
            recipient=other,
            defaults={
                "from_region": from_region,
                "to_region": other.region,
                "fields": CONTACT_FIELDS,
            },
        )
