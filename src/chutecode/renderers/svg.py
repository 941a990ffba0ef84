"""SVG output with ``svgwrite``: millimetre width and height, a viewBox in
mm, ``<title>`` and ``<desc>``, one path per run of equal colour (or per gore
with ``merge=False``). Deterministic: no dates, no generated ids.

The SVG is the drawing's whole sheet (see :mod:`chutecode.drawing.composition`): the
paper over the page and its bleed, the canopy in a group moved into place
with a ``transform``, each text block as ``<text>`` elements at the measured
positions (with ``textLength``, so a substitute font keeps the same widths;
see :mod:`chutecode.renderers.text_svg`) or, with ``text_as_paths``, as
outlines, and the crop marks. A bare canopy page is exactly the canopy's square.
"""

from __future__ import annotations

import math
import re
from typing import Any, BinaryIO

from chutecode.design.palette import RGB, hex_colour
from chutecode.drawing.drawing import Drawing
from chutecode.drawing.geometry import TAU, point
from chutecode.renderers.text_svg import font_family

__all__ = ["render_svg", "svg_text", "xml_safe", "sector_path", "annulus_path", "FONT_FAMILY", "font_family"]

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"


def _n(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _p(xy: tuple[float, float]) -> str:
    return f"{_n(xy[0])} {_n(xy[1])}"


def annulus_path(centre: tuple[float, float], inner: float, outer: float) -> str:
    """Path data of a full ring (a disk when ``inner`` is 0); fill it with ``evenodd``."""
    cx, cy = centre
    d = []
    for r, sweep in ((outer, 1), (inner, 0)):
        if r <= 0:
            continue
        d.append(f"M{_p((cx, cy - r))}A{_n(r)} {_n(r)} 0 1 {sweep} {_p((cx, cy + r))}"
                 f"A{_n(r)} {_n(r)} 0 1 {sweep} {_p((cx, cy - r))}Z")
    return "".join(d)


def sector_path(centre: tuple[float, float], inner: float, outer: float, start: float, end: float) -> str:
    """Path data of an annular sector from ``start`` to ``end`` (radians clockwise from 12 o'clock)."""
    if end - start >= TAU - 1e-9:
        return annulus_path(centre, inner, outer)
    large = 1 if end - start > math.pi else 0
    d = (f"M{_p(point(centre, outer, start))}"
         f"A{_n(outer)} {_n(outer)} 0 {large} 1 {_p(point(centre, outer, end))}")
    if inner > 0:
        d += (f"L{_p(point(centre, inner, end))}"
              f"A{_n(inner)} {_n(inner)} 0 {large} 0 {_p(point(centre, inner, start))}Z")
    else:
        d += f"L{_p(centre)}Z"
    return d


def svg_text(drawing: Drawing) -> str:
    """The drawing's sheet as SVG text (with an XML declaration)."""
    import svgwrite

    page = drawing.page()
    width, height = _n(page.sheet_width), _n(page.sheet_height)
    dwg = svgwrite.Drawing(size=(f"{width}mm", f"{height}mm"), viewBox=f"0 0 {width} {height}",
                           profile="full", debug=False)
    dwg.set_desc(title=drawing.title, desc=drawing.description)
    off, bleed = page.offset, page.bleed
    if not page.transparent:
        dwg.add(dwg.rect(insert=(_n(off - bleed), _n(off - bleed)),
                         size=(_n(page.width + 2 * bleed), _n(page.height + 2 * bleed)),
                         fill=hex_colour(page.paper)))
    ox, oy = page.canopy_origin
    container: Any = dwg
    if _n(off + ox) != "0" or _n(off + oy) != "0":
        container = dwg.g(class_="canopy", transform=f"translate({_n(off + ox)} {_n(off + oy)})")
        dwg.add(container)
    if page.backdrop == "disk":
        g = drawing.geometry
        container.add(dwg.circle(center=(_n(g.centre[0]), _n(g.centre[1])), r=_n(g.radius),
                                 fill=hex_colour(drawing.palette.background)))
    _canopy(dwg, container, drawing)
    if page.blocks or page.marks:
        shift = f"translate({_n(off)} {_n(off)})" if _n(off) != "0" else None
        extra = {"transform": shift} if shift else {}
        for block in page.blocks:
            dwg.add(_block(dwg, block, extra, outlines=page.page.text_as_paths, lang=page.page.lang))
        if page.marks:
            marks = dwg.g(class_="crop-marks", fill="none", stroke="#000000",
                          stroke_width=_n(page.marks[0].width), **extra)
            lines = "".join(f"M{_n(m.x0)} {_n(m.y0)}L{_n(m.x1)} {_n(m.y1)}" for m in page.marks)
            marks.add(dwg.path(d=lines))
            dwg.add(marks)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + xml_safe(dwg.tostring()) + "\n"


#: What XML 1.0 cannot hold: control characters but tab and line breaks, lone surrogates, U+FFFE, U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character that XML 1.0 cannot hold replaced by U+FFFD.

    The one place where the SVG's text (title, description, page texts, labels,
    all from the user) is made fit for XML, so that every SVG chutecode writes
    parses.
    """
    return _NOT_XML.sub("\ufffd", text)


def _block(dwg: Any, block: Any, extra: dict[str, str], *, outlines: bool = False, lang: str = "en") -> Any:
    group = dwg.g(class_=f"block {block.name}", **extra)
    for rect in block.rects:
        attrs: dict[str, str] = {"fill": hex_colour(rect.fill) if rect.fill is not None else "none"}
        if rect.stroke is not None and rect.stroke_width > 0:
            attrs.update(stroke=hex_colour(rect.stroke), stroke_width=_n(rect.stroke_width))
        group.add(dwg.rect(insert=(_n(rect.x), _n(rect.y)), size=(_n(rect.w), _n(rect.h)), **attrs))
    for seg in block.segments:
        group.add(dwg.line(start=(_n(seg.x0), _n(seg.y0)), end=(_n(seg.x1), _n(seg.y1)),
                           stroke=hex_colour(seg.colour), stroke_width=_n(seg.width)))
    _block_texts(dwg, group, block, outlines=outlines, lang=lang)
    return group


def _block_texts(dwg: Any, group: Any, block: Any, *, outlines: bool, lang: str) -> None:
    """The text lines of ``block``: ``<text>`` elements, or their outlines."""
    from chutecode.renderers.text_svg import outline_elements, text_element

    fonts = sorted({line.font for line in block.texts})
    if not fonts:
        return
    if outlines:
        shapes = dwg.g(class_="outlined-text")
        for line in block.texts:
            for element in outline_elements(dwg, line):
                shapes.add(element)
        group.add(shapes)
        return
    texts = dwg.g(font_family=font_family(fonts[0]))
    if lang != "en":
        texts.attribs["xml:lang"] = lang
    for line in block.texts:
        texts.add(text_element(dwg, line, fonts[0]))
    group.add(texts)


def _canopy(dwg: Any, container: Any, drawing: Drawing) -> None:
    """Add the rings, seams and labels of the canopy to ``container`` (canopy coordinates)."""
    g = drawing.geometry
    pal = drawing.palette
    centre = g.centre
    for paint in drawing.ring_paint():
        band = paint.band
        group = dwg.g(class_=f"ring ring-{band.index + 1} {band.kind}")
        if paint.base is not None:
            group.add(dwg.path(d=annulus_path(centre, band.inner, band.outer), fill=hex_colour(paint.base),
                               fill_rule="evenodd"))
        for run in paint.runs:
            colour: RGB = run.key  # type: ignore[assignment]
            group.add(dwg.path(d=sector_path(centre, run.inner, run.outer, run.start, run.end),
                               fill=hex_colour(colour), fill_rule="evenodd"))
        container.add(group)

    if g.seam_width > 0:
        seams = dwg.g(class_="seams", fill="none", stroke=hex_colour(pal.seam_colour),
                      stroke_width=_n(g.seam_width))
        if g.radial_seams:
            lines = "".join(f"M{_p(point(centre, s.inner, s.angle))}L{_p(point(centre, s.outer, s.angle))}"
                            for s in g.radial_seams)
            seams.add(dwg.path(d=lines))
        for r in g.circle_seams:
            if r > 0:
                seams.add(dwg.circle(center=(_n(centre[0]), _n(centre[1])), r=_n(r)))
        container.add(seams)

    if g.labels:
        _labels(dwg, container, drawing)


def _labels(dwg: Any, container: Any, drawing: Drawing) -> None:
    """The canopy's labels (annotate mode): halo and ink, as text or outlines."""
    from chutecode.renderers.text_svg import label_elements

    g = drawing.geometry
    pal = drawing.palette
    page = drawing.page().page
    labels = dwg.g(class_="labels", font_family=FONT_FAMILY, font_weight="bold")
    for label in g.labels:
        x, y = point(g.centre, label.radius, label.angle)
        for element in label_elements(dwg, label, x, y, pal.zero, pal.text_colour, lang=page.lang,
                                      outlines=page.text_as_paths):
            labels.add(element)
    container.add(labels)


def render_svg(drawing: Drawing, stream: BinaryIO) -> None:
    """Write ``drawing`` as UTF-8 SVG into ``stream``."""
    stream.write(svg_text(drawing).encode("utf-8"))
