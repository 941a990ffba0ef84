"""transparent=True: no paper and no canopy background in PNG, SVG and PDF; the gores are the same."""

from __future__ import annotations

import io
import shutil
import subprocess

import cairosvg
import numpy as np
import pytest
from PIL import Image

import chutecode
from chutecode.cli import main

SIDE = 400


@pytest.fixture(scope="module")
def canopy():
    # No seams: other rasterisers (cairosvg, poppler) draw hairlines their own way.
    return chutecode.make("HELLO MARS", coords="48.8584, 2.2945", size=f"{SIDE}px", dpi=254, seam_width=0)


def _rgba(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"), dtype=np.int16)


def _check_clear(pixels: np.ndarray, opaque: np.ndarray) -> None:
    """Corners and vent clear; where the clear picture is opaque it is the opaque picture."""
    side = pixels.shape[0]
    centre = side // 2
    for y, x in ((0, 0), (0, side - 1), (side - 1, 0), (centre, centre)):
        assert pixels[y, x, 3] == 0, (y, x)
    solid = pixels[..., 3] == 255
    assert 0.6 < solid.mean() < 0.95            # the gores, not the square around them
    difference = np.abs(pixels[solid][:, :3] - opaque[solid][:, :3]).max(axis=1)
    assert (difference > 24).mean() < 0.01


def test_png_is_rgba_with_a_clear_background(canopy):
    clear = canopy.png(transparent=True)
    assert Image.open(io.BytesIO(clear)).mode == "RGBA"
    assert Image.open(io.BytesIO(canopy.png())).mode == "RGB"
    _check_clear(_rgba(clear), _rgba(canopy.png()))


def test_svg_has_no_paper(canopy):
    clear = canopy.svg(transparent=True)
    assert clear.count("<rect") == canopy.svg().count("<rect") - 1
    pixels = _rgba(cairosvg.svg2png(bytestring=clear.encode(), output_width=SIDE, output_height=SIDE))
    _check_clear(pixels, _rgba(canopy.png()))


@pytest.mark.skipif(shutil.which("pdftocairo") is None, reason="needs poppler's pdftocairo")
def test_pdf_has_no_paper(canopy, tmp_path):
    pdf = tmp_path / "clear.pdf"
    canopy.save(pdf, transparent=True)
    subprocess.run(["pdftocairo", "-png", "-transp", "-singlefile", "-scale-to", str(SIDE), str(pdf),
                    str(tmp_path / "clear")], check=True, timeout=60)
    _check_clear(_rgba((tmp_path / "clear.png").read_bytes()), _rgba(canopy.png()))


def test_pages_keep_their_texts_on_nothing(tmp_path):
    canopy = chutecode.make("HELLO MARS", coords="48.8584, 2.2945", page="a6", caption=True, subtitle=True,
                            bleed="3mm", crop_marks=True, dpi=100, transparent=True)
    pixels = _rgba(canopy.png())
    assert pixels[0, 0, 3] == 0 and pixels[pixels.shape[0] // 2, 5, 3] == 0
    top = pixels[: pixels.shape[0] // 6]
    assert (top[..., 3] > 0).mean() > 0.002                  # the caption is painted


def test_transparent_from_the_command_line_and_where_it_cannot_be(tmp_path, capsys):
    target = tmp_path / "clear.png"
    with pytest.raises(SystemExit) as exit_info:
        main(["render", "HI", "--transparent", "--size", "200px", "-o", str(target), "-q"])
    assert exit_info.value.code == 0
    assert Image.open(target).mode == "RGBA"
    with pytest.raises(chutecode.PrintError, match="transparent=True is not possible in CMYK TIFF"):
        chutecode.render(chutecode.encode("HI"), tmp_path / "x.tif", transparent=True)
    assert not (tmp_path / "x.tif").exists()
    with pytest.raises(chutecode.DesignError, match="give transparent=True"):
        chutecode.Design.create(background=None)
