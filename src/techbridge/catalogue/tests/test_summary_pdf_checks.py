"""The summary PDF check on files written by a real PDF library: pages counted through object
streams, scripts, attachments and passwords refused wherever the document keeps them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from techbridge.catalogue.media_checks import pdf_clean
from techbridge.core.errors import ServiceValidationError


def _written(
    pages: int = 2, *, script: bool = False, attachment: bool = False, password: str = ""
) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if script:
        writer.add_open_action(JavaScript("app.alert('hello');"))
    if attachment:
        writer.add_attachment("notes.txt", b"hidden")
    writer.compress_identical_objects()
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_plain_pdf_is_kept_with_its_page_count() -> None:
    data = _written(3)
    clean = pdf_clean(io.BytesIO(data))
    assert (clean.pages, clean.content) == (3, data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_written(script=True), "scripts, attachments or forms"),
        (_written(attachment=True), "scripts, attachments or forms"),
        (_written(password="secret"), "without a password"),
        (_written(5), "at most 4 pages; this one has 5"),
        (b"%PDF-1.7\n" + b"\x00" * 64, "must be a PDF file"),
    ],
)
def test_active_locked_long_or_broken_pdfs_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ServiceValidationError) as refused:
        pdf_clean(io.BytesIO(data))
    assert message in str(refused.value.message_dict["file"])
