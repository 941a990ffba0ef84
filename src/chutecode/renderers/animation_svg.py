"""An animated SVG of how a canopy is read: CSS animations, no script.

The same reading as the GIF and APNG (:mod:`chutecode.drawing.reveal`), for
the web: the ghost of the canopy, then the still drawing seen through a mask
in which each ring is swept by a dashed stroke along its circle (its
``stroke-dashoffset`` animated from the ring's starting group round), the
labels showing group by group as they are read, and at the end the whole
still drawing (texts included), held for ``hold`` seconds before the loop
starts again.

Every animation of the file runs ``duration + hold`` seconds and repeats, so
they stay in step. A viewer that does not run CSS animations (and a cutter or
an editor) sees the still drawing: the still state of every animated value is
its final one, and the labels rest hidden.
"""

from __future__ import annotations

import dataclasses
import math
import xml.etree.ElementTree as ET
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from chutecode.design.palette import hex_colour
from chutecode.drawing.drawing import Drawing
from chutecode.drawing.geometry import point
from chutecode.drawing.reveal import ghost_drawing, reveal_plan
from chutecode.renderers.svg import FONT_FAMILY, svg_text

__all__ = ["render_animated_svg", "animated_svg"]

_SVG_NS = "http://www.w3.org/2000/svg"


def _n(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pct(seconds: float, total: float) -> str:
    return _n(100 * seconds / total) + "%"


def _body(svg: str) -> str:
    """The drawing elements of an SVG document (no title, description or defs)."""
    ET.register_namespace("", _SVG_NS)
    root = ET.fromstring(svg.encode("utf-8"))
    keep = [child for child in root if child.tag.split("}")[-1] not in ("title", "desc", "defs")]
    text = "".join(ET.tostring(child, encoding="unicode") for child in keep)
    return text.replace(f' xmlns="{_SVG_NS}"', "")


def _mask_edges(inner: float, outer: float, edges: list[tuple[float, float]], seam: float,
                radius: float) -> tuple[float, float]:
    """The radii a ring's sweep covers: the ring and half its seams, and where it borders no other
    ring (the vent, the gap, the rim) a little more, so that its edge is wholly revealed."""
    below = max((hi for lo, hi in edges if hi <= inner + 1e-9), default=0.0)
    above = min((lo for lo, hi in edges if lo >= outer - 1e-9), default=outer + 0.04 * radius)
    grow_in = seam / 2 if inner - below < 1e-9 else max(seam / 2, min((inner - below) / 2, 0.01 * radius))
    grow_out = seam / 2 if above - outer < 1e-9 else max(seam / 2, min((above - outer) / 2, 0.01 * radius))
    return max(inner - grow_in, 0.0), outer + grow_out


def animated_svg(drawing: Drawing) -> str:
    """The animation of ``drawing`` as SVG text (see the module docstring)."""
    plan = reveal_plan(drawing)
    timing = drawing.timing
    total = timing.total
    page = drawing.page()
    width, height = _n(page.sheet_width), _n(page.sheet_height)
    ox, oy = page.offset + page.canopy_origin[0], page.offset + page.canopy_origin[1]
    g = drawing.geometry
    centre = g.centre
    css: list[str] = []
    sweeps: list[str] = []
    edges = sorted((band.inner, band.outer) for band in g.rings)
    for sweep in plan.sweeps:
        inner, outer = _mask_edges(sweep.inner, sweep.outer, edges, g.seam_width, g.radius)
        radius = (inner + outer) / 2
        length = 2 * math.pi * radius + 1
        a, b = point(centre, radius, sweep.start), point(centre, radius, sweep.start + math.pi)
        d = (f"M{_n(a[0])} {_n(a[1])}A{_n(radius)} {_n(radius)} 0 1 1 {_n(b[0])} {_n(b[1])}"
             f"A{_n(radius)} {_n(radius)} 0 1 1 {_n(a[0])} {_n(a[1])}")
        name = f"r{sweep.ring + 1}"
        css.append(f"@keyframes {name}{{0%,{_pct(sweep.t0, total)}{{stroke-dashoffset:{_n(length)}}}"
                   f"{_pct(sweep.t1, total)}{{stroke-dashoffset:0}}}}"
                   f".{name}{{stroke-dasharray:{_n(length)} {_n(length)};"
                   f"animation:{name} {_n(total)}s linear infinite}}")
        sweeps.append(f'<path class="{name}" d="{d}" fill="none" stroke="#fff" '
                      f'stroke-width="{_n(outer - inner)}"/>')
    css.append(f"@keyframes end{{0%{{opacity:0}}{_pct(timing.duration, total)}{{opacity:1}}}}"
               f".end{{animation:end {_n(total)}s step-end infinite}}")
    halo, ink = hex_colour(drawing.palette.zero), hex_colour(drawing.palette.text_colour)
    labels: list[str] = []
    for number, group in enumerate((grp for grp in plan.groups if grp.label is not None), start=1):
        label = group.label
        assert label is not None
        name = f"l{number}"
        css.append(f"@keyframes {name}{{0%{{opacity:0}}{_pct(group.t1, total)}{{opacity:1}}"
                   f"{_pct(timing.duration, total)}{{opacity:0}}}}"
                   f".{name}{{animation:{name} {_n(total)}s step-end infinite}}")
        x, y = point(centre, label.radius, label.angle)
        turn = f"rotate({_n(math.degrees(label.rotation))} {_n(x)} {_n(y)})"
        at = f'x="{_n(x)}" y="{_n(y + 0.36 * label.size)}" font-size="{_n(label.size)}" transform="{turn}"'
        text = escape(label.text)
        labels.append(f'<g class="{name}" opacity="0"><text {at} fill="none" stroke="{halo}" '
                      f'stroke-width="{_n(label.size * 0.18)}" stroke-linejoin="round">{text}</text>'
                      f'<text {at} fill="{ink}">{text}</text></g>')
    still = _body(svg_text(drawing))
    ghost = _body(svg_text(ghost_drawing(drawing)))
    wide, high = _n(page.sheet_width + 2), _n(page.sheet_height + 2)   # past the edges: no seam there
    canopy = f' transform="translate({_n(ox)} {_n(oy)})"' if _n(ox) != "0" or _n(oy) != "0" else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="{_SVG_NS}" version="1.1" width="{width}mm" height="{height}mm" '
            f'viewBox="0 0 {width} {height}">'
            f"<title>{escape(drawing.title)}</title>"
            f"<desc>{escape(drawing.description)} Animated: read in {_n(timing.duration)} s, then held "
            f"{_n(timing.hold)} s.</desc>"
            f"<style>{''.join(css)}</style>"
            f'<defs><mask id="read" maskUnits="userSpaceOnUse" x="-1" y="-1" width="{wide}" height="{high}">'
            f"<g{canopy}>{''.join(sweeps)}</g>"
            f'<rect class="end" x="-1" y="-1" width="{wide}" height="{high}" fill="#fff"/></mask></defs>'
            f'<g class="ghost">{ghost}</g>'
            f'<g class="read" mask="url(#read)">{still}</g>'
            f'<g class="labels"{canopy} font-family={quoteattr(FONT_FAMILY)} font-weight="bold" '
            f'text-anchor="middle">{"".join(labels)}</g>'
            "</svg>\n")


def render_animated_svg(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the animated SVG of ``drawing`` (UTF-8) into ``stream``."""
    stream.write(animated_svg(dataclasses.replace(drawing)).encode("utf-8"))
