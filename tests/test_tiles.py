"""PNG files drawn in strips and tiles: same pixels as one surface, any size, little memory."""

from __future__ import annotations

import io
import math
import struct
import subprocess
import sys
from pathlib import Path

import cairocffi as cairo
import pytest
from PIL import Image, ImageChops

from chutecode.errors import PrintError, UnitError
from chutecode.renderers.pngwrite import draw_png
from chutecode.renderers.tiles import CAIRO_MAX_SIDE, strip_plan, write_png_strips


def scene(context: cairo.Context, x_offset_px: int, y_offset_px: int) -> None:
    """Antialiased shapes and text that cross many strip and tile edges."""
    context.set_source_rgb(0.95, 0.9, 0.8)
    context.paint()
    context.set_source_rgb(0.8, 0.1, 0.1)
    context.arc(150.3, 128.7, 97.2, 0, 2 * math.pi)
    context.fill()
    context.set_source_rgba(0.1, 0.2, 0.8, 0.6)
    context.set_line_width(7.3)
    context.move_to(3.5, 250.2)
    context.line_to(297.7, 4.1)
    context.stroke()
    context.set_source_rgb(0, 0, 0)
    context.select_font_face("DejaVu Sans")
    context.set_font_size(31.7)
    context.move_to(20.4, 140.6)
    context.show_text("DARE MIGHTY")


def direct(width: int, height: int) -> Image.Image:
    """The same scene drawn by cairo on one surface, converted by Pillow."""
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    context = cairo.Context(surface)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    scene(context, 0, 0)
    surface.flush()
    raw = "BGRX" if sys.byteorder == "little" else "XRGB"
    return Image.frombuffer(
        "RGB", (width, height), bytes(surface.get_data()), "raw", raw, surface.get_stride(), 1
    )


def drawn(strip_rows: int | None, max_tile_px: int) -> Image.Image:
    out = io.BytesIO()
    write_png_strips(out, 301, 257, scene, dpi=300, strip_rows=strip_rows, max_tile_px=max_tile_px)
    back = Image.open(io.BytesIO(out.getvalue()))
    assert back.size == (301, 257)
    assert back.mode == "RGB"
    return back


@pytest.mark.parametrize("strip_rows", [1, 7, 64, 256, 257, None])
def test_full_width_bands_give_the_same_pixels_as_one_surface(strip_rows: int | None) -> None:
    assert drawn(strip_rows, 16384).tobytes() == direct(301, 257).tobytes()


@pytest.mark.parametrize("strip_rows, max_tile_px", [(7, 13), (64, 64), (300, 3), (20, 150)])
def test_tiles_differ_only_by_antialiasing_rounding(strip_rows: int, max_tile_px: int) -> None:
    # cairo clips shapes at each vertical tile edge: a few edge pixels may move by a few levels.
    difference = ImageChops.difference(drawn(strip_rows, max_tile_px), direct(301, 257)).convert("L")
    histogram = difference.histogram()
    assert max(level for level, count in enumerate(histogram) if count) <= 16
    assert sum(histogram[1:]) < 0.005 * 301 * 257


def squares(context: cairo.Context, x_offset_px: int = 0, y_offset_px: int = 0) -> None:
    """Whole-pixel rectangles (no antialiasing), so that tile edges cannot move a pixel."""
    context.set_source_rgb(1, 1, 1)
    context.paint()
    for i in range(12):
        context.set_source_rgb(i / 11, 0.5, 1 - i / 11)
        context.rectangle(37 * i, 53 * i, 61, 97)
        context.fill()


@pytest.mark.parametrize("max_tile_px", [16384, 100, 7])
def test_tiles_go_through_the_band_encoder(max_tile_px: int) -> None:
    # One PNG encoder: the tiles of bands of 512 rows give the very bytes of draw_png's bands of 512 rows.
    width, height = 450, 1300
    tiled, banded = io.BytesIO(), io.BytesIO()
    write_png_strips(tiled, width, height, squares, dpi=300, strip_rows=512, max_tile_px=max_tile_px)
    draw_png(squares, width, height, banded, 300, band_rows=512)
    assert tiled.getvalue() == banded.getvalue()


@pytest.mark.parametrize("level", [0, 1, 9])
def test_every_compress_level_gives_the_same_pixels(level: int) -> None:
    out = io.BytesIO()
    write_png_strips(out, 301, 257, scene, dpi=300, strip_rows=64, compress_level=level)
    assert Image.open(io.BytesIO(out.getvalue())).tobytes() == direct(301, 257).tobytes()


def test_dpi_is_written(tmp_path: Path) -> None:
    target = tmp_path / "a4.png"
    write_png_strips(target, 2480, 3508, lambda context, x, y: None, dpi=300, strip_rows=1000)
    data = target.read_bytes()
    # pHYs: 300 dpi = 11811.02 pixels per metre, stored as 11811, unit 1 (metre)
    assert struct.pack(">I", 9) + b"pHYs" + struct.pack(">IIB", 11811, 11811, 1) in data
    with Image.open(target) as back:
        assert back.size == (2480, 3508)
        assert back.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert back.getpixel((1240, 1754)) == (255, 255, 255)  # the default background


def test_wider_than_cairo_allows() -> None:
    width = 40000
    with pytest.raises(cairo.CairoError):
        cairo.ImageSurface(cairo.FORMAT_RGB24, width, 1)

    def bars(context: cairo.Context, x_offset_px: int, y_offset_px: int) -> None:
        context.set_source_rgb(0, 0, 1)
        context.rectangle(100, 0, 100, 30)
        context.fill()
        context.set_source_rgb(1, 0, 0)
        context.rectangle(39000, 10, 990, 20)
        context.fill()

    out = io.BytesIO()
    write_png_strips(out, width, 40, bars, dpi=72, background=(0, 1, 0))
    with Image.open(io.BytesIO(out.getvalue())) as back:
        assert back.size == (width, 40)
        assert back.getpixel((150, 5)) == (0, 0, 255)
        assert back.getpixel((39500, 20)) == (255, 0, 0)
        assert back.getpixel((39500, 5)) == (0, 255, 0)
        assert back.getpixel((39995, 20)) == (0, 255, 0)
        assert back.getpixel((20000, 35)) == (0, 255, 0)


def test_draw_gets_each_tile_origin() -> None:
    calls: list[tuple[int, int, tuple[float, float], tuple[float, float, float, float]]] = []

    def record(context: cairo.Context, x_offset_px: int, y_offset_px: int) -> None:
        device = context.user_to_device(x_offset_px, y_offset_px)
        calls.append((x_offset_px, y_offset_px, device, context.clip_extents()))

    write_png_strips(io.BytesIO(), 25, 10, record, dpi=96, strip_rows=4, max_tile_px=10)
    assert [(x, y) for x, y, _, _ in calls] == [
        (0, 0),
        (10, 0),
        (20, 0),
        (0, 4),
        (10, 4),
        (20, 4),
        (0, 8),
        (10, 8),
        (20, 8),
    ]
    for x, y, device, clip in calls:
        assert device == (0, 0)  # the tile's top-left corner is page pixel (x, y)
        width, rows = (10 if x < 20 else 5), (4 if y < 8 else 2)
        assert clip == (x, y, x + width, y + rows)


def test_strip_plan_defaults() -> None:
    plan = strip_plan(14400, 21600)
    rows = {rows for _, rows, _ in plan[:-1]}
    assert rows == {32 * 1024 * 1024 // (4 * 14400)}  # 582 rows of 32-bit pixels in 32 MiB
    assert sum(r for _, r, _ in plan) == 21600
    assert plan[0][2] == [(0, 14400)]
    assert strip_plan(40000, 10, max_tile_px=CAIRO_MAX_SIDE)[0][2] == [(0, 32767), (32767, 7233)]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(width_px=0), "width 0"),
        (dict(height_px=-5), "height -5"),
        (dict(width_px=1.5), "width 1.5"),
        (dict(strip_rows=0), "strip rows 0"),
        (dict(max_tile_px=40000), "tile width 40000"),
        (dict(dpi=0), "dpi 0"),
        (dict(compress_level=12), "compression level 12"),
    ],
)
def test_bad_arguments(tmp_path: Path, kwargs: dict, message: str) -> None:
    arguments = dict(width_px=10, height_px=10, dpi=300) | kwargs
    with pytest.raises(UnitError if "dpi" in kwargs else PrintError, match=message):
        write_png_strips(tmp_path / "x.png", draw=scene, **arguments)
    assert list(tmp_path.iterdir()) == []


def test_failed_drawing_leaves_no_file(tmp_path: Path) -> None:
    def broken(context: cairo.Context, x_offset_px: int, y_offset_px: int) -> None:
        if y_offset_px >= 20:
            raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError, match="drawing failed"):
        write_png_strips(tmp_path / "poster.png", 50, 50, broken, dpi=300, strip_rows=10)
    assert list(tmp_path.iterdir()) == []


POSTER_SCRIPT = """
import math, sys
from chutecode.renderers.tiles import write_png_strips

def circles(context, x_offset_px, y_offset_px):
    context.set_source_rgb(204 / 255, 26 / 255, 26 / 255)
    context.arc(7200, 10800, 6000, 0, 2 * math.pi)
    context.fill()
    context.set_source_rgb(26 / 255, 51 / 255, 204 / 255)
    context.arc(3000, 3000, 2000, 0, 2 * math.pi)
    context.fill()
    context.set_source_rgb(0, 0, 0)
    context.set_line_width(50)
    context.arc(7200, 10800, 7000, 0, 2 * math.pi)
    context.stroke()

write_png_strips(sys.argv[1], 14400, 21600, circles, dpi=600)
# VmHWM is this process's own peak: ru_maxrss would also count the parent it was
# forked from (Linux keeps the high-water mark across exec).
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def test_poster_24x36in_at_600dpi(tmp_path: Path) -> None:
    target = tmp_path / "poster.png"
    done = subprocess.run(
        [sys.executable, "-c", POSTER_SCRIPT, str(target)], check=True, capture_output=True, text=True
    )
    peak_mb = int(done.stdout.strip()) / 1024  # VmHWM is in KiB
    # One 14400 x 21600 surface alone would take 1187 MiB.
    assert peak_mb < 400, f"peak memory {peak_mb:.0f} MiB"

    Image.MAX_IMAGE_PIXELS, limit = None, Image.MAX_IMAGE_PIXELS
    try:
        with Image.open(target) as back:
            assert back.size == (14400, 21600)
            assert back.info["dpi"] == pytest.approx((600, 600), abs=0.01)
            back.load()
            assert back.getpixel((7200, 10800)) == (204, 26, 26)  # red disk centre
            assert back.getpixel((7200, 4900)) == (204, 26, 26)  # inside its top, 100 px from the edge
            assert back.getpixel((3000, 3000)) == (26, 51, 204)  # blue disk
            assert back.getpixel((7200 + 7000, 10800)) == (0, 0, 0)  # on the ring
            assert back.getpixel((7200, 10800 - 7000)) == (0, 0, 0)
            assert back.getpixel((7200, 10800 + 6500)) == (255, 255, 255)  # between disk and ring
            assert back.getpixel((100, 21500)) == (255, 255, 255)
            small = back.reduce(40)
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    assert small.size == (360, 540)
    assert small.getpixel((180, 270)) == (204, 26, 26)
