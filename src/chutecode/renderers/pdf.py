"""Print boxes and metadata for PDFs drawn with cairo.

cairo writes only a MediaBox and stamps the current time in the document
information. :func:`finish_pdf` rewrites a cairo PDF for a print shop:

- MediaBox: the page plus bleed (plus slug, if any), as drawn;
- BleedBox: the page plus bleed;
- TrimBox: the page itself;
- a document information dictionary with title, author, subject, keywords,
  creator ``chutecode <version>``, producer and a fixed creation and
  modification date (:data:`FIXED_DATE`) unless a timestamp is given.

The output is byte-identical for identical input: no file identifier, no
current time. :func:`concat_pdfs` does the same for several single- or
multi-page PDFs joined into one document, in order. The PDF version of the
header is kept (the highest of the inputs).

The page is expected to be drawn on a cairo surface of the page size plus
twice ``bleed_mm + slug_mm``, the page's top-left corner at
``(bleed_mm + slug_mm, bleed_mm + slug_mm)``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from chutecode.design.units import mm_to_pt
from chutecode.errors import PrintError

__all__ = ["FIXED_DATE", "PdfMetadata", "finish_pdf", "concat_pdfs", "pdf_date"]

#: Creation and modification date written when no timestamp is asked for, so
#: that output is reproducible: 18 February 2021, 20:55 UTC, the landing of
#: Mars 2020 Perseverance.
FIXED_DATE = datetime(2021, 2, 18, 20, 55, 0, tzinfo=UTC)


@dataclass(frozen=True)
class PdfMetadata:
    """Document information written into a finished PDF.

    Empty fields are left out. ``creator`` and ``producer`` default to
    ``chutecode <version>`` and the cairo and pypdf versions. ``timestamp``
    (timezone-aware; naive times are taken as UTC) replaces
    :data:`FIXED_DATE` as creation and modification date.
    """

    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator: str = ""
    producer: str = ""
    timestamp: datetime | None = None

    def info(self) -> dict[str, str]:
        """The ``/Info`` entries as PDF names and text strings."""
        moment = pdf_date(self.timestamp or FIXED_DATE)
        entries = {
            "/Title": self.title,
            "/Author": self.author,
            "/Subject": self.subject,
            "/Keywords": self.keywords,
            "/Creator": self.creator or _default_creator(),
            "/Producer": self.producer or _default_producer(),
            "/CreationDate": moment,
            "/ModDate": moment,
        }
        return {key: value for key, value in entries.items() if value}


def pdf_date(moment: datetime) -> str:
    """Format ``moment`` as a PDF date string, e.g. ``D:20210218205500+00'00'``.

    A naive ``datetime`` is taken as UTC.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{minutes:02d}'"


def finish_pdf(
    pdf: bytes,
    *,
    bleed_mm: float = 0.0,
    slug_mm: float = 0.0,
    metadata: PdfMetadata | None = None,
) -> bytes:
    """Set the print boxes and metadata of every page of ``pdf``; return the new PDF bytes.

    Each page's MediaBox is kept as drawn; the BleedBox is the MediaBox inset
    by ``slug_mm`` and the TrimBox the MediaBox inset by ``bleed_mm + slug_mm``.
    Raises :class:`~chutecode.errors.PrintError` for a PDF that cannot be read
    or a bleed and slug that leave no page.
    """
    return concat_pdfs([pdf], bleed_mm=bleed_mm, slug_mm=slug_mm, metadata=metadata)


def concat_pdfs(
    pdfs: Sequence[bytes],
    *,
    bleed_mm: float | None = 0.0,
    slug_mm: float = 0.0,
    metadata: PdfMetadata | None = None,
) -> bytes:
    """Join ``pdfs`` page after page into one PDF with print boxes and metadata.

    Same boxes and metadata as :func:`finish_pdf`, for every page; with
    ``bleed_mm=None`` each page keeps the boxes it has (to join finished PDFs,
    as ``batch --combine`` does). The result depends only on the inputs and the
    arguments (no file identifier, fixed dates), so it is byte-identical from
    run to run.
    """
    from pypdf import PdfReader, PdfWriter

    if isinstance(pdfs, (bytes, bytearray)):
        raise TypeError("concat_pdfs takes a sequence of PDFs; use finish_pdf for one")
    if not pdfs:
        raise PrintError("no PDF pages given: concat_pdfs needs at least one PDF")
    if bleed_mm is not None:
        _check_length("bleed", bleed_mm)
    _check_length("slug", slug_mm)
    bleed_pt = None if bleed_mm is None else mm_to_pt(bleed_mm)
    slug_pt = mm_to_pt(slug_mm)

    writer = PdfWriter()
    headers = [writer.pdf_header]
    for number, data in enumerate(pdfs, start=1):
        try:
            reader = PdfReader(io.BytesIO(bytes(data)), strict=False)
            pages = list(reader.pages)
            headers.append(reader.pdf_header)
        except Exception as error:  # pypdf raises several unrelated types for damaged files
            raise PrintError(
                f"PDF number {number} cannot be read ({error}): give a PDF made by cairo"
            ) from None
        if not pages:
            raise PrintError(f"PDF number {number} has no pages: give a PDF with at least one page")
        for page in pages:
            added = writer.add_page(page)
            if bleed_pt is not None:
                _set_boxes(added, bleed_pt, slug_pt)
    writer.pdf_header = max(headers, key=_header_version)
    writer.metadata = (metadata or PdfMetadata()).info()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _set_boxes(page: object, bleed_pt: float, slug_pt: float) -> None:
    from pypdf.generic import RectangleObject

    media = page.mediabox  # type: ignore[attr-defined]
    left, bottom, right, top = (float(media.left), float(media.bottom), float(media.right), float(media.top))
    inset = bleed_pt + slug_pt
    if right - left <= 2 * inset or top - bottom <= 2 * inset:
        raise PrintError(
            f"bleed {bleed_pt * 25.4 / 72:g}mm plus slug {slug_pt * 25.4 / 72:g}mm leave no page inside a "
            f"{(right - left) * 25.4 / 72:.1f} x {(top - bottom) * 25.4 / 72:.1f} mm sheet: "
            f"use a bleed smaller than half the page"
        )

    def box(margin: float) -> RectangleObject:
        return RectangleObject(
            [_tidy(left + margin), _tidy(bottom + margin), _tidy(right - margin), _tidy(top - margin)]
        )

    page.mediabox = box(0.0)  # type: ignore[attr-defined]
    page.bleedbox = box(slug_pt)  # type: ignore[attr-defined]
    page.trimbox = box(inset)  # type: ignore[attr-defined]


def _tidy(value: float) -> float | int:
    """Round a coordinate to 1/10000 pt; whole numbers are written without a decimal point."""
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


def _check_length(name: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < float("inf"):
        raise PrintError(f"{name} {value!r} is not valid: give a length in millimetres, zero or more")


def _header_version(header: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in header.removeprefix("%PDF-").split("."))
    except ValueError:
        return (0,)


def _default_creator() -> str:
    from chutecode._version import __version__

    return f"chutecode {__version__}"


def _default_producer() -> str:
    import cairocffi
    import pypdf

    return f"cairo {cairocffi.cairo_version_string()}, pypdf {pypdf.__version__}"
