"""Animated GIF and APNG of how a canopy is read, through Pillow.

The frames follow :mod:`chutecode.drawing.reveal`: the canopy's ghost, the
rings swept one after another along the spiral with each symbol's label
showing once its group is read, the place on the outer ring last, and then
the finished canopy, the same pixels as the still picture, held for
``hold`` seconds. Frame rate and reveal time are the design's ``frame_rate``
and ``duration``.

Every frame is composed from three pictures drawn once with cairo (the
ghost, the labelled drawing and the still drawing, see
:func:`~chutecode.drawing.reveal.ghost_drawing`): the ghost, then the labelled
drawing through the groups read so far, then the still drawing through the
rest of the sweep. Animations are for screens: they are drawn at the
design's size and dpi but at most :data:`MAX_SIDE` pixels on the longer side.

GIF frames share one palette of at most 256 colours, made from those three
pictures (no dithering: flat colours stay flat); GIF stores times in
hundredths of a second, so every frame time is rounded to 10 ms, the total
kept exact. A GIF has no partial transparency: ``transparent`` is refused
(APNG keeps it).
"""

from __future__ import annotations

import dataclasses
import math
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from chutecode.drawing.drawing import Drawing
from chutecode.drawing.reveal import (
    Reveal,
    frame_durations,
    frame_times,
    ghost_drawing,
    labelled_drawing,
    reveal_plan,
)
from chutecode.errors import RenderError

__all__ = ["render_gif", "render_apng", "frames", "frame_pixels", "MAX_SIDE"]

#: The longest side of an animation, in pixels.
MAX_SIDE = 1000


def frame_pixels(drawing: Drawing) -> tuple[int, int, float]:
    """Width, height and dpi of the animation's frames: the design's pixels, at most :data:`MAX_SIDE`."""
    from chutecode.renderers.cairo import raster_pixels

    width, height = raster_pixels(drawing)
    if max(width, height) <= MAX_SIDE:
        return width, height, drawing.dpi
    sheet_w, sheet_h = drawing.sheet_size
    dpi = MAX_SIDE / max(sheet_w, sheet_h) * 25.4
    return (*raster_pixels(dataclasses.replace(drawing, dpi=dpi)), dpi)


def _surface(drawing: Drawing, width: int, height: int) -> Any:
    import cairocffi as cairo

    from chutecode.renderers.cairo import paint_page

    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, width, height)
    ctx = cairo.Context(surface)
    sheet_w, sheet_h = drawing.sheet_size
    ctx.scale(width / sheet_w, height / sheet_h)
    paint_page(ctx, drawing)
    surface.flush()
    return surface


def _sector(ctx: Any, centre: tuple[float, float], inner: float, outer: float, start: float,
            end: float) -> None:
    """Add an annular sector (angles clockwise from 12 o'clock) to the path."""
    cx, cy = centre
    a, b = start - math.pi / 2, end - math.pi / 2
    ctx.new_sub_path()
    ctx.arc(cx, cy, outer, a, b)
    if inner > 0:
        ctx.arc_negative(cx, cy, inner, b, a)
    else:
        ctx.line_to(cx, cy)
    ctx.close_path()


def _to_image(surface: Any, width: int, height: int) -> Any:
    from PIL import Image

    mode = "BGRa" if sys.byteorder == "little" else "aRGB"
    return Image.frombuffer("RGBA", (width, height), bytes(surface.get_data()), "raw", mode,
                            surface.get_stride(), 1)


def frames(drawing: Drawing) -> Iterator[Any]:
    """Every frame of the animation as a Pillow RGBA image: the reveal's, then the finished canopy."""
    import cairocffi as cairo

    width, height, dpi = frame_pixels(drawing)
    drawing = dataclasses.replace(drawing, dpi=dpi)
    still = _surface(drawing, width, height)
    ghost = _surface(ghost_drawing(drawing), width, height)
    labelled = _surface(labelled_drawing(drawing), width, height)
    plan: Reveal = reveal_plan(drawing)
    page = drawing.page()
    sheet_w, sheet_h = drawing.sheet_size
    origin = (page.offset + page.canopy_origin[0], page.offset + page.canopy_origin[1])
    centre = drawing.geometry.centre
    seam = drawing.geometry.seam_width / 2
    frame = cairo.ImageSurface(cairo.FORMAT_ARGB32, width, height)
    for t in frame_times(drawing.timing):
        ctx = cairo.Context(frame)
        ctx.set_operator(cairo.OPERATOR_SOURCE)
        ctx.set_source_surface(ghost)
        ctx.paint()
        ctx.set_operator(cairo.OPERATOR_OVER)
        ctx.scale(width / sheet_w, height / sheet_h)
        ctx.translate(*origin)
        shown = {(label.ring, label.group) for label in plan.labels_at(t)}
        for sweep in plan.sweeps:
            fraction = sweep.fraction(t)
            if fraction <= 0:
                continue
            # Groups whose label shows come from the labelled picture, the rest of the sweep from the still.
            for source, wanted in ((labelled, True), (still, False)):
                ctx.new_path()
                for group in plan.groups:
                    if group.ring != sweep.ring or ((group.ring, group.group) in shown) != wanted:
                        continue
                    end = min(group.end, sweep.start + fraction * 2 * math.pi)
                    if end > group.start:
                        _sector(ctx, centre, max(sweep.inner - seam, 0.0), sweep.outer + seam, group.start,
                                end + 1e-6)
                ctx.save()
                ctx.identity_matrix()   # the path is kept in pixels; the picture is in pixels too
                ctx.set_source_surface(source)
                ctx.fill()
                ctx.restore()
        del ctx
        frame.flush()
        yield _to_image(frame, width, height)
    yield _to_image(still, width, height)


def _palette_image(drawing: Drawing, width: int, height: int) -> Any:
    """One 256-colour palette for every frame, from the still, ghost and labelled pictures."""
    from PIL import Image

    parts = [_to_image(_surface(d, width, height), width, height).convert("RGB")
             for d in (drawing, ghost_drawing(drawing), labelled_drawing(drawing))]
    sheet = Image.new("RGB", (width, height * len(parts)))
    for i, part in enumerate(parts):
        sheet.paste(part, (0, i * height))
    return sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def render_gif(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the animation as a looping GIF (one palette, times rounded to 10 ms)."""
    from PIL import Image

    if drawing.page().transparent:
        raise RenderError("transparent=True is not possible in a GIF (it has no partial transparency): "
                          "write an APNG (.apng) or an animated SVG (format animated-svg)")
    width, height, dpi = frame_pixels(drawing)
    palette = _palette_image(dataclasses.replace(drawing, dpi=dpi), width, height)
    images = [image.convert("RGB").quantize(palette=palette, dither=Image.Dither.NONE)
              for image in frames(drawing)]
    durations = frame_durations(drawing.timing, 10)
    images[0].save(stream, format="GIF", save_all=True, append_images=images[1:], duration=durations,
                   loop=0, optimize=False, disposal=1)


def render_apng(drawing: Drawing, stream: BinaryIO) -> None:
    """Write the animation as a looping APNG (RGB, or RGBA for a transparent design; times in ms)."""
    mode = "RGBA" if drawing.page().transparent else "RGB"
    images = [image.convert(mode) if mode == "RGB" else image for image in frames(drawing)]
    images[0].save(stream, format="PNG", save_all=True, append_images=images[1:],
                   duration=frame_durations(drawing.timing, 1), loop=0, default_image=False,
                   compress_level=9)
