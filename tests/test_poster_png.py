"""Poster PNGs: exact pixel sizes and DPI, bleed, strips, and CMYK TIFF/JPEG through a profile."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

import chutecode
from chutecode import ColorProfileError, PrintError
from chutecode.renderers import cairo as cairo_renderer
from cmyk_profile import build_cmyk_profile


def png(layout, **options) -> Image.Image:
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format="png", **options)
    buffer.seek(0)
    return Image.open(buffer)


@pytest.mark.parametrize(
    ("page", "landscape", "size"),
    [
        ("a4", False, (2480, 3508)),  # 210 x 297 mm: 2480.3 x 3507.9 px
        ("letter", False, (2550, 3300)),  # 8.5 x 11 in
        ("letter", True, (3300, 2550)),
    ],
)
def test_exact_pixels_and_dpi_at_300(perseverance, page, landscape, size):
    image = png(perseverance, page=page, landscape=landscape, caption=True, subtitle=True, legend=True)
    assert image.size == size
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)


def test_other_dpi(perseverance):
    image = png(perseverance, page="a6", dpi=96, caption=True)
    assert image.size == (397, 559)  # 105 x 148 mm at 96 dpi: 396.9 x 559.4
    assert image.info["dpi"] == pytest.approx((96, 96), abs=0.03)  # PNG stores whole px per metre


def test_bleed_gives_the_sheet(perseverance):
    # A6 + 2 x 3 mm = 111 x 154 mm at 100 dpi: 437.0 x 606.3 px
    image = png(perseverance, page="a6", bleed="3mm", dpi=100)
    assert image.size == (437, 606)
    pal = chutecode.PALETTES["perseverance"]
    assert image.convert("RGB").getpixel((2, 2)) == pal.background  # the bleed is background
    marked = png(perseverance, page="a6", bleed="3mm", crop_marks=True, dpi=100).convert("RGB")
    assert marked.size[0] > 437 + 2 * 19  # at least 5 mm of slug a side
    assert marked.getpixel((1, 1)) == (255, 255, 255)  # the slug is white paper


def test_page_paper_and_canopy(perseverance):
    image = png(perseverance, page="a5", dpi=60, caption=True, paper="white").convert("RGB")
    assert image.getpixel((3, 3)) == (255, 255, 255)


def test_tiles_give_the_same_pixels_as_bands(perseverance, monkeypatch):
    options = dict(page="a6", dpi=150, caption=True, subtitle=True, legend=True, bleed="2mm")
    bands = png(perseverance, **options).convert("RGB")
    monkeypatch.setattr(cairo_renderer, "TILE_WIDTH", 300)
    assert cairo_renderer.uses_tiles(*bands.size)
    tiles = png(perseverance, **options)
    assert tiles.info["dpi"] == pytest.approx((150, 150), abs=0.03)
    tiles = tiles.convert("RGB")
    assert tiles.size == bands.size
    # Cutting a shape at a tile edge may move antialiased edge pixels by a few levels.
    difference = ImageChops.difference(tiles, bands)
    assert max(high for _, high in difference.getextrema()) <= 16
    red, green, blue = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    changed = largest.size[0] * largest.size[1] - largest.histogram()[0]
    assert changed < 0.005 * bands.size[0] * bands.size[1]


def test_absurd_size_is_refused(tmp_path, perseverance):
    with pytest.raises(chutecode.RenderError, match="200000 px a side"):
        chutecode.render(perseverance, tmp_path / "huge.png", page="24x36in", dpi=9000)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    path = tmp_path_factory.mktemp("icc") / "press.icc"
    path.write_bytes(build_cmyk_profile())
    return path


@pytest.mark.parametrize(
    ("name", "kind"), [("poster.tif", "TIFF"), ("poster.tiff", "TIFF"), ("poster.jpg", "JPEG")]
)
def test_cmyk_outputs(tmp_path, perseverance, profile, name, kind):
    target = tmp_path / name
    chutecode.render(perseverance, target, page="a6", dpi=72, caption=True, cmyk_profile=profile)
    with Image.open(target) as image:
        assert image.format == kind and image.mode == "CMYK"
        assert image.size == (298, 420)  # 105 x 148 mm at 72 dpi
        assert image.info["dpi"] == pytest.approx((72, 72), abs=0.5)
        assert image.info["icc_profile"] == profile.read_bytes()


def test_cmyk_needs_a_profile(tmp_path, perseverance):
    with pytest.raises(ColorProfileError, match="needs a CMYK ICC profile") as info:
        chutecode.render(perseverance, tmp_path / "poster.tif", page="a6", dpi=72)
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_cmyk_profile_problems(tmp_path, perseverance, profile):
    with pytest.raises(ColorProfileError, match="missing.icc"):
        chutecode.render(perseverance, tmp_path / "p.tif", cmyk_profile=tmp_path / "missing.icc")
    bogus = tmp_path / "bogus.icc"
    bogus.write_bytes(b"not a profile")
    with pytest.raises(ColorProfileError, match="cannot be read"):
        chutecode.render(perseverance, tmp_path / "p.jpg", cmyk_profile=bogus)
    with pytest.raises(PrintError, match="not png"):
        chutecode.render(perseverance, tmp_path / "p.png", cmyk_profile=profile)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bogus.icc"]


def test_24x36in_at_600dpi_reads_back_after_downscaling(tmp_path, perseverance):
    """A 14400 x 21600 px poster is drawn band by band and still says its message."""
    from chutecode import decode_image

    target = tmp_path / "wall.png"
    chutecode.render(perseverance, target, page="24x36in", dpi=600, caption=True, subtitle=True)
    Image.MAX_IMAGE_PIXELS, limit = None, Image.MAX_IMAGE_PIXELS
    try:
        with Image.open(target) as poster:
            assert poster.size == (14400, 21600)
            assert poster.info["dpi"] == pytest.approx((600, 600), abs=0.02)
            small = poster.reduce(12)
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    decoded = decode_image(small)
    assert decoded.message == "DARE MIGHTY THINGS"
    assert decoded.coords_text == "34°11'58\"N 118°10'31\"W"
