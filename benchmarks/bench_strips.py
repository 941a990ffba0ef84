"""Time and peak memory of a 24 x 36 in poster at 600 dpi (14400 x 21600 px) written as PNG.

    python benchmarks/bench_strips.py             # strips (chutecode.renderers.tiles)
    python benchmarks/bench_strips.py --compare   # also one big cairo surface (chutecode.renderers.pngwrite)

Each way runs in its own process so that its peak resident memory (ru_maxrss)
is its own. The drawing is a few large circles and a ring, like a canopy.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

WIDTH, HEIGHT, DPI = 14400, 21600, 600


def circles(context, x_offset_px: int, y_offset_px: int) -> None:
    context.set_source_rgb(0.8, 0.1, 0.1)
    context.arc(7200, 10800, 6000, 0, 2 * math.pi)
    context.fill()
    context.set_source_rgb(0.1, 0.2, 0.8)
    context.arc(3000, 3000, 2000, 0, 2 * math.pi)
    context.fill()
    context.set_source_rgb(0, 0, 0)
    context.set_line_width(50)
    context.arc(7200, 10800, 7000, 0, 2 * math.pi)
    context.stroke()


def run_strips(path: str, strip_rows: int | None) -> None:
    from chutecode.renderers.tiles import write_png_strips

    write_png_strips(path, WIDTH, HEIGHT, circles, dpi=DPI, strip_rows=strip_rows)


def run_single(path: str) -> None:
    import cairocffi as cairo

    from chutecode.renderers.pngwrite import write_png

    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, WIDTH, HEIGHT)
    context = cairo.Context(surface)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    circles(context, 0, 0)
    with open(path, "wb") as stream:
        write_png(surface, stream, DPI)


def child(way: str, path: str, strip_rows: int | None) -> None:
    start = time.perf_counter()
    if way == "strips":
        run_strips(path, strip_rows)
    else:
        run_single(path)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.2f} {peak_mib:.0f} {os.path.getsize(path)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also draw on one big surface")
    parser.add_argument("--strip-rows", type=int, default=None, help="rows per band (default: ~32 MiB)")
    parser.add_argument("--child", nargs=2, metavar=("WAY", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.strip_rows)
        return
    ways = ["strips", "single"] if args.compare else ["strips"]
    print(f"{WIDTH} x {HEIGHT} px at {DPI} dpi ({WIDTH * HEIGHT / 1e6:.0f} Mpx), cairo {_cairo_version()}")
    with tempfile.TemporaryDirectory() as folder:
        for way in ways:
            path = os.path.join(folder, f"{way}.png")
            command = [sys.executable, __file__, "--child", way, path]
            if args.strip_rows:
                command += ["--strip-rows", str(args.strip_rows)]
            result = subprocess.run(command, check=True, capture_output=True, text=True)
            seconds, peak, size = result.stdout.split()
            megabytes = int(size) / 1e6
            print(f"{way:>7}: {float(seconds):6.2f} s, peak {int(peak):5d} MiB, file {megabytes:.1f} MB")


def _cairo_version() -> str:
    import cairocffi

    return cairocffi.cairo_version_string()


if __name__ == "__main__":
    main()
