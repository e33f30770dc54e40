"""Checking a listing's pictures and summary PDF by what the bytes are, not by their name.

Pictures must decode as PNG, JPEG or WebP; they are then re-encoded, which drops every piece of
metadata (EXIF, GPS position, camera serial, comments), and a thumbnail is made. A summary must
be a small PDF of a few pages with no active content; it is then rewritten without its document
information (author, creator, company), its XMP metadata and the earlier revisions an edited
PDF keeps, any of which could name the owner of an anonymous listing. Each check returns the
clean bytes or raises ``ServiceValidationError`` with a message for the uploader; nothing is
stored here.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from techbridge.core.errors import ServiceValidationError

MAX_IMAGES = 6
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# Far beyond any photograph a listing needs, far below what would exhaust a worker's memory:
# a small file that declares a huge canvas (a "decompression bomb") is refused before decoding.
MAX_IMAGE_PIXELS = 40_000_000
THUMBNAIL_WIDTH = 320
MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 4

# Pillow's name for each accepted format → (content type, suffix).
IMAGE_FORMATS = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
}

PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
# Active content a public document has no business carrying: scripts, launching programs,
# embedded files and forms that send data. Looked for as names anywhere in the document's
# object graph, keys or values, after pypdf has decoded them (/J#61vaScript is /JavaScript).
PDF_ACTIVE = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/SubmitForm",
        "/ImportData",
        "/XFA",
    }
)
# Objects visited at most: a 10 MB file cannot make the walk run away.
PDF_MAX_OBJECTS = 50_000


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    content_type: str
    suffix: str
    width: int
    height: int
    thumbnail: bytes  # JPEG, THUMBNAIL_WIDTH wide at most


@dataclass(frozen=True)
class CleanPdf:
    content: bytes
    pages: int


def read_limited(upload: IO[bytes], limit: int, too_big: str) -> bytes:
    """The upload's bytes, refusing more than ``limit`` (read one byte more to know)."""
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:
        raise ServiceValidationError({"file": [too_big]})
    if not data:
        raise ServiceValidationError({"file": [_("The file is empty.")]})
    return data


def image_clean(upload: IO[bytes]) -> CleanImage:
    """Decode, bound, re-encode and thumbnail a picture, or refuse it."""
    data = read_limited(
        upload,
        MAX_IMAGE_BYTES,
        _("An image can be at most %(mb)d MB.") % {"mb": MAX_IMAGE_BYTES // (1024 * 1024)},
    )
    not_an_image = _("Only PNG, JPEG and WebP images are accepted.")
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, past its own bomb limit; ours is lower and explicit.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise ServiceValidationError({"file": [not_an_image]})
                _check_pixels(probe.size)
                probe.verify()
            with Image.open(io.BytesIO(data)) as opened:
                image_format = str(opened.format)
                opened.load()
                picture = ImageOps.exif_transpose(opened)
    except ServiceValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise ServiceValidationError({"file": [_pixels_message()]}) from bomb
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as broken:
        raise ServiceValidationError({"file": [not_an_image]}) from broken
    content_type, suffix = IMAGE_FORMATS[image_format]
    return CleanImage(
        content=_reencode(picture, image_format),
        content_type=content_type,
        suffix=suffix,
        width=picture.width,
        height=picture.height,
        thumbnail=_thumbnail(picture),
    )


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width < 1 or height < 1 or width * height > MAX_IMAGE_PIXELS:
        raise ServiceValidationError({"file": [_pixels_message()]})


def _pixels_message() -> str:
    return _("An image can have at most %(megapixels)d million pixels.") % {
        "megapixels": MAX_IMAGE_PIXELS // 1_000_000
    }


def _reencode(picture: Image.Image, image_format: str) -> bytes:
    """The picture written afresh: only pixels travel, no EXIF, XMP, ICC comments or text."""
    out = io.BytesIO()
    if image_format == "JPEG":
        picture.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    elif image_format == "WEBP":
        mode = "RGBA" if _has_alpha(picture) else "RGB"
        picture.convert(mode).save(out, "WEBP", quality=85)
    else:
        mode = "RGBA" if _has_alpha(picture) else "RGB"
        picture.convert(mode).save(out, "PNG", optimize=True)
    return out.getvalue()


def _has_alpha(picture: Image.Image) -> bool:
    return picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info


def _thumbnail(picture: Image.Image) -> bytes:
    """A JPEG at most THUMBNAIL_WIDTH wide; transparency is laid on white."""
    small = picture.convert("RGBA") if _has_alpha(picture) else picture.convert("RGB")
    if small.width > THUMBNAIL_WIDTH:
        height = max(1, round(small.height * THUMBNAIL_WIDTH / small.width))
        small = small.resize((THUMBNAIL_WIDTH, height), Image.Resampling.LANCZOS)
    if small.mode == "RGBA":
        background = Image.new("RGB", small.size, "white")
        background.paste(small, mask=small.getchannel("A"))
        small = background
    out = io.BytesIO()
    small.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def pdf_clean(upload: IO[bytes]) -> CleanPdf:
    """A small PDF of one to MAX_PDF_PAGES pages without active content, or a refusal.

    Parsed with pypdf (not strict: real-world files bend the standard), its object graph
    walked from the trailer for the names of active content, within an object budget."""
    data = read_limited(
        upload,
        MAX_PDF_BYTES,
        _("The summary can be at most %(mb)d MB.") % {"mb": MAX_PDF_BYTES // (1024 * 1024)},
    )
    not_pdf = ServiceValidationError({"file": [_("The summary must be a PDF file.")]})
    if not PDF_HEADER.match(data):
        raise not_pdf
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about every repaired flaw
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ServiceValidationError(
                    {"file": [_("Save the PDF without a password and try again.")]}
                )
            pages = len(reader.pages)
            active = _has_active_content(reader.trailer)
            if not active and 1 <= pages <= MAX_PDF_PAGES:
                data = _without_metadata(reader)
    except ServiceValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise not_pdf from None
    if active:
        raise ServiceValidationError(
            {
                "file": [
                    _(
                        "The PDF contains scripts, attachments or forms; "
                        "save it as a plain PDF and try again."
                    )
                ]
            }
        )
    if pages < 1:
        raise not_pdf
    if pages > MAX_PDF_PAGES:
        raise ServiceValidationError(
            {
                "file": [
                    _("The summary can have at most %(pages)d pages; this one has %(found)d.")
                    % {"pages": MAX_PDF_PAGES, "found": pages}
                ]
            }
        )
    return CleanPdf(content=data, pages=pages)


# Where a PDF keeps who made it: XMP streams and application data (/PieceInfo, which office
# and design programs fill with the author's details) on any object — the catalogue, pages,
# images, fonts — and the author of a comment (an annotation's /T).
PDF_METADATA_KEYS = ("/Metadata", "/PieceInfo")


def _without_metadata(reader: PdfReader) -> bytes:
    """The document written afresh: no document information dictionary, no XMP or application
    data on any object, no comment authors, a new file identifier, and none of the earlier
    revisions an incremental save leaves behind (an author's name deleted in a later edit is
    still in the file until it is rewritten). Any failure is a refusal, never a 500: the
    bytes are hostile until proven otherwise."""
    try:
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        _strip_identifying(writer.root_object)
        # The first half of the original identifier stays the same across a document's
        # versions: it would tie this copy to the ones the owner publishes under their name.
        writer._ID = None  # pypdf has no public way to drop it
        writer.generate_file_identifiers()
        first = io.BytesIO()
        writer.write(first)
        # Written once more from what the catalogue reaches: objects that hung below a removed
        # key (Illustrator's /PieceInfo → /Private → its editing data) are left behind.
        again = PdfWriter(clone_from=PdfReader(io.BytesIO(first.getvalue()), strict=False))
        again.metadata = None
        out = io.BytesIO()
        again.write(out)
    except Exception:  # any parser failure on an upload is a refusal, never a 500
        raise PyPdfError("the PDF could not be rewritten") from None
    return out.getvalue()


def _strip_identifying(root: PdfObject) -> None:
    """Remove :data:`PDF_METADATA_KEYS` from every dictionary reachable from ``root``, and the
    author (/T) of every annotation that is not a form field."""
    for item in _reachable(root):
        if isinstance(item, DictionaryObject):
            for key in PDF_METADATA_KEYS:
                if key in item:
                    del item[key]
            if "/Rect" in item and "/Subtype" in item and "/FT" not in item and "/T" in item:
                del item["/T"]


def _reachable(root: PdfObject) -> Iterator[PdfObject]:
    """Every object reachable from ``root``, each indirect one once, resolved. A dictionary's
    values are visited after the caller has seen it, so keys it removes are not followed."""
    seen: set[tuple[int, int]] = set()
    pending: list[PdfObject] = [root]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            resolved = item.get_object()
            if resolved is None:
                continue
            item = resolved
        yield item
        if isinstance(item, DictionaryObject):
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)


def _has_active_content(root: PdfObject) -> bool:
    """Whether any name of :data:`PDF_ACTIVE` is reachable from ``root`` (as a key or a
    value). Too large a graph counts as active: it cannot be vouched for."""
    for visited, item in enumerate(_reachable(root), start=1):
        if visited > PDF_MAX_OBJECTS:
            return True
        if isinstance(item, NameObject):
            if item in PDF_ACTIVE:
                return True
        elif isinstance(item, DictionaryObject) and any(name in PDF_ACTIVE for name in item):
            return True
    return False
