from __future__ import annotations

import io
import os

import pytest

import chutecode
from chutecode import DesignError, PaletteError, RenderError, StyleError, UnitError
from chutecode.renderers import cairo as cairo_renderer


@pytest.mark.parametrize(("name", "kwargs", "error", "fragment"), [
    ("out.bmp", {}, RenderError, "'.bmp'"),
    ("out", {}, RenderError, "no file extension"),
    ("out.png", {"format": "webp"}, RenderError, "'webp'"),
    ("out.png", {"palette": "neon"}, PaletteError, "'neon'"),
    ("out.svg", {"palette": {"one": "notacolour"}}, PaletteError, "'notacolour'"),
    ("out.svg", {"seam_colour": "#12"}, PaletteError, "'#12'"),
    ("out.pdf", {"size": "0mm"}, UnitError, "'0mm'"),
    ("out.pdf", {"size": -5}, UnitError, "-5"),
    ("out.pdf", {"size": "20 furlongs"}, UnitError, "furlongs"),
    ("out.png", {"size": "5000mm", "dpi": 1100}, RenderError, "200000 px a side"),
    ("out.png", {"size": "250000px", "dpi": 1270}, RenderError, "250000x250000"),
    ("out.png", {"size": "2000cm", "dpi": 300}, UnitError, "more than the limit of 5000 mm"),
    ("out.png", {"dpi": 0}, UnitError, "dpi 0"),
    ("out.svg", {"style": "round"}, StyleError, "'round'"),
    ("out.svg", {"vent": 2}, StyleError, "vent 2"),
    ("out.svg", {"sparkle": True}, DesignError, "'sparkle'"),
])
def test_bad_input_leaves_no_file(tmp_path, perseverance, name, kwargs, error, fragment):
    target = tmp_path / name
    with pytest.raises(error) as info:
        chutecode.render(perseverance, target, **kwargs)
    message = str(info.value)
    assert fragment in message and "\n" not in message
    assert os.listdir(tmp_path) == []


def test_banded_png_matches_one_cairo_surface(tmp_path, perseverance):
    import cairocffi as cairo
    from PIL import Image, ImageChops

    from chutecode import draw

    chutecode.render(perseverance, tmp_path / "bands.png", size="1500px")
    drawing = draw(perseverance, chutecode.Design.create(size="1500px"))
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, 1500, 1500)
    ctx = cairo.Context(surface)
    ctx.scale(1500 / drawing.sheet_size[0], 1500 / drawing.sheet_size[1])
    cairo_renderer.paint_page(ctx, drawing)
    surface.flush()
    one = Image.frombuffer("RGB", (1500, 1500), bytes(surface.get_data()), "raw", "BGRX",
                           surface.get_stride(), 1)
    bands = Image.open(tmp_path / "bands.png")
    assert bands.size == (1500, 1500) and bands.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    difference = ImageChops.difference(one, bands.convert("RGB"))
    assert max(high for _, high in difference.getextrema()) <= 8   # band edges: rounding only


def test_failure_keeps_the_old_file(tmp_path, perseverance):
    target = tmp_path / "poster.png"
    target.write_bytes(b"old")
    with pytest.raises(RenderError):
        chutecode.render(perseverance, target, size="5000mm", dpi=1100)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["poster.png"]


def test_not_a_layout(tmp_path):
    with pytest.raises(RenderError, match="not a Layout"):
        chutecode.render("DARE", tmp_path / "x.svg")
    assert os.listdir(tmp_path) == []


def test_stream_needs_a_format(perseverance):
    with pytest.raises(RenderError, match="format="):
        chutecode.render(perseverance, io.BytesIO())


def test_format_overrides_the_extension(tmp_path, perseverance):
    target = tmp_path / "drawing.bin"
    chutecode.render(perseverance, target, format="svg")
    assert target.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(("ext", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF"),
                                            ("eps", b"%!PS"), ("ps", b"%!PS"), ("PNG", b"\x89PNG")])
def test_format_from_extension(tmp_path, perseverance, ext, magic):
    target = tmp_path / f"canopy.{ext}"
    chutecode.render(perseverance, str(target), size="300px")
    assert target.read_bytes().startswith(magic)


def test_canopy_save(tmp_path, perseverance):
    target = tmp_path / "saved.svg"
    chutecode.Canopy(perseverance).save(target, palette="mars", size="10cm")
    assert b'width="100mm"' in target.read_bytes()


def test_annotate_defaults_to_the_explain_palette(perseverance):
    from chutecode import draw

    assert draw(perseverance, chutecode.Design.create(annotate=True)).palette.name == "explain"
    assert draw(perseverance).palette.name == "perseverance"
    assert draw(perseverance, chutecode.Design.create(annotate=True, palette="mono")).palette.name == "mono"
