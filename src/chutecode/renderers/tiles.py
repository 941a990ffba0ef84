"""PNG files of any size, drawn with cairo in strips and tiles and streamed to disk.

A cairo image surface is at most 32767 px a side, and a 24 x 36 in poster at
600 dpi (14400 x 21600 px) takes 1.2 GB as one surface. :func:`write_png_strips`
never holds the whole image: it draws the page once per tile, a band of rows
at most ``max_tile_px`` wide, each tile straight into its columns of one
buffer of the band's full-width cairo pixels, and hands the band to the same
encoder as :func:`chutecode.renderers.pngwrite.draw_png`
(:func:`~chutecode.renderers.pngwrite.write_bands`: strips deflated on all
cores, zlib-ng when installed, one zlib stream in PNG ``IDAT`` chunks) while
it draws the next band. Peak memory is a few bands.

The ``draw`` callable draws the whole page in device pixels; it receives a
context already translated so that page pixel ``(x_offset_px, y_offset_px)``
is the tile's top-left corner, and clipped to the tile. The offsets let it
skip shapes outside the tile. Every tile is offset by whole pixels, and bands
as wide as the page (any page up to 16384 px wide, by default) give exactly
the pixels of one big surface. Where a wider page is cut into tiles, cairo
clips shapes at each vertical tile edge, which can move a few antialiased
pixels beside the edge by a few levels (out of 255): no visible seam.

>>> def draw(context, x_offset_px, y_offset_px):
...     context.arc(50, 50, 40, 0, 6.2832)
...     context.fill()
>>> import io
>>> out = io.BytesIO()
>>> write_png_strips(out, 100, 100, draw, dpi=300, strip_rows=16)
>>> out.getvalue()[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from chutecode.design.units import check_dpi
from chutecode.errors import PrintError
from chutecode.files import atomic_output
from chutecode.renderers.pngwrite import write_bands

__all__ = ["CAIRO_MAX_SIDE", "DrawFunction", "write_png_strips", "strip_plan"]

#: The largest side of a cairo image surface, in pixels.
CAIRO_MAX_SIDE = 32767

#: ``draw(context, x_offset_px, y_offset_px)``: draws the page onto a translated cairo context.
DrawFunction = Callable[[Any, int, int], None]

#: Band buffers drawn into in turn: one is drawn while the band before is encoded.
_BUFFERS = 2


def strip_plan(
    width_px: int,
    height_px: int,
    *,
    strip_rows: int | None = None,
    max_tile_px: int = 16384,
    strip_bytes: int = 32 << 20,
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The bands and tiles :func:`write_png_strips` draws: ``[(y, rows, [(x, width), ...]), ...]``.

    Without ``strip_rows``, a band has as many rows as fit in ``strip_bytes``
    of 32-bit pixels across the whole width (at least one row).
    """
    _check_pixels("width", width_px)
    _check_pixels("height", height_px)
    if (
        isinstance(max_tile_px, bool)
        or not isinstance(max_tile_px, int)
        or not 1 <= max_tile_px <= CAIRO_MAX_SIDE
    ):
        raise PrintError(
            f"tile width {max_tile_px!r} is not valid: use a whole number from 1 to {CAIRO_MAX_SIDE}"
        )
    if strip_rows is None:
        strip_rows = max(1, min(CAIRO_MAX_SIDE, strip_bytes // (4 * width_px)))
    elif (
        isinstance(strip_rows, bool)
        or not isinstance(strip_rows, int)
        or not 1 <= strip_rows <= CAIRO_MAX_SIDE
    ):
        raise PrintError(
            f"strip rows {strip_rows!r} is not valid: use a whole number from 1 to {CAIRO_MAX_SIDE}"
        )
    columns = math.ceil(width_px / max_tile_px)
    tiles = [(x, min(max_tile_px, width_px - x)) for x in range(0, columns * max_tile_px, max_tile_px)]
    return [(y, min(strip_rows, height_px - y), tiles) for y in range(0, height_px, strip_rows)]


def write_png_strips(
    out: str | os.PathLike[str] | BinaryIO,
    width_px: int,
    height_px: int,
    draw: DrawFunction,
    *,
    dpi: float,
    strip_rows: int | None = None,
    max_tile_px: int = 16384,
    background: tuple[float, float, float] = (1.0, 1.0, 1.0),
    compress_level: int = 1,
) -> None:
    """Draw a ``width_px`` x ``height_px`` page band by band into one RGB PNG with the DPI set.

    ``draw(context, x_offset_px, y_offset_px)`` is called once per tile on a
    fresh context painted with ``background`` (RGB, 0..1), translated by
    ``(-x_offset_px, -y_offset_px)`` and clipped to the tile. Bands have
    ``strip_rows`` rows (default: about 32 MB of pixels) and tiles are at most
    ``max_tile_px`` wide, so neither side limit of cairo nor memory bounds the
    page size. Each band is deflated at ``compress_level`` (0 to 9; 1, as
    :func:`~chutecode.renderers.pngwrite.draw_png`, by default) on other cores
    while the next is drawn. ``out`` is a path (written atomically) or a
    binary stream.
    """
    check_dpi(dpi)
    if isinstance(compress_level, bool) or compress_level not in range(10):
        raise PrintError(f"compression level {compress_level!r} is not valid: use 0 to 9")
    plan = strip_plan(width_px, height_px, strip_rows=strip_rows, max_tile_px=max_tile_px)
    if isinstance(out, (str, os.PathLike)):
        with atomic_output(out) as stream:
            _write(stream, width_px, height_px, plan, draw, dpi, background, compress_level)
    else:
        _write(out, width_px, height_px, plan, draw, dpi, background, compress_level)


def _write(
    stream: BinaryIO,
    width: int,
    height: int,
    plan: list[tuple[int, int, list[tuple[int, int]]]],
    draw: DrawFunction,
    dpi: float,
    background: tuple[float, float, float],
    level: int,
) -> None:
    # hold: a band buffer is drawn into again only once the band drawn in it before is encoded.
    buffers = min(_BUFFERS, len(plan))
    bands = _bands(width, plan, draw, background, buffers)
    write_bands(bands, width, height, stream, dpi, compress_level=level, hold=buffers)


def _bands(
    width: int,
    plan: list[tuple[int, int, list[tuple[int, int]]]],
    draw: DrawFunction,
    background: tuple[float, float, float],
    buffers: int,
) -> Iterator[tuple[memoryview, int, int]]:
    """Each band of the plan as ``(cairo RGB24 pixels, rows, stride)``, its tiles drawn side by side.

    A tile is a cairo surface over its columns of the band's buffer (the
    buffer's stride is the whole width), so drawing it puts its pixels in
    place: nothing is copied. The ``buffers`` buffers are reused in turn.
    """
    stride = 4 * width
    rows_most = max(rows for _, rows, _ in plan)
    last_x = max(x for _, _, tiles in plan for x, _ in tiles)
    # cairocffi wants stride x rows bytes from a tile's first pixel on: the last tile runs past the band.
    size = stride * rows_most + 4 * last_x
    pool = [memoryview(bytearray(size)) for _ in range(buffers)]
    for index, (y, rows, tiles) in enumerate(plan):
        band = pool[index % buffers]
        for x, tile_width in tiles:
            _draw_tile(band[4 * x :], stride, x, y, tile_width, rows, draw, background)
        yield band, rows, stride


def _draw_tile(
    data: memoryview,
    stride: int,
    x: int,
    y: int,
    width: int,
    rows: int,
    draw: DrawFunction,
    background: tuple[float, float, float],
) -> None:
    """Draw the tile whose top-left corner is page pixel ``(x, y)`` into ``data`` (its first pixel on)."""
    import cairocffi as cairo

    surface = cairo.ImageSurface.create_for_data(data, cairo.FORMAT_RGB24, width, rows, stride)
    try:
        context = cairo.Context(surface)
        context.set_source_rgb(*background)
        context.paint()
        context.translate(-x, -y)
        context.save()
        draw(context, x, y)
        context.restore()
        del context
        surface.flush()
    finally:
        surface.finish()


def _check_pixels(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 0x7FFFFFFF:
        raise PrintError(f"image {name} {value!r} px is not valid: use a whole number of pixels, 1 or more")
