"""The summary PDF check on files written by a real PDF library: pages counted through object
streams, scripts, attachments and passwords refused wherever the document keeps them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

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
    clean = pdf_clean(io.BytesIO(_written(3)))
    assert clean.pages == 3
    assert len(PdfReader(io.BytesIO(clean.content)).pages) == 3


OWNER = "Chongqing Geleshan Medical Devices"
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Description rdf:about="">'
    f"<dc:creator><rdf:Seq><rdf:li>{OWNER}</rdf:li></rdf:Seq></dc:creator>"
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
).encode()


def _with_owner_metadata() -> tuple[bytes, bytes]:
    """A one-page PDF with text naming its maker wherever programs put it: the document
    information, XMP, application data nested as Illustrator writes it (/PieceInfo →
    /Private → a stream), XMP on an image-like object, a comment's author; then saved again
    incrementally with the author "corrected" (the first revision stays). Also the file's
    original first identifier."""
    import weasyprint

    html = (
        "<html><head><meta name=author content='" + OWNER + "'><title>HIFU</title></head>"
        "<body><p>Focused ultrasound ablation of liver tumours.</p></body></html>"
    )
    first = PdfWriter(clone_from=io.BytesIO(weasyprint.HTML(string=html).write_pdf()))
    first.add_metadata({"/Creator": OWNER, "/Company": OWNER})
    first.xmp_metadata = XMP
    editing = StreamObject()
    editing.set_data(f"%%For: ({OWNER})".encode())
    private = DictionaryObject({NameObject("/AIMetaData"): first._add_object(editing)})
    holder = DictionaryObject({NameObject("/Private"): first._add_object(private)})
    page = first.pages[0]
    page[NameObject("/PieceInfo")] = DictionaryObject(
        {NameObject("/Illustrator"): first._add_object(holder)}
    )
    picture_xmp = StreamObject()
    picture_xmp.set_data(XMP)
    page[NameObject("/Thumb")] = first._add_object(
        DictionaryObject({NameObject("/Metadata"): first._add_object(picture_xmp)})
    )
    comment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (10, 10, 30, 30)]),
            NameObject("/T"): TextStringObject(OWNER),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([first._add_object(comment)])
    first.generate_file_identifiers()
    saved = io.BytesIO()
    first.write(saved)
    second = PdfWriter(io.BytesIO(saved.getvalue()), incremental=True)
    second.add_metadata({"/Author": "Anonymous", "/Creator": "Anonymous"})
    out = io.BytesIO()
    second.write(out)
    return out.getvalue(), _first_identifier(out.getvalue())


def _first_identifier(data: bytes) -> bytes:
    identifiers = PdfReader(io.BytesIO(data)).trailer["/ID"]
    assert isinstance(identifiers, ArrayObject)
    return bytes(identifiers[0].original_bytes)


def test_a_summary_loses_every_trace_of_who_made_it_and_keeps_its_text() -> None:
    data, original_id = _with_owner_metadata()
    assert data.count(OWNER.encode()) >= 6  # the fixture really names the owner
    clean = pdf_clean(io.BytesIO(data))
    assert OWNER.encode() not in clean.content
    reader = PdfReader(io.BytesIO(clean.content))
    assert reader.metadata is None
    assert _first_identifier(clean.content) != original_id
    annotations = reader.pages[0]["/Annots"]
    assert isinstance(annotations, ArrayObject)
    assert "/T" not in annotations[0].get_object()
    assert "/Metadata" not in reader.root_object
    assert "/PieceInfo" not in reader.pages[0]
    assert clean.pages == 1
    text = reader.pages[0].extract_text()
    assert "Focused ultrasound ablation of liver tumours." in text


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
