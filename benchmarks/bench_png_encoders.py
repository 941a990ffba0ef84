#!/usr/bin/env python3
"""Compare ways of encoding one big canopy surface as PNG, in one process.

    python benchmarks/bench_png_encoders.py [--size 7200] [--repeat 3]

Draws the Perseverance canopy once with cairocffi (see bench_render.py) and
times each encoder on that same surface (best of ``--repeat``), with the file
size and how far the decoded pixels are from the surface: ``exact`` or the
number of pixels that differ and the largest channel error (palettes).
The last rows time whole pipelines (drawing included): one surface then
``write_png``, against ``draw_png`` drawing and encoding band by band.
Needs numpy (comes with matplotlib, the ``bench`` extra).
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

import chutecode.pngwrite as pngwrite  # noqa: E402


def main() -> None:
    """Run every encoder on one surface and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=7200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--palettes", action="store_true", help="also time the (slow) palette encoders")
    args = parser.parse_args()
    size = args.size
    layout = bench_render.perseverance_layout()
    start = time.perf_counter()
    surface = bench_render.draw_cairo(layout, size)
    raster = time.perf_counter() - start
    stride = surface.get_stride()
    words = (
        np.frombuffer(surface.get_data(), np.uint8)
        .reshape(size, stride)[:, : size * 4]
        .reshape(size, size, 4)
    )
    truth = words[..., [2, 1, 0]]  # B, G, R, X in memory on little-endian machines
    packed = (truth[..., 0].astype(np.uint32) << 16) | (truth[..., 1].astype(np.uint32) << 8) | truth[..., 2]
    colours = len(np.unique(packed))
    del packed
    print(
        f"{size} x {size} px canopy, {colours} distinct colours, drawn in {raster:.3f} s; "
        f"{os.cpu_count()} cores; best of {args.repeat}; "
        f"pillow encoder deflates with {pngwrite.deflate_library()}"
    )
    print(f"{'encoder':<44} {'seconds':>8} {'MB':>7}  pixels")

    def rgb_image() -> Image.Image:
        return Image.frombuffer("RGBA", (size, size), surface.get_data(), "raw", "BGRA", stride, 1).convert(
            "RGB"
        )

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
        pngwrite._write_chunks(patched, round(300 / 0.0254), pngwrite._chunks(out.getvalue()))
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
        image = pngwrite._load_vips().Image.new_from_memory(data, stride // 4, size, 4, "uchar")
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

    def whole(banded: bool) -> float:
        start = time.perf_counter()
        if banded:
            pngwrite.draw_png(lambda ctx: draw_on(ctx, layout, size), size, size, io.BytesIO(), 300)
        else:
            pngwrite.write_png(bench_render.draw_cairo(layout, size), io.BytesIO(), 300)
        return time.perf_counter() - start

    print()
    saved = pngwrite._deflate_module
    for label, banded, deflater in (
        ("one surface + write_png (auto)", False, None),
        ("draw_png, bands of 512 rows, zlib", True, zlib),
        (f"draw_png, bands of 512 rows, {pngwrite.deflate_library().split()[0]}", True, None),
    ):
        pngwrite._deflate_module = deflater or saved
        best = min(whole(banded) for _ in range(args.repeat))
        pngwrite._deflate_module = saved
        print(f"{label:<44} {best:8.3f}  (drawing included)")


def draw_on(ctx, layout, size: int) -> None:  # type: ignore[no-untyped-def]
    """The same drawing as bench_render.draw_cairo, on a given context."""
    bench_render.paint_canopy(ctx, layout, size)


if __name__ == "__main__":
    main()
