"""A small, independent canopy painter for the image-reader tests.

It draws a layout's rings as annular sectors with cairo, gore 0 of every ring
at 12 o'clock (turned by ``rotation_deg``), clockwise, in the colours given, so
that the reader can be tested against pictures whose geometry is known here
and not derived from the code under test. It is deliberately plain: one path
per gore, optional seams (radial lines between gores and circles between
rings), an optional gap, and optional letters on each group.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import cairocffi as cairo
from PIL import Image, ImageColor

from chutecode.ringcode.layout import Layout

#: Colours of a few palettes, by role (a role missing falls back to one/zero).
PALETTES: dict[str, dict[str, str]] = {
    "perseverance": {"one": "#DF6A33", "zero": "#FFFFFF", "background": "#FFFFFF"},
    "mars": {"one": "#A23B1C", "zero": "#F2C58F", "background": "#2B1B17", "seam": "#5A2E1E"},
    "midnight": {"one": "#F5D76E", "zero": "#1C2541", "background": "#0B132B", "seam": "#3A506B"},
    "blueprint": {"one": "#FFFFFF", "zero": "#1F4E8C", "background": "#163A6B", "seam": "#9DB7DC"},
    "mono": {"one": "#000000", "zero": "#FFFFFF", "background": "#FFFFFF", "seam": "#888888"},
    "okabe-ito": {"one": "#E69F00", "zero": "#56B4E9", "background": "#FFFFFF", "seam": "#000000"},
    "pastel": {"one": "#F4A6A6", "zero": "#FFF1D6", "background": "#FFFFFF", "seam": "#C9C9C9"},
    "explain": {"one": "#D55E00", "zero": "#FFFFFF", "background": "#FFFFFF", "seam": "#555555",
                "spacer": "#BBBBBB", "terminator": "#009E73", "fill": "#F0E442", "text": "#000000"},
}

#: Ring fractions of the real canopy (SPEC section 6): disk rings, gap, band.
DGB_DISK = (0.09, 0.80)
DGB_BAND = (0.90, 1.00)
DGB_FOUR = (0.09, 0.37, 0.63, 0.80)


def ring_radii(count: int, style: str, *, equal_areas: bool = False,
               vent: float = 0.09) -> list[tuple[float, float]]:
    """Inner and outer radius of every ring as fractions of the canopy radius."""
    if style == "dgb":
        if count == 4:
            edges = list(DGB_FOUR)
        else:
            lo, hi = DGB_DISK
            edges = [lo + (hi - lo) * i / (count - 1) for i in range(count)]
        return [(edges[i], edges[i + 1]) for i in range(count - 1)] + [DGB_BAND]
    if style == "disk":
        if equal_areas:
            edges = [math.sqrt(vent ** 2 + (1 - vent ** 2) * i / count) for i in range(count + 1)]
        else:
            edges = [vent + (1 - vent) * i / count for i in range(count + 1)]
        return [(edges[i], edges[i + 1]) for i in range(count)]
    raise ValueError(f"style {style!r}: use dgb or disk")


def _rgb(colour: str) -> tuple[float, float, float]:
    r, g, b = ImageColor.getrgb(colour)[:3]
    return r / 255, g / 255, b / 255


def _gore_colour(colours: Mapping[str, str], bit: str, role: str, explain: bool) -> str:
    if explain:
        if role == "s":
            return colours.get("spacer", colours["zero"])
        if role == "t":
            return colours.get("terminator", colours["one"]) if bit == "1" else colours.get(
                "spacer", colours["zero"])
        if role == "f":
            return colours.get("fill", colours["one"])
    return colours["one"] if bit == "1" else colours["zero"]


def draw_canopy(
    layout: Layout,
    path: str | Path,
    *,
    palette_colours: Mapping[str, str],
    style: str = "dgb",
    size_px: int = 1500,
    rotation_deg: float = 0.0,
    seam_px: float = 0.0,
    explain: bool = False,
    letters: bool = False,
    equal_areas: bool = False,
    margin: float = 0.03,
) -> list[tuple[float, float]]:
    """Paint ``layout`` into a square PNG of ``size_px`` and return the ring radii in pixels.

    ``rotation_deg`` turns the whole drawing clockwise (where gore 0 sits);
    ``seam_px`` draws seams of that width in the ``seam`` colour; ``explain``
    tints spacer, terminator and fill gores in their own colours; ``letters``
    writes each symbol's label on its group.
    """
    colours = dict(palette_colours)
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, size_px, size_px)
    ctx = cairo.Context(surface)
    ctx.set_source_rgb(*_rgb(colours["background"]))
    ctx.paint()
    centre = size_px / 2
    outer = size_px / 2 * (1 - margin)
    radii = [(a * outer, b * outer) for a, b in ring_radii(len(layout.rings), style, equal_areas=equal_areas)]
    gores = layout.gores
    step = 2 * math.pi / gores
    base = math.radians(rotation_deg) - math.pi / 2
    for ring, (inner, outer_r) in zip(layout.rings, radii, strict=True):
        for k, (bit, role) in enumerate(zip(ring.bits, ring.roles, strict=True)):
            a0, a1 = base + k * step, base + (k + 1) * step
            ctx.new_path()
            ctx.arc(centre, centre, outer_r, a0, a1)
            ctx.arc_negative(centre, centre, inner, a1, a0)
            ctx.close_path()
            ctx.set_source_rgb(*_rgb(_gore_colour(colours, bit, role, explain)))
            ctx.fill()
    if seam_px > 0:
        ctx.set_source_rgb(*_rgb(colours.get("seam", "#808080")))
        ctx.set_line_width(seam_px)
        for inner, outer_r in radii:
            for k in range(gores):
                angle = base + k * step
                ctx.move_to(centre + inner * math.cos(angle), centre + inner * math.sin(angle))
                ctx.line_to(centre + outer_r * math.cos(angle), centre + outer_r * math.sin(angle))
                ctx.stroke()
            for radius in (inner, outer_r):
                ctx.new_path()
                ctx.arc(centre, centre, radius, 0, 2 * math.pi)
                ctx.stroke()
    if letters:
        _write_letters(ctx, layout, radii, centre, base, step, colours.get("text", "#000000"))
    surface.flush()
    data = bytes(surface.get_data())
    image = Image.frombuffer("RGBA", (size_px, size_px), data, "raw", "BGRA", surface.get_stride(), 1)
    image.convert("RGB").save(path, format="PNG")
    return [(a, b) for a, b in radii]


def _write_letters(ctx, layout: Layout, radii: Sequence[tuple[float, float]], centre: float,  # type: ignore[no-untyped-def]
                   base: float, step: float, colour: str) -> None:
    ctx.set_source_rgb(*_rgb(colour))
    group = layout.scheme.group
    for ring, (inner, outer_r) in zip(layout.rings, radii, strict=True):
        size = min(0.3 * (outer_r - inner), 0.3 * (inner + outer_r) / 2 * step * group)
        ctx.set_font_size(max(size, 4))
        mid = (inner + outer_r) / 2
        for symbol in ring.symbols:
            angle = base + (symbol.group + 0.5) * group * step
            x, y = centre + mid * math.cos(angle), centre + mid * math.sin(angle)
            extents = ctx.text_extents(symbol.label or "?")
            ctx.move_to(x - extents[2] / 2 - extents[0], y - extents[3] / 2 - extents[1])
            ctx.show_text(symbol.label or "?")
