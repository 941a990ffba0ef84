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

:func:`make_pdfx` turns a finished PDF into PDF/X-4 for print (with pikepdf,
which reads and rewrites content streams): an output intent with its ICC
profile, XMP metadata agreeing with the document information (and
``Trapped`` false), cairo's DeviceRGB colours made ICC-based sRGB, PDF 1.6,
every font checked to be embedded, and a document ID made from the file's
own content (qpdf's deterministic ID), so it too is byte-identical from run
to run. The pieces are made by :mod:`chutecode.renderers.pdfx`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chutecode.design.units import mm_to_pt
from chutecode.errors import PrintError
from chutecode.renderers.pdfx import OutputIntent

__all__ = ["FIXED_DATE", "PdfMetadata", "finish_pdf", "concat_pdfs", "pdf_date", "make_pdfx"]

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


# -- PDF/X-4 -----------------------------------------------------------------------------------------

_RGB_SPACE = "/ChutecodeSRGB"


def make_pdfx(pdf: bytes, *, intent: OutputIntent, metadata: PdfMetadata | None = None,
              cmyk: Callable[[Sequence[float]], Sequence[float]] | None = None) -> bytes:
    """``pdf`` (finished by :func:`finish_pdf` or :func:`concat_pdfs`) as a PDF/X-4 file for ``intent``.

    cairo's DeviceRGB colours become ICC-based sRGB; with ``cmyk`` (an RGB to
    CMYK conversion, components 0 to 1, for a CMYK intent) every fill and
    stroke colour becomes DeviceCMYK instead, in the intent's own colour space.
    Raises :class:`~chutecode.errors.PrintError` when a page has no TrimBox
    or a font is not embedded (cairo embeds every font it draws with).
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    from chutecode.renderers.pdfx import PDFX_VERSION, document_uuid, srgb_profile, xmp_packet

    metadata = metadata or PdfMetadata()
    info = metadata.info()
    if not metadata.producer:
        info["/Producer"] += f", pikepdf {pikepdf.__version__}"
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        icc = doc.make_stream(srgb_profile(), N=3, Alternate=Name.DeviceRGB)
        space = doc.make_indirect(Array([Name.ICCBased, icc]))
        seen: set[tuple[int, int]] = set()
        for number, page in enumerate(doc.pages, start=1):
            if "/TrimBox" not in page.obj:
                raise PrintError(f"page {number} has no TrimBox: PDF/X needs one on every page")
            _to_icc_rgb(doc, page.obj, space, seen, cmyk)
        profile = doc.make_stream(intent.profile, N=intent.components)
        entries: dict[str, Any] = {"/Type": Name.OutputIntent, "/S": Name.GTS_PDFX,
                                   "/OutputConditionIdentifier": intent.identifier,
                                   "/OutputCondition": intent.condition, "/Info": intent.info,
                                   "/DestOutputProfile": profile}
        if intent.registry:
            entries["/RegistryName"] = intent.registry
        doc.Root.OutputIntents = Array([Dictionary(entries)])
        moment = metadata.timestamp or FIXED_DATE
        uuid = document_uuid(pdf, repr(sorted(info.items())).encode(), intent.profile)
        packet = xmp_packet(title=info.get("/Title", ""), author=info.get("/Author", ""),
                            subject=info.get("/Subject", ""), keywords=info.get("/Keywords", ""),
                            creator=info["/Creator"], producer=info["/Producer"], moment=moment,
                            document_id=uuid)
        doc.Root.Metadata = doc.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)
        docinfo: dict[str, Any] = {key: pikepdf.String(value) for key, value in info.items()}
        docinfo["/Trapped"] = Name("/False")
        docinfo["/GTS_PDFXVersion"] = pikepdf.String(PDFX_VERSION)
        doc.docinfo = doc.make_indirect(Dictionary(docinfo))
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, force_version="1.6", compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def _to_icc_rgb(doc: Any, holder: Any, space: Any, seen: set[tuple[int, int]],
                cmyk: Callable[[Sequence[float]], Sequence[float]] | None) -> None:
    """Make the DeviceRGB colours of a page, form, pattern or Type 3 glyph ICC-based sRGB (or CMYK).

    ``holder`` is a page dictionary or a stream with content; its resources,
    their forms, patterns, shadings and Type 3 fonts are done too, each object
    once. With ``cmyk``, fill and stroke colours are converted to DeviceCMYK
    and transparency groups blend in DeviceCMYK; images and shadings (which
    chutecode does not draw) become ICC-based sRGB either way. Fonts are
    checked to be embedded. Soft masks (luminosity in DeviceGray, as PDF/X-4
    allows) are left as they are.
    """
    from pikepdf import Dictionary, Name

    key = holder.objgen
    if key != (0, 0):
        if key in seen:
            return
        seen.add(key)
    group = holder.get("/Group")
    if group is not None and group.get("/CS") == Name.DeviceRGB:
        group.CS = Name.DeviceCMYK if cmyk is not None else space
    resources = holder.get("/Resources")
    if resources is None:
        resources = holder.Resources = Dictionary()
    spaces = resources.get("/ColorSpace")
    if spaces is None:
        spaces = resources.ColorSpace = Dictionary()
    spaces[_RGB_SPACE] = space
    _rewrite_content(doc, holder, cmyk)
    for xobject in (resources.get("/XObject") or {}).values():
        subtype = xobject.get("/Subtype")
        if subtype == Name.Form:
            _to_icc_rgb(doc, xobject, space, seen, cmyk)
        elif subtype == Name.Image and xobject.get("/ColorSpace") == Name.DeviceRGB:
            xobject.ColorSpace = space
    for pattern in (resources.get("/Pattern") or {}).values():
        if pattern.get("/PatternType") == 1:
            _to_icc_rgb(doc, pattern, space, seen, cmyk)
        else:
            _shading_to_icc(pattern.get("/Shading"), space)
    for shading in (resources.get("/Shading") or {}).values():
        _shading_to_icc(shading, space)
    for font in (resources.get("/Font") or {}).values():
        _check_embedded(font)
        if font.get("/Subtype") == Name.Type3:
            for glyph in (font.get("/CharProcs") or {}).values():
                if font.get("/Resources") is not None and "/Resources" not in glyph:
                    glyph.Resources = font.Resources
                _to_icc_rgb(doc, glyph, space, seen, cmyk)


def _shading_to_icc(shading: Any, space: Any) -> None:
    from pikepdf import Name

    if shading is not None and shading.get("/ColorSpace") == Name.DeviceRGB:
        shading.ColorSpace = space


def _check_embedded(font: Any) -> None:
    from pikepdf import Name

    subtype = font.get("/Subtype")
    if subtype == Name.Type3:
        return
    descendant = font.DescendantFonts[0] if subtype == Name.Type0 else font
    descriptor = descendant.get("/FontDescriptor")
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        raise PrintError(f"font {str(font.get('/BaseFont', '?'))!r} is not embedded: PDF/X needs every font "
                         "in the file")


def _rewrite_content(doc: Any, holder: Any,
                     cmyk: Callable[[Sequence[float]], Sequence[float]] | None) -> None:
    """Rewrite ``rg``/``RG`` as colours of the ICC-based sRGB space (or as ``k``/``K`` through ``cmyk``),
    and DeviceRGB ``cs``/``CS`` as the sRGB space."""
    import pikepdf
    from pikepdf import Name, Operator

    instructions = pikepdf.parse_content_stream(holder)
    out: list[Any] = []
    changed = False
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            out.append(instruction)
            continue
        operands, operator = list(instruction.operands), str(instruction.operator)
        if operator in ("rg", "RG"):
            stroke = operator == "RG"
            if cmyk is not None:
                ink = [round(float(v), 4) for v in cmyk([float(v) for v in operands])]
                out.append((ink, Operator("K" if stroke else "k")))
            else:
                out.append(([Name(_RGB_SPACE)], Operator("CS" if stroke else "cs")))
                out.append((operands, Operator("SC" if stroke else "sc")))
            changed = True
        elif operator in ("cs", "CS") and operands and operands[0] == Name.DeviceRGB:
            out.append(([Name(_RGB_SPACE)], Operator(operator)))
            changed = True
        else:
            out.append((operands, instruction.operator))
    if not changed:
        return
    data = pikepdf.unparse_content_stream(out)
    if not isinstance(holder, pikepdf.Stream):  # a page: one new content stream
        holder.Contents = doc.make_stream(data)
    else:
        holder.write(data)
