"""Page text in SVG: ``<text>`` where each measured line goes, or its outlines (``text_as_paths``).

As text, a line stays selectable and searchable: it names the fonts Pango
used for it (a ``<tspan>`` a font when it needed several, e.g. Latin and
Japanese), its language and its direction, and carries ``textLength`` so that
a viewer with other fonts keeps the measured width. As outlines, the glyphs
are ``<path>`` data from the very layout the PDF and PNG draw, so every
viewer shows the same shapes; colour glyphs (emoji) have no outline and
become embedded PNG pictures.
"""

from __future__ import annotations

import base64
import io
import math
from typing import Any

from chutecode.design.language import DEFAULT_LANGUAGE
from chutecode.design.palette import RGB, hex_colour
from chutecode.drawing.geometry import Label
from chutecode.drawing.shapes import TextLine
from chutecode.drawing.text.pango import (
    LOCK,
    REFERENCE_SIZE,
    Run,
    TextSpec,
    cached_layout,
    extents,
    runs,
)
from chutecode.renderers.text_cairo import LABEL_FONT, label_offset, outline_layout

__all__ = ["font_family", "line_runs", "text_element", "outline_elements", "label_elements",
           "PICTURE_PX_PER_MM"]

#: Resolution of the pictures colour glyphs become in outlined SVG (about 600 dpi).
PICTURE_PX_PER_MM = 24.0


def _n(value: float) -> str:
    # The SVG renderer's number format: 4 decimals, no trailing zeros.
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def font_family(font: str) -> str:
    """The CSS font-family list for text set in ``font``."""
    name = font.replace("'", "")
    return f"'{name}', sans-serif" if " " in name else f"{name}, sans-serif"


def _spec(line: TextLine) -> TextSpec:
    return TextSpec(line.text, line.font, line.bold, line.lang, line.rtl)


def line_runs(line: TextLine) -> list[Run]:
    """The font runs of ``line`` in reading (logical) order, neighbours in one font merged."""
    spec = _spec(line)
    with LOCK:
        found = sorted(runs(cached_layout(spec), spec.text), key=lambda r: r.start)
    merged: list[Run] = []
    for run in found:
        if merged and merged[-1].family == run.family and merged[-1].end == run.start:
            last = merged[-1]
            merged[-1] = Run(last.start, run.end, last.family, last.colour or run.colour,
                             min(last.x0, run.x0), max(last.x1, run.x1))
        else:
            merged.append(run)
    return merged


def text_element(dwg: Any, line: TextLine, page_font: str) -> Any:
    """``line`` as a ``<text>`` element (fonts other than ``page_font`` named on it or its tspans)."""
    attrs: dict[str, str] = {"font_size": _n(line.size), "fill": hex_colour(line.colour),
                             "textLength": _n(line.advance), "lengthAdjust": "spacingAndGlyphs"}
    if line.bold:
        attrs["font_weight"] = "bold"
    x = line.x
    if line.rtl:
        attrs["direction"] = "rtl"
        x = line.x + line.advance
    found = line_runs(line) if line.text.strip() else []
    families = {run.family for run in found}
    if len(found) <= 1:
        if families and families != {page_font}:
            attrs["font_family"] = font_family(found[0].family)
        element = dwg.text(line.text, x=[_n(x)], y=[_n(line.y)], **attrs)
    else:
        element = dwg.text("", x=[_n(x)], y=[_n(line.y)], **attrs)
        for run in found:
            part = line.text[run.start:run.end]
            if run.family == page_font:
                element.add(dwg.tspan(part))
            else:
                element.add(dwg.tspan(part, font_family=font_family(run.family)))
    return element


def _scratch() -> Any:
    """A context to build paths on: unbounded (a small surface would drop glyphs outside it)."""
    import cairocffi as cairo

    return cairo.Context(cairo.RecordingSurface(cairo.CONTENT_ALPHA, None))


def _path_data(path: list[tuple[int, tuple[float, ...]]]) -> str:
    import cairocffi as cairo

    out = []
    for kind, points in path:
        if kind == cairo.PATH_MOVE_TO:
            out.append(f"M{_n(points[0])} {_n(points[1])}")
        elif kind == cairo.PATH_LINE_TO:
            out.append(f"L{_n(points[0])} {_n(points[1])}")
        elif kind == cairo.PATH_CURVE_TO:
            out.append("C" + " ".join(_n(v) for v in points))
        else:
            out.append("Z")
    return "".join(out)


def _on(ctx: Any, spec: TextSpec) -> tuple[Any, float]:
    """The layout of ``spec`` for drawing on ``ctx`` as it is now, moved up so that its top is at
    the current origin and its baseline at y 0 before the move; the layout and its baseline."""
    layout = cached_layout(spec)
    baseline = extents(layout).baseline
    ctx.translate(0, -baseline)
    return layout, baseline


def _laid_out(ctx: Any, line: TextLine) -> tuple[Any, float]:
    """Move ``ctx`` to the top of ``line``'s layout at its size; the layout and its baseline."""
    k = line.size / REFERENCE_SIZE
    ctx.translate(line.x, line.y)
    ctx.scale(k, k)
    return _on(ctx, _spec(line))


def _picture(dwg: Any, line: TextLine, run: Run) -> Any:
    """A colour run of ``line`` (emoji) as an embedded PNG picture where it is drawn."""
    import cairocffi as cairo

    k = line.size / REFERENCE_SIZE
    x0, x1 = line.x + run.x0 * k, line.x + run.x1 * k
    y0, y1 = line.bbox.y0, line.bbox.y1
    width = max(1, math.ceil((x1 - x0) * PICTURE_PX_PER_MM))
    height = max(1, math.ceil((y1 - y0) * PICTURE_PX_PER_MM))
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, width, height)
    ctx = cairo.Context(surface)
    ctx.scale(width / (x1 - x0), height / (y1 - y0))
    ctx.translate(-x0, -y0)
    from chutecode.drawing.text.pango import bindings

    with LOCK:
        layout, _ = _laid_out(ctx, line)
        ctx.move_to(0, 0)
        bindings().pangocairo.pango_cairo_show_layout(ctx._pointer, layout)
    surface.flush()
    png = io.BytesIO()
    surface.write_to_png(png)
    data = base64.b64encode(png.getvalue()).decode("ascii")
    return dwg.image(href=f"data:image/png;base64,{data}", insert=(_n(x0), _n(y0)),
                     size=(_n(x1 - x0), _n(y1 - y0)))


def outline_elements(dwg: Any, line: TextLine) -> list[Any]:
    """``line`` as outlines: a ``<path>`` of its glyphs, and a picture for each colour run."""
    if not line.text.strip():
        return []
    ctx = _scratch()
    with LOCK:
        ctx.save()
        layout, baseline = _laid_out(ctx, line)
        colour_runs = outline_layout(ctx, layout, line.text, baseline, pictures=False)
        ctx.restore()
        data = _path_data(list(ctx.copy_path()))
    out = [dwg.path(d=data, fill=hex_colour(line.colour))] if data else []
    if colour_runs:
        out += [_picture(dwg, line, run) for run in line_runs(line) if run.colour]
    return out


def label_elements(dwg: Any, label: Label, x: float, y: float, halo: RGB, ink: RGB, *,
                   lang: str = DEFAULT_LANGUAGE, outlines: bool = False) -> list[Any]:
    """A canopy label centred at ``(x, y)`` and turned: a halo in ``halo`` under the text in ``ink``."""
    from chutecode.drawing.text import measure, spec_for

    dx, dy = label_offset(label, lang)
    turn = f"rotate({_n(math.degrees(label.rotation))} {_n(x)} {_n(y)})"
    width = _n(label.size * 0.18)
    if outlines:
        spec = spec_for(label.text, LABEL_FONT, bold=True, lang=lang)
        ctx = _scratch()
        with LOCK:
            ctx.translate(x, y)
            ctx.rotate(label.rotation)
            ctx.translate(dx, dy)
            k = label.size / REFERENCE_SIZE
            ctx.scale(k, k)
            layout, baseline = _on(ctx, spec)
            outline_layout(ctx, layout, spec.text, baseline, pictures=False)
            ctx.identity_matrix()
            data = _path_data(list(ctx.copy_path()))
        return [dwg.path(d=data, fill="none", stroke=hex_colour(halo), stroke_width=width,
                         stroke_linejoin="round"),
                dwg.path(d=data, fill=hex_colour(ink))]
    advance = _n(measure(label.text, label.size, LABEL_FONT, bold=True, lang=lang).advance)
    common = {"x": [_n(x + dx)], "y": [_n(y + dy)], "font_size": _n(label.size), "transform": turn,
              "textLength": advance, "lengthAdjust": "spacingAndGlyphs"}
    return [dwg.text(label.text, fill="none", stroke=hex_colour(halo), stroke_width=width,
                     stroke_linejoin="round", **common),
            dwg.text(label.text, fill=hex_colour(ink), **common)]

