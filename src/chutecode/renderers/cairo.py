"""PNG, PDF, EPS, PS, and CMYK TIFF and JPEG output with ``cairocffi``.

Every format draws the whole sheet of the drawing's page (see
:mod:`chutecode.drawing.composition`): the paper over the page and its bleed, the
canopy, the text blocks and the crop marks (in a white slug outside the
bleed). PDF, EPS and PS are vector pages of the sheet's size; a PDF goes
through :func:`chutecode.renderers.pdf.finish_pdf` for its TrimBox, BleedBox and
metadata (creator ``chutecode <version>``, a fixed date unless a timestamp is
asked for), so the same drawing gives the same bytes.

PNG is an RGB image (RGBA with straight alpha for a transparent design) of
exactly :func:`~chutecode.design.units.page_pixels` of the sheet at the drawing's
DPI (the trimmed page when there is no bleed and no crop marks: A4 at 300 dpi is
2480 x 3508 px), the DPI stored in the file.
It is drawn band by band with :func:`chutecode.renderers.pngwrite.draw_png`, each band
deflated on another core while the next is drawn, so the whole image is never
in memory; sheets wider than cairo draws (:data:`TILE_WIDTH`) are drawn in
tiles by :func:`chutecode.renderers.tiles.write_png_strips`. Only absurd sizes are
refused (:data:`MAX_PIXELS_SIDE`, :data:`MAX_PIXELS`).

TIFF and JPEG are CMYK, converted with the page's ``cmyk_profile`` by
:mod:`chutecode.renderers.cmyk`; a TIFF is drawn, converted and written band by
band (:func:`chutecode.renderers.cmyk.write_cmyk_tiff`), a JPEG holds the whole image.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import math
import re
import sys
from collections.abc import Sequence
from typing import Any, BinaryIO

from chutecode.design.palette import RGB
from chutecode.design.units import mm_to_pt
from chutecode.drawing.drawing import Drawing
from chutecode.errors import PrintError, RenderError
from chutecode.limits import MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE_PX, MIN_IMAGE_PX

__all__ = ["MAX_PIXELS_SIDE", "MAX_PIXELS", "TILE_WIDTH", "ONE_BAND_PIXELS", "CMYK_MAX_PIXELS",
           "CMYK_BAND_ROWS", "MIN_SEAM_PX", "SEAM_TONE_PX", "SEAM_TONE_STEP", "seam_tone",
           "paint", "paint_page", "raster_pixels", "raster_size", "uses_tiles",
           "pdf_page", "pdf_metadata", "render_png", "render_pdf", "render_pdf_pages", "render_eps",
           "render_ps", "render_tiff",
           "render_jpeg"]

#: The largest image side accepted (strips draw past cairo's 32767 px; beyond this, refuse).
MAX_PIXELS_SIDE = MAX_IMAGE_SIDE_PX
#: The most pixels accepted in one image (4 Gpx: 24 x 36 in at 1800 dpi is 2.8 Gpx).
MAX_PIXELS = MAX_IMAGE_PIXELS
#: PNGs up to this width are drawn in full-width bands; wider ones in tiles (cairo's limit).
TILE_WIDTH = 32767
#: PNGs up to this many pixels are drawn in one band (a 64 MB surface).
ONE_BAND_PIXELS = 16_000_000
#: CMYK JPEG holds the whole image: at most this many pixels (TIFF is drawn in bands, any size).
CMYK_MAX_PIXELS = 150_000_000
#: Rows of each band of a CMYK TIFF (rounded to whole TIFF strips).
CMYK_BAND_ROWS = 512
_CAIRO_SIDE = 32767
#: Past 80 gores, radial seams narrower than this many pixels are not drawn in raster images (PNG,
#: TIFF, JPEG): each costs as much as a wide one and shows only as a faint grey; vector output keeps
#: them. On large images those up to a pixel wide are drawn as their tone (see :data:`SEAM_TONE_PX`).
MIN_SEAM_PX = 0.25
#: On canopies at least this many pixels across (an image drawn in several bands, a print file),
#: radial seams under a pixel wide are drawn as the tone they give the gores: rings of the seam
#: colour whose opacity is the share of each radius the seams cover. A seam that thin is finer than
#: a print at the image's resolution shows; its tone is what is seen. Smaller images keep drawn seams.
SEAM_TONE_PX = 4000.0
#: Steps of opacity between the rings of a seam tone (1/256: under one grey level at full contrast).
SEAM_TONE_STEP = 1 / 256


def _rgb(colour: RGB) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def _a(angle: float) -> float:
    """Clockwise-from-12-o'clock to cairo's angle (from +x, towards +y)."""
    return angle - math.pi / 2


def paint(ctx: Any, drawing: Drawing, *, backdrop: str = "square") -> None:
    """Paint the canopy of ``drawing`` on a cairo context whose user unit is the millimetre.

    The canopy fills the square from ``(0, 0)`` to ``(size, size)``.
    ``backdrop`` is what gets the palette's background first: the whole
    ``square`` (default), only the canopy's ``disk``, or ``none``.
    """
    import cairocffi as cairo

    g = drawing.geometry
    pal = drawing.palette
    cx, cy = g.centre
    if backdrop == "square":
        ctx.set_source_rgb(*_rgb(pal.background))
        ctx.rectangle(0, 0, g.size, g.size)
        ctx.fill()
    elif backdrop == "disk":
        ctx.set_source_rgb(*_rgb(pal.background))
        ctx.new_path()
        ctx.arc(cx, cy, g.radius, 0, 2 * math.pi)
        ctx.fill()
    ctx.set_fill_rule(cairo.FILL_RULE_EVEN_ODD)
    for ring in drawing.ring_paint():
        band = ring.band
        if ring.base is not None:
            ctx.new_path()
            ctx.arc(cx, cy, band.outer, 0, 2 * math.pi)
            if band.inner > 0:
                ctx.new_sub_path()
                ctx.arc(cx, cy, band.inner, 0, 2 * math.pi)
            ctx.set_source_rgb(*_rgb(ring.base))
            ctx.fill()
        for run in ring.runs:
            ctx.new_path()
            if run.full:
                ctx.arc(cx, cy, run.outer, 0, 2 * math.pi)
                if run.inner > 0:
                    ctx.new_sub_path()
                    ctx.arc(cx, cy, run.inner, 0, 2 * math.pi)
            else:
                ctx.arc(cx, cy, run.outer, _a(run.start), _a(run.end))
                if run.inner > 0:
                    ctx.arc_negative(cx, cy, run.inner, _a(run.end), _a(run.start))
                else:
                    ctx.line_to(cx, cy)
                ctx.close_path()
            ctx.set_source_rgb(*_rgb(run.key))  # type: ignore[arg-type]
            ctx.fill()

    if g.seam_width > 0:
        ctx.set_source_rgb(*_rgb(pal.seam_colour))
        ctx.set_line_width(g.seam_width)
        ctx.set_line_cap(cairo.LINE_CAP_BUTT)
        pixels = _raster_seam_px(ctx, g)
        across = math.hypot(*ctx.user_to_device_distance(2 * g.radius, 0.0))
        if pixels is not None and MIN_SEAM_PX <= pixels < 1.0 and across >= SEAM_TONE_PX:
            _paint_seam_tone(ctx, g, pal.seam_colour, pixels, across / (2 * g.radius))
        else:
            # Lines, then circles: two strokes rasterise in half the time of one path holding both.
            ctx.new_path()
            for seam in () if pixels is not None and pixels < MIN_SEAM_PX else g.radial_seams:
                s, c = math.sin(seam.angle), -math.cos(seam.angle)
                ctx.move_to(cx + seam.inner * s, cy + seam.inner * c)
                ctx.line_to(cx + seam.outer * s, cy + seam.outer * c)
            ctx.stroke()
        ctx.new_path()
        for r in g.circle_seams:
            if r > 0:
                ctx.new_sub_path()
                ctx.arc(cx, cy, r, 0, 2 * math.pi)
        ctx.stroke()

    if g.labels:
        _paint_labels(ctx, drawing)


@functools.lru_cache(maxsize=16)
def seam_tone(inner: float, outer: float, gores: int, seam_px: float, px_per_unit: float
              ) -> tuple[tuple[float, float, float], ...]:
    """The tone radial seams ``seam_px`` wide give the gores between radii ``inner`` and ``outer``
    (user units, ``px_per_unit`` pixels each), as rings ``(inner, outer, opacity)``.

    At a radius where gores are ``g`` pixels wide, the seams cover ``seam_px / g`` of it; where
    gores are narrower than a pixel, ``1 / g`` seams cross each pixel, each covering ``seam_px`` of
    it, and together ``1 - (1 - seam_px) ** (1 / g)``. The opacity steps by at most
    :data:`SEAM_TONE_STEP` from ring to ring. Every band of an image asks for the same rings:
    they are worked out once.
    """
    if outer <= inner or gores <= 0:
        return ()
    steps = 2048
    share = min(seam_px, 1.0)
    rings: list[tuple[float, float, float]] = []
    start, level, weighted, area = inner, -1, 0.0, 0.0
    for k in range(steps):
        lo = inner + (outer - inner) * k / steps
        hi = inner + (outer - inner) * (k + 1) / steps
        mid = (lo + hi) / 2
        gore_px = max(mid * px_per_unit * 2 * math.pi / gores, 1e-3)
        opacity = share / gore_px if gore_px >= 1 else 1 - (1 - share) ** (1 / gore_px)
        step_level = math.floor(opacity / SEAM_TONE_STEP)
        if step_level != level and area > 0:
            rings.append((start, lo, weighted / area))
            start, weighted, area = lo, 0.0, 0.0
        level = step_level
        # The ring's opacity is the mean over its area, which grows with the radius.
        weighted += opacity * mid
        area += mid
    rings.append((start, outer, weighted / area))
    return tuple(rings)


def _paint_seam_tone(ctx: Any, g: Any, colour: RGB, seam_px: float, px_per_unit: float) -> None:
    """Radial seams under a pixel wide, painted as their tone (see :func:`seam_tone`)."""
    seams = g.radial_seams
    if not seams:
        return
    import cairocffi as cairo

    cx, cy = g.centre
    inner, outer = min(s.inner for s in seams), max(s.outer for s in seams)
    rgb = _rgb(colour)
    ctx.save()
    # The opacity steps are too small for a ring's edge to show, and cairo fills an aliased path
    # several times faster.
    ctx.set_antialias(cairo.ANTIALIAS_NONE)
    for lo, hi, opacity in seam_tone(inner, outer, len(seams), seam_px, px_per_unit):
        ctx.new_path()
        ctx.arc(cx, cy, hi, 0, 2 * math.pi)
        if lo > 0:
            ctx.new_sub_path()
            ctx.arc(cx, cy, lo, 0, 2 * math.pi)
        ctx.set_source_rgba(*rgb, opacity)
        ctx.fill()
    ctx.restore()


def _paint_labels(ctx: Any, drawing: Drawing) -> None:
    """The canopy's labels (annotate mode), with Pango, over a halo in the palette's zero colour."""
    from chutecode.renderers.text_cairo import TextPainter

    g = drawing.geometry
    cx, cy = g.centre
    painter = TextPainter(ctx)
    lang = drawing.page().page.lang
    for label in g.labels:
        x = cx + label.radius * math.sin(label.angle)
        y = cy - label.radius * math.cos(label.angle)
        painter.label(label, x, y, drawing.palette.zero, drawing.palette.text_colour, lang)


def _raster_seam_px(ctx: Any, geometry: Any) -> float | None:
    """How many pixels wide the radial seams are when ``ctx`` draws pixels and the canopy has more
    than :data:`SEAM_GORES` gores (seams that narrow with the gores); ``None`` otherwise.

    Radial seams under :data:`MIN_SEAM_PX` are then left out, and those under a pixel are drawn as
    one-pixel lines of the same weight.
    """
    import cairocffi as cairo

    from chutecode.design.style import SEAM_GORES

    if len(geometry.radial_seams) <= SEAM_GORES or not isinstance(ctx.get_target(), cairo.ImageSurface):
        return None
    return math.hypot(*ctx.user_to_device_distance(geometry.seam_width, 0.0))


def paint_page(ctx: Any, drawing: Drawing) -> None:
    """Paint the whole sheet of ``drawing`` on a cairo context in mm, origin at the sheet's corner.

    The paper covers the page and its bleed; the slug beyond it (where the
    crop marks go) is white.
    """
    page = drawing.page()
    off = page.offset
    if page.slug > 0 and not page.transparent:
        ctx.set_source_rgb(1, 1, 1)
        ctx.rectangle(0, 0, page.sheet_width, page.sheet_height)
        ctx.fill()
    bleed = page.bleed
    if not page.transparent:
        ctx.set_source_rgb(*_rgb(page.paper))
        ctx.rectangle(off - bleed, off - bleed, page.width + 2 * bleed, page.height + 2 * bleed)
        ctx.fill()
    ox, oy = page.canopy_origin
    ctx.save()
    ctx.translate(off + ox, off + oy)
    paint(ctx, drawing, backdrop=page.backdrop)
    ctx.restore()
    if not page.blocks and not page.marks:
        return
    ctx.save()
    ctx.translate(off, off)
    for block in page.blocks:
        _paint_block(ctx, block)
    _paint_texts(ctx, drawing)
    for mark in page.marks:
        _paint_segment(ctx, mark)
    ctx.restore()


def _paint_segment(ctx: Any, segment: Any) -> None:
    import cairocffi as cairo

    ctx.new_path()
    ctx.move_to(segment.x0, segment.y0)
    ctx.line_to(segment.x1, segment.y1)
    ctx.set_line_cap(cairo.LINE_CAP_BUTT)
    ctx.set_line_width(segment.width)
    ctx.set_source_rgb(*_rgb(segment.colour))
    ctx.stroke()


def _paint_block(ctx: Any, block: Any) -> None:
    import cairocffi as cairo

    # One path a colour: the fills first, then the outlines over them (a legend
    # or worksheet grid has hundreds of cells; a path each costs a cairo call each).
    fills: dict[RGB, list[Any]] = {}
    strokes: dict[tuple[RGB, float], list[Any]] = {}
    for rect in block.rects:
        if rect.fill is not None:
            fills.setdefault(rect.fill, []).append(rect)
        if rect.stroke is not None and rect.stroke_width > 0:
            strokes.setdefault((rect.stroke, rect.stroke_width), []).append(rect)
    for colour, rects in fills.items():
        ctx.new_path()
        for rect in rects:
            ctx.rectangle(rect.x, rect.y, rect.w, rect.h)
        ctx.set_source_rgb(*_rgb(colour))
        ctx.fill()
    ctx.set_line_join(cairo.LINE_JOIN_MITER)
    for (colour, width), rects in strokes.items():
        ctx.new_path()
        for rect in rects:
            ctx.rectangle(rect.x, rect.y, rect.w, rect.h)
        ctx.set_line_width(width)
        ctx.set_source_rgb(*_rgb(colour))
        ctx.stroke()
    for segment in block.segments:
        _paint_segment(ctx, segment)


def _paint_texts(ctx: Any, drawing: Drawing) -> None:
    """Every text line of the page's blocks, with Pango (as outlines with ``text_as_paths``)."""
    page = drawing.page()
    lines = page.texts()
    if not lines:
        return
    from chutecode.renderers.text_cairo import TextPainter

    painter = TextPainter(ctx, outlines=page.page.text_as_paths)
    for line in lines:
        painter.line(line)


def raster_pixels(drawing: Drawing) -> tuple[int, int]:
    """Width and height in pixels of the sheet of ``drawing`` at its DPI."""
    from chutecode.design.units import page_pixels

    width, height = drawing.sheet_size
    return page_pixels(width, height, drawing.dpi)


def raster_size(drawing: Drawing) -> int:
    """The larger side in pixels of the sheet of ``drawing`` at its DPI."""
    return max(raster_pixels(drawing))


def _check_raster(width: int, height: int, drawing: Drawing) -> None:
    sheet_w, sheet_h = drawing.sheet_size
    what = f"image of {width}x{height} px ({sheet_w:g} x {sheet_h:g} mm at {drawing.dpi:g} dpi)"
    if max(width, height) > MAX_PIXELS_SIDE or width * height > MAX_PIXELS:
        most = MAX_PIXELS_SIDE / drawing.dpi * 25.4
        raise RenderError(f"{what} is absurdly large (at most {MAX_PIXELS_SIDE} px a side and "
                          f"{MAX_PIXELS / 1e9:g} Gpx): use a lower dpi, a page under {most:.0f} mm, "
                          "or PDF/SVG")
    if min(width, height) < MIN_IMAGE_PX:
        least = MIN_IMAGE_PX / drawing.dpi * 25.4
        raise RenderError(f"{what} is smaller than the limit of {MIN_IMAGE_PX} px a side: use a higher dpi "
                          f"or a page of {least:.3g} mm or more")


def uses_tiles(width: int, height: int) -> bool:
    """True when a ``width`` x ``height`` PNG is wider than cairo draws and goes in tiles."""
    return width > TILE_WIDTH


def _scaled_painter(drawing: Drawing, width: int, height: int) -> Any:
    sheet_w, sheet_h = drawing.sheet_size
    sx, sy = width / sheet_w, height / sheet_h

    def draw(ctx: Any, x_offset_px: int = 0, y_offset_px: int = 0) -> None:
        ctx.scale(sx, sy)
        paint_page(ctx, drawing)

    return draw


def render_png(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the sheet of ``drawing`` as an RGB PNG at its DPI, the DPI stored in the file."""
    from chutecode.renderers.pngwrite import draw_png
    from chutecode.renderers.tiles import write_png_strips

    width, height = raster_pixels(drawing)
    _check_raster(width, height, drawing)
    draw = _scaled_painter(drawing, width, height)
    alpha = drawing.page().transparent
    if uses_tiles(width, height):
        if alpha:
            raise RenderError(f"a transparent PNG is at most {TILE_WIDTH} px wide, not {width} px: use a "
                              "lower dpi, or PDF or SVG")
        write_png_strips(stream, width, height, draw, dpi=drawing.dpi)
    elif width * height <= ONE_BAND_PIXELS:
        # Small enough to draw at once: one band, no drawing repeated per band.
        draw_png(draw, width, height, stream, drawing.dpi, alpha=alpha, band_rows=-(-height // 256) * 256)
    else:
        draw_png(draw, width, height, stream, drawing.dpi, alpha=alpha)


def _rgb_image(drawing: Drawing) -> Any:
    """The sheet as a Pillow RGB image (for CMYK conversion)."""
    import cairocffi as cairo
    from PIL import Image

    width, height = raster_pixels(drawing)
    _check_raster(width, height, drawing)
    if width * height > CMYK_MAX_PIXELS or max(width, height) > _CAIRO_SIDE:
        raise RenderError(f"CMYK JPEG of {width}x{height} px is larger than {CMYK_MAX_PIXELS / 1e6:.0f} Mpx "
                          "(a JPEG holds the whole image): use a lower dpi, or TIFF, PNG or PDF")
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    ctx = cairo.Context(surface)
    _scaled_painter(drawing, width, height)(ctx)
    del ctx
    surface.flush()
    mode = "BGRX" if sys.byteorder == "little" else "XRGB"
    image = Image.frombuffer("RGB", (width, height), bytes(surface.get_data()), "raw", mode,
                             surface.get_stride(), 1)
    surface.finish()
    image.info["dpi"] = (drawing.dpi, drawing.dpi)
    return image


def _cmyk_profile(drawing: Drawing, kind: str) -> str:
    from chutecode.errors import ColorProfileError

    profile = drawing.page().page.cmyk_profile
    if not profile:
        raise ColorProfileError(f"{kind.upper()} output is CMYK and needs a CMYK ICC profile: give "
                                "cmyk_profile='press.icc' from your print shop, "
                                "or write PNG or PDF")
    return profile


def _render_cmyk(drawing: Drawing, stream: BinaryIO, kind: str) -> None:
    from chutecode.renderers.cmyk import save_cmyk

    profile = _cmyk_profile(drawing, kind)
    save_cmyk(_rgb_image(drawing), stream, profile, dpi=drawing.dpi, format=kind)


def render_tiff(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the sheet as a CMYK TIFF (LZW) through the page's ``cmyk_profile``, drawn and converted in bands
    (any size up to :data:`MAX_PIXELS`; the whole image is never in memory)."""
    from chutecode.renderers.cmyk import write_cmyk_tiff

    profile = _cmyk_profile(drawing, "tiff")
    width, height = raster_pixels(drawing)
    _check_raster(width, height, drawing)
    write_cmyk_tiff(_rgb_bands(drawing, width, height), width, height, stream, profile, dpi=drawing.dpi)


def _rgb_bands(drawing: Drawing, width: int, height: int) -> Any:
    """The sheet as Pillow RGB images of :data:`CMYK_BAND_ROWS` rows (fewer at the end), from the top down.

    Bands wider than cairo draws are drawn as tiles side by side. Each image
    is a view of a reused cairo surface: it is valid until the next is asked for.
    """
    import cairocffi as cairo
    from PIL import Image

    from chutecode.renderers.cmyk import tiff_rows_per_strip

    strip = tiff_rows_per_strip(width)
    rows = max(strip, CMYK_BAND_ROWS // strip * strip)
    tile = min(width, TILE_WIDTH)
    draw = _scaled_painter(drawing, width, height)
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, tile, min(rows, height))
    mode = "BGRX" if sys.byteorder == "little" else "XRGB"
    for top in range(0, height, rows):
        band_rows = min(rows, height - top)
        band = Image.new("RGB", (width, band_rows)) if tile < width else None
        for left in range(0, width, tile):
            ctx = cairo.Context(surface)
            ctx.set_operator(cairo.OPERATOR_CLEAR)
            ctx.paint()
            ctx.set_operator(cairo.OPERATOR_OVER)
            ctx.translate(-left, -top)
            draw(ctx)
            del ctx
            surface.flush()
            view = Image.frombuffer("RGB", (tile, band_rows), surface.get_data(), "raw", mode,
                                    surface.get_stride(), 1)
            if band is None:
                band = view
            else:
                band.paste(view.crop((0, 0, min(tile, width - left), band_rows)), (left, 0))
        yield band


def render_jpeg(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the sheet as a CMYK JPEG through the page's ``cmyk_profile``."""
    _render_cmyk(drawing, stream, "jpeg")


def pdf_page(drawing: Drawing) -> bytes:
    """The sheet of ``drawing`` as a one-page cairo PDF, before boxes and metadata are set."""
    import cairocffi as cairo

    buffer = io.BytesIO()
    width, height = drawing.sheet_size
    surface = cairo.PDFSurface(buffer, mm_to_pt(width), mm_to_pt(height))
    _draw_page(surface, drawing)
    return buffer.getvalue()


def pdf_metadata(drawing: Drawing, *, title: str | None = None) -> Any:
    """Document information for ``drawing``: its title, the page's author and subject, the date."""
    from chutecode._version import __version__
    from chutecode.renderers.pdf import PdfMetadata

    page = drawing.page().page
    return PdfMetadata(title=title if title is not None else drawing.title, author=page.author,
                       subject=page.subject if page.subject is not None else drawing.description,
                       creator=f"chutecode {__version__}", timestamp=page.moment())


def render_pdf(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the sheet as a one-page vector PDF with TrimBox, BleedBox and metadata."""
    from chutecode.renderers.pdf import finish_pdf

    page = drawing.page()
    metadata = pdf_metadata(drawing)
    pdf = finish_pdf(pdf_page(drawing), bleed_mm=page.bleed, slug_mm=page.slug, metadata=metadata)
    stream.write(_pdfx(pdf, drawing, metadata))


def render_pdf_pages(drawings: Sequence[Drawing], stream: BinaryIO) -> None:
    """Write ``drawings`` as the pages of one PDF; every page must have the same bleed and crop marks.

    The document's title is the first page's title (or every distinct title,
    joined), its subject what the code says: the worksheet's description for a
    worksheet, else the one description all pages share, else a count.
    """
    from chutecode.renderers.pdf import concat_pdfs

    first = drawings[0].page()
    for number, drawing in enumerate(drawings[1:], start=2):
        page = drawing.page()
        if (page.bleed, page.slug) != (first.bleed, first.slug):
            raise PrintError(f"page {number} has bleed {page.bleed:g} mm and crop marks "
                             f"{page.page.crop_marks}, "
                             f"page 1 bleed {first.bleed:g} mm and crop marks {first.page.crop_marks}: give "
                             "every page of one PDF the same bleed and crop marks")
    titles = list(dict.fromkeys(d.title for d in drawings))
    title = first.page.title or (titles[0] if len(titles) == 1 else " · ".join(titles))
    metadata = pdf_metadata(drawings[0], title=title)
    if first.page.subject is None:
        questions = [d for d in drawings if d.page().page.worksheet == "questions"]
        subjects = list(dict.fromkeys(d.description for d in drawings))
        if questions:
            subject = questions[0].description
        else:
            subject = subjects[0] if len(subjects) == 1 else f"{len(drawings)} parachute ring codes"
        metadata = dataclasses.replace(metadata, subject=subject)
    pdf = concat_pdfs([pdf_page(d) for d in drawings], bleed_mm=first.bleed, slug_mm=first.slug,
                      metadata=metadata)
    stream.write(_pdfx(pdf, drawings[0], metadata))


def _pdfx(pdf: bytes, drawing: Drawing, metadata: Any) -> bytes:
    """``pdf`` as PDF/X-4 when the page asks for it (``pdfx``), else as it is."""
    page = drawing.page().page
    if not page.pdfx:
        return pdf
    from chutecode.renderers.pdf import make_pdfx
    from chutecode.renderers.pdfx import cmyk_converter, output_intent

    cmyk = cmyk_converter(page.cmyk_profile) if page.cmyk_profile else None
    return make_pdfx(pdf, intent=output_intent(page.cmyk_profile), metadata=metadata, cmyk=cmyk)


def _draw_page(surface: Any, drawing: Drawing) -> None:
    import cairocffi as cairo

    ctx = cairo.Context(surface)
    ctx.scale(mm_to_pt(1.0), mm_to_pt(1.0))
    paint_page(ctx, drawing)
    ctx.show_page()
    surface.finish()


def _render_ps(drawing: Drawing, stream: BinaryIO, eps: bool) -> None:
    import cairocffi as cairo

    width, height = drawing.sheet_size
    buffer = io.BytesIO()
    surface = cairo.PSSurface(buffer, mm_to_pt(width), mm_to_pt(height))
    surface.set_eps(eps)
    surface.dsc_comment(f"%%Title: {_ps_comment(drawing.title)}")
    _draw_page(surface, drawing)
    stream.write(re.sub(rb"%%CreationDate:[^\n]*\n", b"", buffer.getvalue()))


def _ps_comment(text: str) -> str:
    return "".join(ch if 32 <= ord(ch) < 127 and ch not in "()\\" else "?" for ch in text)[:200]


def render_eps(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the sheet as Encapsulated PostScript (no creation date)."""
    _render_ps(drawing, stream, eps=True)


def render_ps(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the sheet as a one-page PostScript document (no creation date)."""
    _render_ps(drawing, stream, eps=False)
