#!/usr/bin/env python3
"""Compare ways of encoding one big canopy surface as PNG, in one process.

    python benchmarks/bench_png_encoders.py [--size 7200] [--repeat 3]

Draws the default Perseverance design once, as chutecode draws it
(``chutecode.draw(layout, Design.create(size="7200px", dpi=300))``, painted by
``chutecode.renderers.cairo.paint_page`` on one RGB24 cairo surface), and times
each encoder on that same surface (best of ``--repeat``), with the file size
and how far the decoded pixels are from the surface: ``exact`` or the number
of pixels that differ and the largest channel error (palettes). The last rows
time whole pipelines (drawing included): one surface then ``write_png``,
against ``draw_png`` drawing and encoding band by band, and ``render_png``
(what ``chutecode.render`` does for a PNG). All in this process, timed with
``time.perf_counter``. Needs numpy (comes with matplotlib, the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if (HERE.parent / "src" / "chutecode").is_dir():
    sys.path.insert(0, str(HERE.parent / "src"))

import bench_render  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

import chutecode.renderers.pngwrite as pngwrite  # noqa: E402
from chutecode.design import Design  # noqa: E402
from chutecode.drawing.draw import draw  # noqa: E402
from chutecode.renderers.cairo import paint_page, raster_pixels, render_png  # noqa: E402


def main() -> None:
    """Run every encoder on one surface and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=7200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--palettes", action="store_true", help="also time the (slow) palette encoders")
    args = parser.parse_args()
    drawing = draw(bench_render.perseverance_layout(), Design.create(size=f"{args.size}px", dpi=300))
    width, height = raster_pixels(drawing)
    start = time.perf_counter()
    surface = draw_surface(drawing)
    raster = time.perf_counter() - start
    stride = surface.get_stride()
    words = (
        np.frombuffer(surface.get_data(), np.uint8)
        .reshape(height, stride)[:, : width * 4]
        .reshape(height, width, 4)
    )
    truth = words[..., [2, 1, 0]]  # B, G, R, X in memory on little-endian machines
    packed = (truth[..., 0].astype(np.uint32) << 16) | (truth[..., 1].astype(np.uint32) << 8) | truth[..., 2]
    colours = len(np.unique(packed))
    del packed
    print(
        f"{width} x {height} px canopy, {colours} distinct colours, drawn in {raster:.3f} s; "
        f"{os.cpu_count()} cores; best of {args.repeat}; "
        f"pillow encoder deflates with {pngwrite.deflate_library()}"
    )
    print(f"{'encoder':<44} {'seconds':>8} {'MB':>7}  pixels")

    def rgb_image() -> Image.Image:
        return Image.frombuffer(
            "RGBA", (width, height), surface.get_data(), "raw", "BGRA", stride, 1
        ).convert("RGB")

    def pillow_save(level: int) -> bytes:
        out = io.BytesIO()
        rgb_image().save(out, format="PNG", compress_level=level, dpi=(300, 300))
        return out.getvalue()

    def pillow_palette(method: Image.Quantize, level: int) -> bytes:
        out = io.BytesIO()
        rgb_image().quantize(256, method=method).save(out, format="PNG", compress_level=level, dpi=(300, 300))
        return out.getvalue()

    def cairo_png() -> bytes:
        out = io.BytesIO()
        surface.write_to_png(out)  # then pHYs: re-chunk, pure bytes
        patched = io.BytesIO()
        pngwrite.write_chunks(patched, pngwrite.pixels_per_metre(300), pngwrite._chunks(out.getvalue()))
        return patched.getvalue()

    def ours(encoder: str, level: int, deflater: object = None) -> bytes:
        out = io.BytesIO()
        saved = pngwrite._deflate_module
        pngwrite._deflate_module = deflater or saved
        try:
            pngwrite.write_png(surface, out, 300, encoder=encoder, compress_level=level)
        finally:
            pngwrite._deflate_module = saved
        return out.getvalue()

    def vips_palette(effort: int) -> bytes:
        data = memoryview(surface.get_data()).cast("B")
        image = pngwrite._load_vips().Image.new_from_memory(data, stride // 4, height, 4, "uchar")
        return bytes(image[2].bandjoin([image[1], image[0]]).pngsave_buffer(palette=True, effort=effort))

    cases: list[tuple[str, Callable[[], bytes]]] = [
        ("Pillow save, RGB, level 6 (the old writer)", lambda: pillow_save(6)),
        ("Pillow save, RGB, level 1", lambda: pillow_save(1)),
        ("cairo write_to_png + pHYs patch", cairo_png),
        ("chutecode pillow encoder, zlib, level 1", lambda: ours("pillow", 1, zlib)),
        ("chutecode pillow encoder, zlib, level 6", lambda: ours("pillow", 6, zlib)),
    ]
    if pngwrite.deflate_library().startswith("zlib-ng"):
        cases += [
            ("chutecode pillow encoder, zlib-ng, level 1", lambda: ours("pillow", 1)),
            ("chutecode pillow encoder, zlib-ng, level 2", lambda: ours("pillow", 2)),
            ("chutecode pillow encoder, zlib-ng, level 6", lambda: ours("pillow", 6)),
        ]
    if pngwrite.vips_available():
        cases += [
            ("chutecode vips encoder, level 1", lambda: ours("vips", 1)),
            ("chutecode vips encoder, level 6", lambda: ours("vips", 6)),
        ]
    if args.palettes:
        cases += [
            (
                "Pillow quantize 256 fast octree, level 1",
                lambda: pillow_palette(Image.Quantize.FASTOCTREE, 1),
            ),
            ("Pillow quantize 256 median cut, level 6", lambda: pillow_palette(Image.Quantize.MEDIANCUT, 6)),
        ]
        if pngwrite.vips_available():
            cases += [
                (f"vips palette (libimagequant), effort {e}", lambda e=e: vips_palette(e)) for e in (1, 7)
            ]

    for name, encode in cases:
        best, png = math.inf, b""
        for _ in range(args.repeat):
            start = time.perf_counter()
            png = encode()
            best = min(best, time.perf_counter() - start)
        decoded = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
        wrong = np.any(decoded != truth, axis=-1)
        if wrong.any():
            error = np.abs(decoded.astype(int) - truth.astype(int)).max()
            quality = f"{int(wrong.sum())} px differ ({wrong.mean():.2%}), max channel error {error}"
        else:
            quality = "exact"
        print(f"{name:<44} {best:8.3f} {len(png) / 1e6:7.2f}  {quality}", flush=True)

    def whole(how: str) -> float:
        start = time.perf_counter()
        if how == "banded":
            pngwrite.draw_png(painter(drawing), width, height, io.BytesIO(), 300)
        elif how == "render":
            render_png(drawing, io.BytesIO())
        else:
            pngwrite.write_png(draw_surface(drawing), io.BytesIO(), 300)
        return time.perf_counter() - start

    print()
    saved = pngwrite._deflate_module
    fast = pngwrite.deflate_library().split()[0]
    for label, how, deflater in (
        ("one surface + write_png (auto)", "surface", None),
        ("draw_png, bands of 512 rows, zlib", "banded", zlib),
        (f"draw_png, bands of 512 rows, {fast}", "banded", None),
        (f"render_png (chutecode.render), {fast}", "render", None),
    ):
        pngwrite._deflate_module = deflater or saved
        best = min(whole(how) for _ in range(args.repeat))
        pngwrite._deflate_module = saved
        print(f"{label:<44} {best:8.3f}  (drawing included)")


def painter(drawing):  # type: ignore[no-untyped-def]
    """``draw(ctx)`` painting the sheet of ``drawing`` on a context whose user unit is the pixel."""
    width, height = raster_pixels(drawing)
    sheet_width, sheet_height = drawing.sheet_size

    def draw_on(ctx) -> None:  # type: ignore[no-untyped-def]
        ctx.scale(width / sheet_width, height / sheet_height)
        paint_page(ctx, drawing)

    return draw_on


def draw_surface(drawing):  # type: ignore[no-untyped-def]
    """The sheet of ``drawing`` painted by chutecode on one RGB24 cairo surface at its DPI."""
    import cairocffi as cairo

    width, height = raster_pixels(drawing)
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    painter(drawing)(cairo.Context(surface))
    surface.flush()
    return surface


if __name__ == "__main__":
    main()
