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


# -- pages with text --------------------------------------------------------------------------------
#
# The PNG and the PDF draw page text with Pango. An SVG keeps it as text, which the viewer sets with
# its own text engine and fonts; with text_as_paths it carries the very outlines. Measured on the
# sample pages below (A5 at 100 dpi, share of pixels differing by more than 40 of 255):
#   CairoSVG, text:     2.1 % (English) to 3.0 % (Arabic). CairoSVG sets text with cairo's toy API:
#                       no bidi (right-to-left lines start at the wrong end), isolate marks drawn
#                       as boxes, and other glyph positions.
#   CairoSVG, outlines: at most 0.02 %.
#   Chromium (96 dpi), outlines: 0.46 % (Arabic) to 0.79 % (Russian): its own rasteriser.
#   Chromium (96 dpi), text: 0.97 % (Arabic), 1.1 % (English), 1.3 % (Russian), 2.0 % (Japanese):
#                       the same fonts, shaping and bidi, but hinted glyphs, most of all the CJK ones.
# The seams are set wider than a pixel: raster images leave out radial seams under half a pixel past
# 80 gores (the Arabic sample has 100) while SVG keeps them, and these tests compare page text.
PAGE_TEXT = dict(page="a5", caption=True, subtitle=True, legend=True, footer=True, seam_width="0.3mm")
PAGE_LANGS = ["en", "ru", "ar", "ja"]
SVG_TEXT_TOLERANCE = {("cairosvg", False): 0.04, ("cairosvg", True): 0.002, ("chromium", False): 0.03,
                      ("chromium", True): 0.012}


def _page(lang: str, fmt: str, dpi: float, *, paths: bool) -> bytes:
    from page_samples import sample_layout

    out = io.BytesIO()
    chutecode.render(sample_layout(lang), out, format=fmt, lang=lang, text_as_paths=paths, dpi=dpi,
                     **PAGE_TEXT)
    return out.getvalue()


def _differing(png: Image.Image, other: Image.Image) -> float:
    assert other.size == png.size
    difference = ImageChops.difference(png, other).convert("L").point(lambda v: 255 if v > 40 else 0)
    return difference.histogram()[255] / (png.width * png.height)


@pytest.mark.parametrize("paths", [False, True], ids=["text", "outlines"])
@pytest.mark.parametrize("lang", PAGE_LANGS)
def test_page_text_svg_in_cairosvg_agrees_with_png(lang, paths):
    cairosvg = pytest.importorskip("cairosvg")
    png = Image.open(io.BytesIO(_page(lang, "png", 100, paths=paths))).convert("RGB")
    svg = cairosvg.svg2png(bytestring=_page(lang, "svg", 100, paths=paths), output_width=png.width,
                           output_height=png.height)
    share = _differing(png, Image.open(io.BytesIO(svg)).convert("RGB"))
    assert share < SVG_TEXT_TOLERANCE[("cairosvg", paths)], f"{lang}: {share:.3%} of pixels differ"


def test_page_text_svg_in_chromium_agrees_with_png(tmp_path):
    """A browser sets the SVG's text with its own engine, and still draws the page the PNG shows."""
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(chromium):
        pytest.skip("Chromium is not installed: the browser comparison needs it")
    for lang in ("en", "ar", "ja"):
        shares = {}
        for paths in (False, True):
            png = Image.open(io.BytesIO(_page(lang, "png", 96, paths=paths))).convert("RGB")
            svg = tmp_path / f"{lang}-{paths}.svg"
            svg.write_bytes(_page(lang, "svg", 96, paths=paths))
            shot = tmp_path / f"{lang}-{paths}.png"
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                            f"--window-size={png.width},{png.height}", f"--screenshot={shot}", svg.as_uri()],
                           capture_output=True, timeout=120, check=True)
            seen = Image.open(shot).convert("RGB").crop((0, 0, png.width, png.height))
            shares[paths] = _differing(png, seen)
            assert shares[paths] < SVG_TEXT_TOLERANCE[("chromium", paths)], \
                f"{lang}, {'outlines' if paths else 'text'}: {shares[paths]:.3%} of pixels differ"
        # What the browser's own text setting adds to its rendering of the same page.
        assert shares[False] - shares[True] < 0.02, (lang, shares)
