"""Cut files: the canopy as outlines for laser cutters, vinyl cutters and plotters.

An SVG of the canopy alone (no page, no texts), in millimetres, with no fill
anywhere and a hairline stroke (:data:`HAIRLINE_MM`). Every outline is a closed
path; each group is one layer (``inkscape:groupmode="layer"``, named for
Inkscape, LightBurn and vpype):

- one layer a colour, ``colour-1``, ``colour-2``, ...: every run of gores of
  that colour as a closed outline, stroked in that colour (the pieces of one
  colour of vinyl or acrylic);
- ``rings``: the circles where rings meet; ``vent``: the vent's circle;
  ``band``: the band's outline (the disk-gap-band style) or the rim;
- ``score``: the gore seams inside each run as straight lines, to score
  rather than cut; left out when the design has no seams (``seam_width=0``).

Layers overlap where a piece's edge is also a ring's edge: each layer is one
job (cut the colour pieces, or cut the outline and score the seams); turn off
the layers a job does not need. See :mod:`chutecode.drawing.outlines`.
"""

from __future__ import annotations

from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from chutecode.design.palette import RGB, ROLES, Palette, hex_colour
from chutecode.drawing.drawing import Drawing
from chutecode.drawing.geometry import point
from chutecode.drawing.outlines import CutPlan, cut_plan
from chutecode.renderers.svg import annulus_path, sector_path

__all__ = ["render_cut", "cut_svg", "HAIRLINE_MM", "OUTLINE_COLOURS"]

#: The stroke width of every line: what laser software takes as a cut line.
HAIRLINE_MM = 0.01
#: Stroke colours of the outline layers (laser software sets power by colour).
OUTLINE_COLOURS: dict[str, str] = {"rings": "#000000", "vent": "#0000ff", "band": "#00a000",
                                   "score": "#ff00ff"}


def _n(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _roles(palette: Palette, colour: RGB) -> list[str]:
    names = [role for role in ROLES if role not in ("seam", "background", "text")
             and getattr(palette, role) == colour]
    names += [f"ring {i + 1}" for i, ring in enumerate(palette.rings) if ring == colour]
    return names


def _layer(ident: str, label: str, stroke: str, body: list[str]) -> str:
    head = (f'<g id="{ident}" inkscape:groupmode="layer" inkscape:label={quoteattr(label)} '
            f'fill="none" stroke="{stroke}" stroke-width="{_n(HAIRLINE_MM)}">')
    return head + "".join(body) + "</g>"


def _circle(centre: tuple[float, float], radius: float, kind: str) -> str:
    return f'<path class="{kind}" d="{annulus_path(centre, 0.0, radius)}"/>'


def cut_svg(drawing: Drawing, plan: CutPlan | None = None) -> str:
    """The cut file of ``drawing`` as SVG text (see the module docstring)."""
    plan = cut_plan(drawing) if plan is None else plan
    centre, size = plan.centre, _n(plan.size)
    layers: list[str] = []
    for number, (colour, pieces) in enumerate(plan.colours.items(), start=1):
        roles = ", ".join(_roles(drawing.palette, colour)) or "colour"
        body = []
        for piece in pieces:
            d = (annulus_path(centre, piece.inner, piece.outer) if piece.full
                 else sector_path(centre, piece.inner, piece.outer, piece.start, piece.end))
            gores = f"{piece.gores[0]}-{piece.gores[-1]}" if len(piece.gores) > 1 else f"{piece.gores[0]}"
            body.append(f'<path class="piece ring-{piece.ring + 1} gores-{gores}" d="{d}"/>')
        layers.append(_layer(f"colour-{number}", f"{hex_colour(colour)} ({roles})", hex_colour(colour), body))
    if plan.rings:
        layers.append(_layer("rings", "rings", OUTLINE_COLOURS["rings"],
                             [_circle(centre, r, "ring-edge") for r in plan.rings]))
    if plan.vent:
        layers.append(_layer("vent", "vent", OUTLINE_COLOURS["vent"], [_circle(centre, plan.vent, "vent")]))
    if plan.band:
        layers.append(_layer("band", "band", OUTLINE_COLOURS["band"],
                             [_circle(centre, r, "band-edge") for r in plan.band]))
    if plan.scores:
        lines = []
        for score in plan.scores:
            x0, y0 = point(centre, score.inner, score.angle)
            x1, y1 = point(centre, score.outer, score.angle)
            lines.append(f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}"/>')
        layers.append(_layer("score", "score (gore seams)", OUTLINE_COLOURS["score"], lines))
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" version="1.1" '
            f'width="{size}mm" height="{size}mm" viewBox="0 0 {size} {size}">'
            f"<title>{escape(drawing.title)} (cut file)</title><desc>{escape(drawing.description)}</desc>"
            + "".join(layers) + "</svg>\n")


def render_cut(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the cut file of ``drawing`` (SVG, UTF-8) into ``stream``."""
    stream.write(cut_svg(drawing).encode("utf-8"))
