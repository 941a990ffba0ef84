"""Cross-format round trip, in the style of segno's output tests: every layout in
every palette is drawn as PNG, SVG and PDF; the PNG reads back to the message,
the SVG rasterised by CairoSVG agrees with the PNG, the PDF is one vector page."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

import chutecode
from chutecode import decode_image, encode

LAYOUTS = {
    "perseverance": lambda: encode("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W"),
    "stream-6-rings": lambda: encode("TO THE STARS THROUGH DIFFICULTIES", flow="stream",
                                     coords="28 34 21 N 80 38 57 W"),
    "gores-120": lambda: encode("PERSEVERANCE INGENUITY", gores=120, coords="18 26 40 N 77 27 00 E"),
    "utf8": lambda: encode("Мир труд май", codec="utf8", coords=(55.7558, 37.6173)),
}
PALETTES = sorted(chutecode.PALETTES)
SIDE = 1000


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def layout(request):
    return LAYOUTS[request.param]()


def rendered(layout, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format=fmt, size=f"{SIDE}px", dpi=300, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("palette", PALETTES)
def test_png_reads_back(layout, palette):
    decoded = decode_image(io.BytesIO(rendered(layout, "png", palette=palette)))
    assert decoded.message == layout.message
    assert decoded.coords_text == layout.coordinates.text


@pytest.mark.parametrize("palette", PALETTES)
def test_svg_agrees_with_png(layout, palette):
    cairosvg = pytest.importorskip("cairosvg")
    png = Image.open(io.BytesIO(rendered(layout, "png", palette=palette))).convert("RGB")
    svg = cairosvg.svg2png(bytestring=rendered(layout, "svg", palette=palette),
                           output_width=SIDE, output_height=SIDE)
    other = Image.open(io.BytesIO(svg)).convert("RGB")
    assert other.size == png.size
    difference = ImageChops.difference(png, other).convert("L").point(lambda v: 255 if v > 40 else 0)
    differing = difference.histogram()[255]
    assert differing / (SIDE * SIDE) < 0.02


@pytest.mark.parametrize("palette", ["perseverance", "mono"])
def test_pdf_is_one_vector_page_of_the_requested_size(layout, palette):
    reader = PdfReader(io.BytesIO(rendered(layout, "pdf", palette=palette)))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert list(page.images) == []
    side_pt = SIDE / 300 * 72
    assert float(page.mediabox.width) == pytest.approx(side_pt, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(side_pt, abs=0.5)


@pytest.mark.parametrize("angle", [17, 33])
def test_turned_and_scaled_png_reads_back(layout, angle):
    image = Image.open(io.BytesIO(rendered(layout, "png", palette="perseverance"))).convert("RGB")
    turned = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    turned = turned.resize((900, 900), Image.LANCZOS)
    decoded = decode_image(turned)
    assert decoded.message == layout.message
    assert decoded.coords_text == layout.coordinates.text
