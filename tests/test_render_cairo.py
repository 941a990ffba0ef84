from __future__ import annotations

import io
import time

import pypdf
import pytest
from PIL import Image

import chutecode
from chutecode import PALETTES
from conftest import gore_centre


def rendered(layout, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    chutecode.render(layout, out, format=fmt, **options)
    return out.getvalue()


def test_pdf_is_one_vector_page_of_the_requested_size(perseverance):
    reader = pypdf.PdfReader(io.BytesIO(rendered(perseverance, "pdf", size="20cm", annotate=True)))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    side = 200 / 25.4 * 72
    assert float(page.mediabox.width) == pytest.approx(side, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(side, abs=0.01)
    assert list(page.images) == []
    assert reader.metadata.title == "DARE MIGHTY THINGS"


def test_pdf_is_byte_identical_across_time(perseverance):
    first = rendered(perseverance, "pdf")
    time.sleep(1.1)                      # cairo's dates have one-second resolution
    assert rendered(perseverance, "pdf") == first
    # The only date is the fixed one (18 February 2021, 20:55 UTC), never the time of the run.
    reader = pypdf.PdfReader(io.BytesIO(first), strict=True)
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20210218205500+00'00'"
    reader.pages[0].extract_text()   # still a valid PDF


def test_pdf_letter_size():
    reader = pypdf.PdfReader(io.BytesIO(rendered(chutecode.encode("HI"), "pdf", size="8.5in")))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612, abs=0.01)


@pytest.mark.parametrize("fmt", ["eps", "ps"])
def test_postscript(perseverance, fmt):
    data = rendered(perseverance, fmt)
    assert data.startswith(b"%!PS-Adobe-3.0" + (b" EPSF-3.0" if fmt == "eps" else b""))
    assert b"%%BoundingBox: 0 0 567 567" in data
    assert b"CreationDate" not in data
    assert rendered(perseverance, fmt) == data


def test_png_size_and_dpi(perseverance):
    image = Image.open(io.BytesIO(rendered(perseverance, "png", size="50mm", dpi=200)))
    assert image.size == (394, 394)                    # 50 mm / 25.4 * 200 = 393.7
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.05)   # pHYs holds whole px per metre
    image = Image.open(io.BytesIO(rendered(perseverance, "png", size="600px", dpi=150)))
    assert image.size == (600, 600)
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.05)


@pytest.mark.parametrize("name", list(PALETTES))
def test_png_gore_colours_are_the_palette_colours(perseverance, reference, name):
    pal = PALETTES[name]
    side = 500
    image = Image.open(io.BytesIO(rendered(perseverance, "png", size=f"{side}px", palette=name)))
    image = image.convert("RGB")
    for ring_index, ring in enumerate(reference["rings"]):
        for gore, (bit, role) in enumerate(zip(ring["bits"], ring["roles"], strict=True)):
            expected = pal.colour(role, bit, ring_index)
            assert image.getpixel(gore_centre(side, ring_index, gore)) == expected, (ring_index, gore)


def test_png_orientation_options(perseverance, reference):
    pal = PALETTES["perseverance"]
    side = 500
    image = Image.open(io.BytesIO(rendered(perseverance, "png", size=f"{side}px", start_angle=90,
                                           gore_offset=1))).convert("RGB")
    for ring_index, ring in enumerate(reference["rings"]):
        for gore, bit in enumerate(ring["bits"]):
            expected = pal.one if bit == "1" else pal.zero
            spot = gore_centre(side, ring_index, gore, turn_deg=90 + 4.5)
            assert image.getpixel(spot) == expected


def test_png_per_ring_colours(perseverance, reference):
    palette = {"base": "mono", "rings": ["red", "blue", "green", "#ff00ff"]}
    image = Image.open(io.BytesIO(rendered(perseverance, "png", size="400px", palette=palette)))
    rgb = {0: (255, 0, 0), 1: (0, 0, 255), 2: (0, 128, 0), 3: (255, 0, 255)}
    for ring_index, ring in enumerate(reference["rings"]):
        gore = ring["bits"].index("1")
        assert image.convert("RGB").getpixel(gore_centre(400, ring_index, gore)) == rgb[ring_index]


def test_svg_and_png_agree(perseverance):
    import cairosvg

    side = 300
    png = Image.open(io.BytesIO(rendered(perseverance, "png", size=f"{side}px", annotate=True)))
    svg = cairosvg.svg2png(bytestring=rendered(perseverance, "svg", annotate=True),
                           output_width=side, output_height=side)
    a = png.convert("RGB").tobytes()
    b = Image.open(io.BytesIO(svg)).convert("RGB").tobytes()
    same = sum(1 for i in range(0, len(a), 3) if max(abs(a[i + j] - b[i + j]) for j in range(3)) <= 24)
    assert same / (side * side) >= 0.98
