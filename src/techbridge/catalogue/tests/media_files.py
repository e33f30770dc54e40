"""Pictures and PDFs made in the test, for the listing media tests (nothing downloaded)."""

from __future__ import annotations

import io

from PIL import Image


def png_bytes(size: tuple[int, int] = (800, 600), colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps(size: tuple[int, int] = (1200, 900)) -> bytes:
    """A JPEG carrying a camera make and a GPS position in its EXIF block."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (22.0, 17.0, 3.0), 3: "E", 4: (114.0, 10.0, 20.0)}  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", size, "orange").save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF of ``pages`` pages, written by Pillow."""
    frames = [Image.new("RGB", (595, 842), "white") for _ in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "PDF", save_all=True, append_images=frames[1:])
    return out.getvalue()
