"""PNG, PDF, EPS and PS output with ``cairocffi``.

PDF, EPS and PS are vector pages of the requested size; PNG is an RGB image
of ``size`` at ``dpi`` with the DPI stored in the file (through
:func:`chutecode.pngwrite.write_png`). PDF and PostScript carry no creation
date, so the same drawing gives the same bytes.
"""

from __future__ import annotations

import io
import math
import os
import re
from typing import Any, BinaryIO

from chutecode.errors import RenderError
from chutecode.palette import RGB
from chutecode.renderers.drawing import Drawing
from chutecode.units import mm_to_pt, mm_to_px

__all__ = ["MAX_PIXELS_SIDE", "BYTES_PER_PIXEL", "paint", "raster_size", "available_memory",
           "render_png", "render_pdf", "render_eps", "render_ps", "FONT_FACE"]

#: The largest image side cairo can draw.
MAX_PIXELS_SIDE = 32767
#: Working memory a PNG pixel needs: the ARGB32 surface plus the encoder's copies.
BYTES_PER_PIXEL = 12
FONT_FACE = "DejaVu Sans"


def _rgb(colour: RGB) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def _a(angle: float) -> float:
    """Clockwise-from-12-o'clock to cairo's angle (from +x, towards +y)."""
    return angle - math.pi / 2


def paint(ctx: Any, drawing: Drawing) -> None:
    """Paint ``drawing`` on a cairo context whose user unit is the millimetre."""
    import cairocffi as cairo

    g = drawing.geometry
    pal = drawing.palette
    cx, cy = g.centre
    ctx.set_source_rgb(*_rgb(pal.background))
    ctx.rectangle(0, 0, g.size, g.size)
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
        ctx.new_path()
        for seam in g.radial_seams:
            s, c = math.sin(seam.angle), -math.cos(seam.angle)
            ctx.move_to(cx + seam.inner * s, cy + seam.inner * c)
            ctx.line_to(cx + seam.outer * s, cy + seam.outer * c)
        for r in g.circle_seams:
            if r > 0:
                ctx.new_sub_path()
                ctx.arc(cx, cy, r, 0, 2 * math.pi)
        ctx.set_source_rgb(*_rgb(pal.seam_colour))
        ctx.set_line_width(g.seam_width)
        ctx.set_line_cap(cairo.LINE_CAP_BUTT)
        ctx.stroke()

    if g.labels:
        ctx.select_font_face(FONT_FACE, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD)
        ctx.set_line_join(cairo.LINE_JOIN_ROUND)
        for label in g.labels:
            x = cx + label.radius * math.sin(label.angle)
            y = cy - label.radius * math.cos(label.angle)
            ctx.save()
            ctx.translate(x, y)
            ctx.rotate(label.rotation)
            ctx.set_font_size(label.size)
            x_bearing, _, width, _, _, _ = ctx.text_extents(label.text)
            ctx.new_path()
            # Centre horizontally on the ink, vertically on the capital height (0.73 em).
            ctx.move_to(-x_bearing - width / 2, 0.36 * label.size)
            ctx.text_path(label.text)
            ctx.set_source_rgb(*_rgb(pal.zero))
            ctx.set_line_width(label.size * 0.18)
            ctx.stroke_preserve()
            ctx.set_source_rgb(*_rgb(pal.text_colour))
            ctx.fill()
            ctx.restore()


def raster_size(drawing: Drawing) -> int:
    """The side in pixels of ``drawing`` at its DPI."""
    return max(1, round(mm_to_px(drawing.size, drawing.dpi)))


def available_memory() -> int | None:
    """Bytes of memory available for a new image, or ``None`` when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def _check_raster(side: int, drawing: Drawing) -> None:
    size = f"{drawing.size:g} mm at {drawing.dpi:g} dpi"
    if side > MAX_PIXELS_SIDE:
        most = MAX_PIXELS_SIDE / drawing.dpi * 25.4
        raise RenderError(f"PNG of {side}x{side} px ({size}) is larger than cairo can draw "
                          f"({MAX_PIXELS_SIDE} px a side): use at most {most:.0f} mm at this dpi, "
                          "a lower dpi, or PDF/SVG")
    need = side * side * BYTES_PER_PIXEL
    free = available_memory()
    if free is not None and need > free:
        raise RenderError(f"PNG of {side}x{side} px ({size}) needs about {need / 2**20:.0f} MiB, "
                          f"only {free / 2**20:.0f} MiB are free: use a smaller size or dpi, or PDF/SVG")


def render_png(drawing: Drawing, stream: BinaryIO) -> None:
    """Write ``drawing`` as a PNG of ``size`` at ``dpi``, the DPI stored in the file."""
    import cairocffi as cairo

    from chutecode.pngwrite import write_png

    side = raster_size(drawing)
    _check_raster(side, drawing)
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, side, side)
    ctx = cairo.Context(surface)
    ctx.scale(side / drawing.size, side / drawing.size)
    paint(ctx, drawing)
    del ctx
    write_png(surface, stream, drawing.dpi)
    surface.finish()


def render_pdf(drawing: Drawing, stream: BinaryIO) -> None:
    """Write ``drawing`` as a one-page vector PDF of ``size`` (no creation date)."""
    import cairocffi as cairo

    side = mm_to_pt(drawing.size)
    buffer = io.BytesIO()
    surface = cairo.PDFSurface(buffer, side, side)
    surface.set_metadata(cairo.PDF_METADATA_TITLE, drawing.title)
    surface.set_metadata(cairo.PDF_METADATA_SUBJECT, drawing.description)
    surface.set_metadata(cairo.PDF_METADATA_CREATOR, "chutecode")
    _draw_page(surface, drawing)
    stream.write(_strip_pdf_dates(buffer.getvalue()))


def _draw_page(surface: Any, drawing: Drawing) -> None:
    import cairocffi as cairo

    ctx = cairo.Context(surface)
    ctx.scale(mm_to_pt(1.0), mm_to_pt(1.0))
    paint(ctx, drawing)
    ctx.show_page()
    surface.finish()


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")


def _strip_pdf_dates(data: bytes) -> bytes:
    """Blank the creation date cairo writes, keeping every byte offset (and xref) valid."""
    return _PDF_DATE.sub(lambda m: b" " * len(m.group(0)), data)


def _render_ps(drawing: Drawing, stream: BinaryIO, eps: bool) -> None:
    import cairocffi as cairo

    side = mm_to_pt(drawing.size)
    buffer = io.BytesIO()
    surface = cairo.PSSurface(buffer, side, side)
    surface.set_eps(eps)
    surface.dsc_comment(f"%%Title: {_ps_comment(drawing.title)}")
    _draw_page(surface, drawing)
    stream.write(re.sub(rb"%%CreationDate:[^\n]*\n", b"", buffer.getvalue()))


def _ps_comment(text: str) -> str:
    return "".join(ch if 32 <= ord(ch) < 127 and ch not in "()\\" else "?" for ch in text)[:200]


def render_eps(drawing: Drawing, stream: BinaryIO) -> None:
    """Write ``drawing`` as Encapsulated PostScript (no creation date)."""
    _render_ps(drawing, stream, eps=True)


def render_ps(drawing: Drawing, stream: BinaryIO) -> None:
    """Write ``drawing`` as a one-page PostScript document (no creation date)."""
    _render_ps(drawing, stream, eps=False)
