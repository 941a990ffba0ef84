"""PNG files of any size, drawn with cairo in strips and tiles and streamed to disk.

A cairo image surface is at most 32767 px a side, and a 24 x 36 in poster at
600 dpi (14400 x 21600 px) takes 1.2 GB as one surface. :func:`write_png_strips`
never holds the whole image: it draws the page once per tile, a band of rows
at most ``max_tile_px`` wide, converts each band to RGB and feeds it to one
zlib stream written as PNG ``IDAT`` chunks. Peak memory is a few bands.

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
import struct
import sys
import zlib
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from chutecode.errors import PrintError
from chutecode.files import atomic_output
from chutecode.pngwrite import pixels_per_metre, write_chunks

__all__ = ["CAIRO_MAX_SIDE", "DrawFunction", "write_png_strips", "strip_plan"]

#: The largest side of a cairo image surface, in pixels.
CAIRO_MAX_SIDE = 32767

#: ``draw(context, x_offset_px, y_offset_px)``: draws the page onto a translated cairo context.
DrawFunction = Callable[[Any, int, int], None]

_IDAT_SIZE = 1 << 20  # bytes of compressed data per IDAT chunk
# cairo's RGB24 pixel is a native-endian 32-bit 0x00RRGGBB word.
_CAIRO_RGB24 = "BGRX" if sys.byteorder == "little" else "XRGB"


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
    compress_level: int = 6,
) -> None:
    """Draw a ``width_px`` x ``height_px`` page band by band into one RGB PNG with the DPI set.

    ``draw(context, x_offset_px, y_offset_px)`` is called once per tile on a
    fresh context painted with ``background`` (RGB, 0..1), translated by
    ``(-x_offset_px, -y_offset_px)`` and clipped to the tile. Bands have
    ``strip_rows`` rows (default: about 32 MB of pixels) and tiles are at most
    ``max_tile_px`` wide, so neither side limit of cairo nor memory bounds the
    page size. ``out`` is a path (written atomically) or a binary stream.
    """
    if not isinstance(dpi, (int, float)) or isinstance(dpi, bool) or not 0 < dpi < float("inf"):
        raise PrintError(f"dpi {dpi!r} is not valid: use a positive number")
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
    write_chunks(stream, pixels_per_metre(dpi), _png_chunks(width, height, plan, draw, background, level))


def _png_chunks(
    width: int,
    height: int,
    plan: list[tuple[int, int, list[tuple[int, int]]]],
    draw: DrawFunction,
    background: tuple[float, float, float],
    level: int,
) -> Iterator[tuple[bytes, bytes]]:
    """IHDR, the IDAT chunks of the bands deflated as one zlib stream, and IEND."""
    yield b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    compressor = zlib.compressobj(level)
    pending = bytearray()
    for rows_bytes in _bands(width, plan, draw, background):
        pending += compressor.compress(rows_bytes)
        while len(pending) >= _IDAT_SIZE:
            yield b"IDAT", bytes(pending[:_IDAT_SIZE])
            del pending[:_IDAT_SIZE]
    pending += compressor.flush()
    for start in range(0, len(pending), _IDAT_SIZE):
        yield b"IDAT", bytes(pending[start : start + _IDAT_SIZE])
    yield b"IEND", b""


def _bands(
    width: int,
    plan: list[tuple[int, int, list[tuple[int, int]]]],
    draw: DrawFunction,
    background: tuple[float, float, float],
) -> Iterator[bytearray]:
    """PNG scanlines (filter byte 0, then RGB) of each band, in order."""
    from PIL import Image

    row_bytes = 3 * width
    for y, rows, tiles in plan:
        if len(tiles) == 1:
            rgb = _draw_tile(0, y, width, rows, draw, background).tobytes()
        else:
            band = Image.new("RGB", (width, rows))
            for x, tile_width in tiles:
                band.paste(_draw_tile(x, y, tile_width, rows, draw, background), (x, 0))
            rgb = band.tobytes()
            del band
        lines = bytearray((row_bytes + 1) * rows)  # each scanline starts with filter 0 (None)
        view = memoryview(rgb)
        for row in range(rows):
            start = row * (row_bytes + 1) + 1
            lines[start : start + row_bytes] = view[row * row_bytes : (row + 1) * row_bytes]
        del view, rgb
        yield lines


def _draw_tile(
    x: int, y: int, width: int, rows: int, draw: DrawFunction, background: tuple[float, float, float]
) -> Any:
    """Draw the tile whose top-left corner is page pixel ``(x, y)``; return it as an RGB image."""
    import cairocffi as cairo
    from PIL import Image

    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, rows)
    context = cairo.Context(surface)
    context.set_source_rgb(*background)
    context.paint()
    context.translate(-x, -y)
    context.save()
    draw(context, x, y)
    context.restore()
    surface.flush()
    image = Image.frombuffer(
        "RGB", (width, rows), surface.get_data(), "raw", _CAIRO_RGB24, surface.get_stride(), 1
    )
    surface.finish()
    return image



def _check_pixels(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 0x7FFFFFFF:
        raise PrintError(f"image {name} {value!r} px is not valid: use a whole number of pixels, 1 or more")
