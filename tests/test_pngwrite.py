"""PNG writer: pixels, DPI, determinism, container validity, both encoders, banded drawing."""

from __future__ import annotations

import io
import math
import struct
import sys
import zlib

import cairocffi as cairo
import pytest
from PIL import Image

import chutecode.renderers.pngwrite as pngwrite
from chutecode.errors import ChutecodeError, UnitError
from chutecode.renderers.pngwrite import PngEncoderError, draw_png, write_png

VIPS_MISSING = not pngwrite.vips_available()
needs_vips = pytest.mark.skipif(
    VIPS_MISSING,
    reason=f"the 'vips' encoder needs the chutecode[vips] extra (pyvips + libvips): {pngwrite._vips_error}",
)
CONCRETE = ["pillow", pytest.param("vips", marks=needs_vips)]
try:
    from zlib_ng import zlib_ng
except ImportError:
    zlib_ng = None
DEFLATERS = [
    pytest.param(zlib, id="zlib"),
    pytest.param(
        zlib_ng,
        id="zlib-ng",
        marks=pytest.mark.skipif(
            zlib_ng is None, reason="zlib-ng (in the chutecode[fast] extra) is not installed"
        ),
    ),
]

ORANGE = (0xDF, 0x6A, 0x33)
WHITE = (0xFF, 0xFF, 0xFF)
GREY = (0x40, 0x40, 0x40)


# -- helpers, independent of the code under test -----------------------------------------------------


def blocks(ctx: cairo.Context, width: int, height: int) -> None:
    """Whole-pixel rectangles: white page, orange left third, grey bottom rows from y = 300."""
    ctx.set_source_rgb(*(c / 255 for c in WHITE))
    ctx.paint()
    ctx.set_source_rgb(*(c / 255 for c in ORANGE))
    ctx.rectangle(0, 0, width // 3, height)
    ctx.fill()
    ctx.set_source_rgb(*(c / 255 for c in GREY))
    ctx.rectangle(0, 300, width, height - 300)
    ctx.fill()


def expected_block_pixel(x: int, y: int, width: int) -> tuple[int, int, int]:
    if y >= 300:
        return GREY
    return ORANGE if x < width // 3 else WHITE


def canopy(ctx: cairo.Context, side: int) -> None:
    """Antialiased annular sectors with seams, like a canopy."""
    ctx.set_source_rgb(1, 1, 1)
    ctx.paint()
    ctx.translate(side / 2, side / 2)
    ctx.set_line_width(max(1.0, side / 700))
    for ring, (r0, r1) in enumerate(((0.09, 0.37), (0.37, 0.63), (0.63, 0.80), (0.90, 1.0))):
        for gore in range(40):
            a0, a1 = 2 * math.pi * gore / 40, 2 * math.pi * (gore + 1) / 40
            ctx.new_path()
            ctx.arc(0, 0, r1 * side * 0.49, a0, a1)
            ctx.arc_negative(0, 0, r0 * side * 0.49, a1, a0)
            ctx.close_path()
            ctx.set_source_rgb(*((0.875, 0.416, 0.2) if (gore * 7 + ring) % 3 else (1, 1, 1)))
            ctx.fill_preserve()
            ctx.set_source_rgb(0.3, 0.3, 0.3)
            ctx.stroke()


def rgb24(width: int, height: int, painter) -> cairo.ImageSurface:  # type: ignore[no-untyped-def]
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    painter(cairo.Context(surface))
    surface.flush()
    return surface


def surface_rgb(surface: cairo.ImageSurface) -> bytes:
    """The surface's pixels as packed R, G, B bytes, read from cairo's native-endian 0xAARRGGBB words."""
    data = bytes(surface.get_data())
    assert surface.get_stride() == 4 * surface.get_width()  # always so for 32-bit cairo formats
    red, green, blue = (2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)
    out = bytearray(len(data) // 4 * 3)
    out[0::3], out[1::3], out[2::3] = data[red::4], data[green::4], data[blue::4]
    return bytes(out)


def encode(surface: cairo.ImageSurface, dpi: float = 300, **options) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    write_png(surface, out, dpi, **options)
    return out.getvalue()


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """Chunks of a PNG, checking the signature and every CRC with the standard library."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, found = 8, []
    while pos < len(png):
        (length,) = struct.unpack_from(">I", png, pos)
        kind, payload = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack_from(">I", png, pos + 8 + length)
        assert zlib.crc32(kind + payload) == crc, kind
        found.append((kind, payload))
        pos += 12 + length
    assert pos == len(png)
    return found


@pytest.fixture(params=DEFLATERS)
def deflater(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the pillow encoder with each deflate library."""
    monkeypatch.setattr(pngwrite, "_deflate_module", request.param)
    return request.param


@pytest.fixture
def no_vips(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as if the chutecode[vips] extra were not installed."""
    monkeypatch.setitem(sys.modules, "pyvips", None)
    monkeypatch.setattr(pngwrite, "_vips_module", None)
    monkeypatch.setattr(pngwrite, "_vips_error", None)


# -- pixels ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoder", CONCRETE)
def test_flat_blocks_have_the_hand_worked_colours(encoder: str) -> None:
    width, height = 301, 517  # odd sizes, several strips of 256 rows
    surface = rgb24(width, height, lambda ctx: blocks(ctx, width, height))
    image = decode(encode(surface, encoder=encoder))
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (width, height)
    for x, y in [(0, 0), (99, 299), (100, 0), (300, 299), (0, 300), (300, 516), (150, 255), (150, 256)]:
        assert image.getpixel((x, y)) == expected_block_pixel(x, y, width), (x, y)


@pytest.mark.parametrize("encoder", CONCRETE)
def test_antialiased_pixels_equal_the_surface(encoder: str) -> None:
    surface = rgb24(260, 600, lambda ctx: canopy(ctx, 260))
    expected = surface_rgb(surface)
    assert len(set(zip(expected[0::3], expected[1::3], expected[2::3], strict=True))) > 20  # edges blend
    assert decode(encode(surface, encoder=encoder)).tobytes() == expected


def test_one_pixel() -> None:
    surface = rgb24(1, 1, lambda ctx: (ctx.set_source_rgb(0, 0, 1), ctx.paint()))
    assert decode(encode(surface)).getpixel((0, 0)) == (0, 0, 255)


@pytest.mark.parametrize("encoder", ["auto", *CONCRETE])
def test_opaque_argb_surface_gives_rgb(encoder: str) -> None:
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 64, 300)
    canopy(cairo.Context(surface), 64)
    surface.flush()
    image = decode(encode(surface, encoder=encoder))
    assert image.mode == "RGB"
    assert image.tobytes() == surface_rgb(surface)


def test_transparent_pixels_give_straight_rgba() -> None:
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 4, 300)
    ctx = cairo.Context(surface)
    ctx.set_source_rgba(1, 0, 0, 0.5)  # stored premultiplied: about (128, 0, 0) with alpha 128
    ctx.rectangle(0, 0, 2, 300)
    ctx.fill()
    ctx.set_source_rgba(0, 0, 1, 1)
    ctx.rectangle(2, 0, 1, 300)
    ctx.fill()  # column 3 stays fully transparent
    image = decode(encode(surface))
    assert image.mode == "RGBA"
    red, blue, clear = image.getpixel((0, 299)), image.getpixel((2, 0)), image.getpixel((3, 150))
    assert abs(red[0] - 255) <= 1 and red[1:3] == (0, 0) and abs(red[3] - 128) <= 1
    assert blue == (0, 0, 255, 255)
    assert clear[3] == 0


# -- DPI and container -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoder", CONCRETE)
@pytest.mark.parametrize(
    ("dpi", "per_metre"), [(300, 11811), (72, 2835), (96, 3780), (600, 23622), (25.4, 1000)]
)
def test_dpi_is_in_phys(encoder: str, dpi: float, per_metre: int) -> None:
    png = encode(rgb24(10, 10, lambda ctx: ctx.paint()), dpi, encoder=encoder)
    phys = [payload for kind, payload in chunks(png) if kind == b"pHYs"]
    assert phys == [struct.pack(">IIB", per_metre, per_metre, 1)]  # unit 1: metre
    # pHYs counts whole pixels per metre: 1 per metre is 0.0254 dpi, so within half of that.
    assert decode(png).info["dpi"] == pytest.approx((dpi, dpi), abs=0.0127)


@pytest.mark.parametrize("encoder", CONCRETE)
def test_only_the_needed_chunks_in_order(encoder: str) -> None:
    png = encode(rgb24(30, 700, lambda ctx: canopy(ctx, 30)), encoder=encoder)
    kinds = [kind for kind, _ in chunks(png)]
    assert kinds[:2] == [b"IHDR", b"pHYs"] and kinds[-1] == b"IEND"
    assert set(kinds[2:-1]) == {b"IDAT"}
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", dict(chunks(png))[b"IHDR"])
    assert (width, height, depth, colour, interlace) == (30, 700, 8, 2, 0)


@pytest.mark.parametrize("encoder", CONCRETE)
def test_zlib_stream_is_whole_with_its_checksum(encoder: str, deflater) -> None:  # type: ignore[no-untyped-def]
    surface = rgb24(97, 1100, lambda ctx: canopy(ctx, 97))
    stream = b"".join(
        payload for kind, payload in chunks(encode(surface, encoder=encoder)) if kind == b"IDAT"
    )
    scanlines = zlib.decompress(stream)  # checks the Adler-32 at the end
    assert len(scanlines) == 1100 * (1 + 3 * 97)
    assert {scanlines[row * (1 + 3 * 97)] for row in range(1100)} == {0}  # filter "none"
    rows = b"".join(scanlines[r * 292 + 1 : (r + 1) * 292] for r in range(1100))
    assert rows == surface_rgb(surface)


@pytest.mark.parametrize("level", [0, 1, 6, 9])
def test_every_compress_level_decodes(level: int, deflater) -> None:  # type: ignore[no-untyped-def]
    surface = rgb24(40, 300, lambda ctx: canopy(ctx, 40))
    assert decode(encode(surface, compress_level=level, encoder="pillow")).tobytes() == surface_rgb(surface)


def test_deflate_library_is_named(deflater) -> None:  # type: ignore[no-untyped-def]
    name = pngwrite.deflate_library()
    assert name.startswith("zlib-ng " if deflater is zlib_ng else f"zlib {zlib.ZLIB_RUNTIME_VERSION}")


def test_adler32_combine_matches_zlib() -> None:
    first, second = b"chutecode" * 1000, bytes(range(256)) * 300
    combined = pngwrite._adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)


# -- determinism and encoder choice ------------------------------------------------------------------


@pytest.mark.parametrize("encoder", CONCRETE)
def test_same_surface_same_bytes(encoder: str, deflater) -> None:  # type: ignore[no-untyped-def]
    first = encode(rgb24(200, 800, lambda ctx: canopy(ctx, 200)), encoder=encoder)
    again = encode(rgb24(200, 800, lambda ctx: canopy(ctx, 200)), encoder=encoder)
    assert first == again


@needs_vips
def test_auto_uses_vips_when_zlib_ng_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pngwrite, "_deflate_module", zlib)
    assert write_png(rgb24(8, 8, lambda ctx: ctx.paint()), io.BytesIO(), 300) == "vips"
    assert pngwrite.available_encoders() == ("vips", "pillow")


@pytest.mark.skipif(zlib_ng is None, reason="zlib-ng (in the chutecode[fast] extra) is not installed")
def test_auto_prefers_pillow_with_zlib_ng(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pngwrite, "_deflate_module", zlib_ng)
    assert write_png(rgb24(8, 8, lambda ctx: ctx.paint()), io.BytesIO(), 300) == "pillow"
    assert pngwrite.available_encoders()[0] == "pillow"


def test_auto_falls_back_to_pillow_without_vips(no_vips: None, deflater) -> None:  # type: ignore[no-untyped-def]
    surface = rgb24(50, 300, lambda ctx: canopy(ctx, 50))
    out = io.BytesIO()
    assert write_png(surface, out, 300) == "pillow"
    assert pngwrite.available_encoders() == ("pillow",)
    assert decode(out.getvalue()).tobytes() == surface_rgb(surface)


def test_asking_for_vips_without_the_extra_says_how_to_get_it(no_vips: None) -> None:
    with pytest.raises(PngEncoderError, match=r"'vips' is not available .*chutecode\[vips\]"):
        write_png(rgb24(4, 4, lambda ctx: ctx.paint()), io.BytesIO(), 300, encoder="vips")


def test_pyvips_without_libvips_counts_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoLibvips:  # pyvips installed, libvips not: importing it raises OSError from dlopen
        def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
            if name == "pyvips":
                raise OSError("cannot load library 'libvips.so.42'")
            return None

    monkeypatch.delitem(sys.modules, "pyvips", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoLibvips(), *sys.meta_path])
    monkeypatch.setattr(pngwrite, "_vips_module", None)
    monkeypatch.setattr(pngwrite, "_vips_error", None)
    assert not pngwrite.vips_available()
    with pytest.raises(PngEncoderError, match=r"'vips' is not available \(OSError: cannot load library"):
        write_png(rgb24(4, 4, lambda ctx: ctx.paint()), io.BytesIO(), 300, encoder="vips")
    assert write_png(rgb24(4, 4, lambda ctx: ctx.paint()), io.BytesIO(), 300) == "pillow"


@needs_vips
def test_vips_refuses_transparency() -> None:
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 4, 4)  # all transparent
    with pytest.raises(PngEncoderError, match="opaque surfaces only"):
        write_png(surface, io.BytesIO(), 300, encoder="vips")
    assert decode(encode(surface)).mode == "RGBA"  # auto goes to pillow


# -- banded drawing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("band_rows", [256, 512, 1024])
def test_draw_png_gives_the_bytes_of_one_surface_for_whole_pixel_shapes(
    band_rows: int,
    deflater,  # type: ignore[no-untyped-def]
) -> None:
    width, height = 333, 1111

    def draw(ctx: cairo.Context) -> None:
        blocks(ctx, width, height)

    out = io.BytesIO()
    draw_png(draw, width, height, out, 300, band_rows=band_rows)
    assert out.getvalue() == encode(rgb24(width, height, draw), encoder="pillow")
    image = decode(out.getvalue())
    assert image.getpixel((0, 1110)) == GREY and image.getpixel((332, 0)) == WHITE


def test_draw_png_antialiased_edges_match_one_surface_closely() -> None:
    side = 900
    out = io.BytesIO()
    draw_png(lambda ctx: canopy(ctx, side), side, side, out, 150)
    banded = decode(out.getvalue()).tobytes()
    whole = surface_rgb(rgb24(side, side, lambda ctx: canopy(ctx, side)))
    differ = [abs(a - b) for a, b in zip(banded, whole, strict=True) if a != b]
    # Bands move the drawing by whole pixels; float rounding can move a few edge pixels by a few levels.
    assert len(differ) < 0.001 * len(whole) and max(differ, default=0) <= 8
    assert decode(out.getvalue()).info["dpi"] == pytest.approx((150, 150), abs=0.0127)


def test_draw_png_rgba_keeps_transparency() -> None:
    def draw(ctx: cairo.Context) -> None:
        ctx.set_source_rgba(0, 0.5, 1, 1)
        ctx.rectangle(0, 0, 5, 600)
        ctx.fill()

    out = io.BytesIO()
    draw_png(draw, 10, 600, out, 300, alpha=True)
    image = decode(out.getvalue())
    assert image.mode == "RGBA"
    assert image.getpixel((4, 599)) == (0, 128, 255, 255) and image.getpixel((5, 0))[3] == 0


def test_draw_png_bands_are_cleared_between_calls() -> None:
    calls: list[float] = []

    def draw(ctx: cairo.Context) -> None:  # paints nothing on the first band, a band of blue on row 600
        calls.append(ctx.get_matrix().as_tuple()[5])
        ctx.set_source_rgb(0, 0, 1)
        ctx.rectangle(0, 600, 3, 1)
        ctx.fill()

    out = io.BytesIO()
    draw_png(draw, 3, 800, out, 300, band_rows=256)
    assert calls == [0, -256, -512, -768]
    image = decode(out.getvalue())
    assert [image.getpixel((1, y)) for y in (0, 599, 600, 601, 799)] == [
        (0, 0, 0),
        (0, 0, 0),
        (0, 0, 255),
        (0, 0, 0),
        (0, 0, 0),
    ]


def test_draw_png_error_in_drawing_propagates() -> None:
    def draw(ctx: cairo.Context) -> None:
        if ctx.get_matrix().as_tuple()[5] < -300:
            raise RuntimeError("drawing failed")
        ctx.paint()

    with pytest.raises(RuntimeError, match="drawing failed"):
        draw_png(draw, 20, 2000, io.BytesIO(), 300, band_rows=256)


# -- bands made by the caller (the tile writer's way in) ----------------------------------------------


def surface_bands(surface: cairo.ImageSurface, rows: int):  # type: ignore[no-untyped-def]
    """A finished surface handed over as bands of ``rows`` rows, as a caller of write_bands would."""
    data, stride = memoryview(surface.get_data()).cast("B"), surface.get_stride()
    height = surface.get_height()
    for top in range(0, height, rows):
        yield data[top * stride :], min(rows, height - top), stride


@pytest.mark.parametrize("rows", [256, 512, 1100])
def test_write_bands_gives_the_bytes_of_write_png(rows: int, deflater) -> None:  # type: ignore[no-untyped-def]
    surface = rgb24(97, 1100, lambda ctx: canopy(ctx, 97))
    out = io.BytesIO()
    pngwrite.write_bands(surface_bands(surface, rows), 97, 1100, out, 300)
    assert out.getvalue() == encode(surface, encoder="pillow")


def test_write_bands_takes_any_band_height_and_a_wide_stride() -> None:
    surface = rgb24(50, 300, lambda ctx: canopy(ctx, 50))
    expected = surface_rgb(surface)
    # The rows of the surface laid in a buffer with a longer stride, as tiles side by side leave them.
    stride = 4 * 80
    wide = bytearray(stride * 300)
    source = memoryview(surface.get_data()).cast("B")
    for row in range(300):
        wide[row * stride : row * stride + 200] = source[row * surface.get_stride() :][:200]
    bands = ((memoryview(wide)[top * stride :], min(7, 300 - top), stride) for top in range(0, 300, 7))
    out = io.BytesIO()
    pngwrite.write_bands(bands, 50, 300, out, 300, compress_level=6, hold=1, drawing=False)
    assert decode(out.getvalue()).tobytes() == expected
    assert zlib.decompress(b"".join(p for k, p in chunks(out.getvalue()) if k == b"IDAT"))


def test_write_bands_is_not_bound_by_cairo_width() -> None:
    width = pngwrite.MAX_SIDE + 1000
    band = bytearray(b"\x10\x20\x30\x00" * width * 3)  # B, G, R, X: RGB (0x30, 0x20, 0x10)
    out = io.BytesIO()
    pngwrite.write_bands(iter([(memoryview(band), 3, 4 * width)]), width, 3, out, 72)
    image = decode(out.getvalue())
    assert image.size == (width, 3)
    assert image.getpixel((0, 0)) == image.getpixel((width - 1, 2)) == (0x30, 0x20, 0x10)


def test_write_bands_bad_arguments() -> None:
    def bands():  # type: ignore[no-untyped-def]
        yield memoryview(bytearray(16)), 1, 16

    with pytest.raises(PngEncoderError, match=r"a 0 x 1 px picture cannot be a PNG"):
        pngwrite.write_bands(bands(), 0, 1, io.BytesIO(), 300)
    with pytest.raises(PngEncoderError, match=r"hold 0 is not valid"):
        pngwrite.write_bands(bands(), 4, 1, io.BytesIO(), 300, hold=0)
    with pytest.raises(PngEncoderError, match=r"compress_level 10 is not valid"):
        pngwrite.write_bands(bands(), 4, 1, io.BytesIO(), 300, compress_level=10)
    with pytest.raises(UnitError, match=r"dpi 0 is not valid"):
        pngwrite.write_bands(bands(), 4, 1, io.BytesIO(), 0)


# -- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [0, -300, float("nan"), float("inf"), "high", None, True])
def test_bad_dpi(dpi: object) -> None:
    # The one DPI check (UnitError) refuses what is not a positive number.
    with pytest.raises(UnitError, match=rf"dpi {re_quote(dpi)} is not valid"):
        write_png(rgb24(2, 2, lambda ctx: ctx.paint()), io.BytesIO(), dpi)  # type: ignore[arg-type]


def test_a_dpi_past_the_limit_is_refused_before_the_png_writer() -> None:
    # pHYs holds up to about 54 million dpi; the one DPI check stops at MAX_DPI long before.
    with pytest.raises(UnitError, match=r"dpi 1e\+12 is more than the limit of 10000"):
        write_png(rgb24(2, 2, lambda ctx: ctx.paint()), io.BytesIO(), 1e12)


def re_quote(value: object) -> str:
    import re

    return re.escape(repr(value))


def test_bad_encoder_and_level() -> None:
    surface = rgb24(2, 2, lambda ctx: ctx.paint())
    with pytest.raises(PngEncoderError, match=r"encoder 'fast' is not known: use one of auto, vips, pillow"):
        write_png(surface, io.BytesIO(), 300, encoder="fast")
    with pytest.raises(PngEncoderError, match=r"compress_level 10 is not valid"):
        write_png(surface, io.BytesIO(), 300, compress_level=10)


def test_bad_surface_format() -> None:
    with pytest.raises(PngEncoderError, match=r"format 2 cannot be written as PNG: use ARGB32 or RGB24"):
        write_png(cairo.ImageSurface(cairo.FORMAT_A8, 4, 4), io.BytesIO(), 300)


def test_draw_png_bad_sizes() -> None:
    def draw(ctx: cairo.Context) -> None:
        ctx.paint()

    with pytest.raises(PngEncoderError, match=r"a 0 x 10 px picture cannot be a PNG"):
        draw_png(draw, 0, 10, io.BytesIO(), 300)
    with pytest.raises(
        PngEncoderError, match=r"40000 px wide is more than cairo can draw: use at most 32767"
    ):
        draw_png(draw, 40000, 10, io.BytesIO(), 300)
    with pytest.raises(PngEncoderError, match=r"band_rows 100 is not valid: use a positive multiple of 256"):
        draw_png(draw, 10, 10, io.BytesIO(), 300, band_rows=100)
    with pytest.raises(PngEncoderError, match=r"width 10.5 is not valid"):
        draw_png(draw, 10.5, 10, io.BytesIO(), 300)  # type: ignore[arg-type]


def test_errors_are_chutecode_errors() -> None:
    assert issubclass(PngEncoderError, ChutecodeError)
