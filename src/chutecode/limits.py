"""The limits every input is held to, in one place.

Each limit is checked before anything is allocated for the value it bounds, and
the one-line error that refuses a value says the limit. They are documented in
``docs/limits.md``. Any layer may import this module: it imports nothing of
chutecode.
"""

from __future__ import annotations

__all__ = [
    "MAX_GORES", "MAX_RINGS", "MAX_MESSAGE_CHARS", "MAX_LAYOUT_BYTES", "MAX_INPUT_BYTES",
    "MAX_ROWS_BYTES", "MAX_NAME_CHARS", "MAX_TEXT_CHARS", "MAX_PAGE_MM", "MIN_PAGE_MM", "MAX_DPI",
    "MIN_IMAGE_PX", "MAX_IMAGE_SIDE_PX", "MAX_IMAGE_PIXELS", "MAX_BLEED_MM", "MAX_ALTERNATIVES",
    "PDF_MAX_PT", "size_text",
]

#: Gores in a ring, and bits in a ring given to the decoder (the real canopy has 80).
MAX_GORES = 2000
#: Rings of a canopy: message rings, padding and the coordinate ring.
MAX_RINGS = 200
#: Characters of a message before it is normalised (more than the largest canopy holds in practice).
MAX_MESSAGE_CHARS = 20_000
#: Bytes of a layout's JSON text (``Layout.from_json``; the largest layout is under 1 MB).
MAX_LAYOUT_BYTES = 4 * 1024 * 1024
#: Bytes of a bits or layout file read by the command line (standard input included).
MAX_INPUT_BYTES = 4 * 1024 * 1024
#: Bytes of a batch's rows file (CSV, JSON Lines or TOML).
MAX_ROWS_BYTES = 64 * 1024 * 1024
#: Characters of a batch name template, of a name it makes, and of any width in its fields.
MAX_NAME_CHARS = 255
#: Characters of a page or document text: caption, subtitle, footer, title, author, subject.
MAX_TEXT_CHARS = 1000
#: PDF readers refuse pages wider or taller than 14,400 pt (200 in, 5080 mm).
PDF_MAX_PT = 14_400
#: The largest canopy diameter and page side in mm: with the largest bleed and crop marks
#: the sheet stays within :data:`PDF_MAX_PT`.
MAX_PAGE_MM = 5000.0
#: The smallest canopy diameter and page side in mm.
MIN_PAGE_MM = 1.0
#: The highest DPI of raster output and of lengths in px.
MAX_DPI = 10_000.0
#: The shortest side of a raster image (PNG, TIFF, JPEG) in pixels.
MIN_IMAGE_PX = 16
#: The longest side of a raster image in pixels (wide PNGs are drawn in strips up to this).
MAX_IMAGE_SIDE_PX = 200_000
#: The most pixels of one raster image (4 Gpx: 24 x 36 in at 1800 dpi is 2.8 Gpx).
MAX_IMAGE_PIXELS = 4_000_000_000
#: The largest bleed in mm (print shops ask for 2 to 5 mm).
MAX_BLEED_MM = 25.0
#: Other readings a decoding lists when it is not certain (``Decoded.alternatives``).
MAX_ALTERNATIVES = 20


def size_text(count: int) -> str:
    """A byte count for an error message: ``4 MiB``, ``1.5 KiB``, ``12 bytes``."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:.3g} {unit}"
    return f"{count} bytes"
