"""Time and peak memory of a full poster page written as PNG through chutecode.render.

    python benchmarks/bench_poster.py                 # 24 x 36 in at 600 dpi: 14400 x 21600 px (strips)
    python benchmarks/bench_poster.py --dpi 150       # 3600 x 5400 px (one surface)

The page has a caption, a subtitle, the legend and a footer. It runs in its own
process so that the peak resident memory (ru_maxrss) is the render's own.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time


def child(path: str, page: str, dpi: float) -> None:
    import chutecode
    from chutecode import Design, draw
    from chutecode.renderers.cairo import ONE_BAND_PIXELS, raster_pixels, uses_tiles

    layout = chutecode.encode(chutecode.PERSEVERANCE_MESSAGE, chutecode.PERSEVERANCE_COORDS)
    options = dict(page=page, dpi=dpi, caption=True, subtitle=True, legend=True, footer=True)
    width, height = raster_pixels(draw(layout, Design.create(**options)))
    start = time.perf_counter()
    chutecode.render(layout, path, **options)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    way = ("tiles" if uses_tiles(width, height)
           else "one band" if width * height <= ONE_BAND_PIXELS else "bands")
    print(f"{width} {height} {seconds:.2f} {peak_mib:.0f} {os.path.getsize(path)} {way}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="24x36in")
    parser.add_argument("--dpi", type=float, default=600)
    parser.add_argument("--child", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.page, args.dpi)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "poster.png")
        command = [sys.executable, __file__, "--child", path, "--page", args.page, "--dpi", str(args.dpi)]
        result = subprocess.run(command, check=True, capture_output=True, text=True)
        width, height, seconds, peak, size, *way = result.stdout.split()
        print(
            f"{args.page} at {args.dpi:g} dpi: {width} x {height} px "
            f"({int(width) * int(height) / 1e6:.0f} Mpx), "
            f"{' '.join(way)}: {float(seconds):.2f} s, peak {peak} MiB, file {int(size) / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
