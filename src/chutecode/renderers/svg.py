"""SVG output with ``svgwrite``: millimetre width and height, a viewBox in
mm, ``<title>`` and ``<desc>``, one path per run of equal colour (or per gore
with ``merge=False``). Deterministic: no dates, no generated ids."""

from __future__ import annotations

import math
from typing import BinaryIO

from chutecode.geometry import TAU, point
from chutecode.palette import RGB, hex_colour
from chutecode.renderers.drawing import Drawing

__all__ = ["render_svg", "svg_text", "sector_path", "annulus_path", "FONT_FAMILY"]

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
    """The drawing as SVG text (with an XML declaration)."""
    import svgwrite

    g = drawing.geometry
    pal = drawing.palette
    size = _n(g.size)
    dwg = svgwrite.Drawing(size=(f"{size}mm", f"{size}mm"), viewBox=f"0 0 {size} {size}",
                           profile="full", debug=False)
    dwg.set_desc(title=drawing.title, desc=drawing.description)
    dwg.add(dwg.rect(insert=(0, 0), size=(size, size), fill=hex_colour(pal.background)))

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
        dwg.add(group)

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
        dwg.add(seams)

    if g.labels:
        labels = dwg.g(class_="labels", font_family=FONT_FAMILY, font_weight="bold", text_anchor="middle")
        halo, ink = hex_colour(pal.zero), hex_colour(pal.text_colour)
        for label in g.labels:
            x, y = point(centre, label.radius, label.angle)
            size_attr = _n(label.size)
            # DejaVu Sans capitals are 0.73 em high: the baseline goes 0.36 em below the centre.
            base_y = _n(y + 0.36 * label.size)
            turn = f"rotate({_n(math.degrees(label.rotation))} {_n(x)} {_n(y)})"
            labels.add(dwg.text(label.text, x=[_n(x)], y=[base_y], font_size=size_attr, transform=turn,
                                fill="none", stroke=halo, stroke_width=_n(label.size * 0.18),
                                stroke_linejoin="round"))
            labels.add(dwg.text(label.text, x=[_n(x)], y=[base_y], font_size=size_attr, transform=turn,
                                fill=ink))
        dwg.add(labels)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + dwg.tostring() + "\n"


def render_svg(drawing: Drawing, stream: BinaryIO) -> None:
    """Write ``drawing`` as UTF-8 SVG into ``stream``."""
    stream.write(svg_text(drawing).encode("utf-8"))
