"""Seams narrow with the gores: the most gores a canopy may have still show their colours, not grey."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image

import chutecode
from chutecode.design.style import SEAM_FRACTION, default_seam_mm
from chutecode.drawing.geometry import build_geometry
from chutecode.limits import MAX_GORES

SIDE = 1200


def _layout(gores: int) -> chutecode.Layout:
    return chutecode.encode(chutecode.PERSEVERANCE_MESSAGE, chutecode.PERSEVERANCE_PLACE, gores=gores)


def test_the_default_seam_is_a_share_of_the_gore():
    assert default_seam_mm(200, 80) == pytest.approx(0.24)          # 0.12 % of the diameter
    assert default_seam_mm(200, 40) == pytest.approx(0.24)          # never wider than that
    assert default_seam_mm(200, 2000) == pytest.approx(0.24 * 80 / 2000)
    wide = build_geometry(_layout(MAX_GORES), "dgb", 200)
    assert wide.seam_width == pytest.approx(0.24 * 80 / MAX_GORES) and len(wide.radial_seams) == MAX_GORES
    assert build_geometry(_layout(MAX_GORES), chutecode.Style(seam_width="0.3mm"), 200).seam_width == 0.3


def _colour_share(png: bytes, colours: list[tuple[int, int, int]], radius: tuple[float, float]) -> float:
    """Share of the pixels between two radii (fractions of the canopy radius) within 12 of a colour."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = image.load()
    centre = SIDE / 2
    hits = total = 0
    for y in range(0, SIDE, 3):
        for x in range(0, SIDE, 3):
            r = math.hypot(x + 0.5 - centre, y + 0.5 - centre) / centre
            if radius[0] < r < radius[1]:
                total += 1
                pixel = pixels[x, y]
                hits += any(max(abs(a - b) for a, b in zip(pixel, c, strict=True)) <= 12 for c in colours)
    return hits / total


def _png(layout: chutecode.Layout, **design: object) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format="png", size=f"{SIDE}px", **design)
    return buffer.getvalue()


def test_the_most_gores_keep_their_colours():
    palette = chutecode.get_palette("perseverance")
    colours = [palette.colour("data", 1, 0), palette.colour("data", 0, 0)]
    layout = _layout(MAX_GORES)
    diameter_mm = SIDE / 300 * 25.4
    inner_ring = (0.1, 0.36)                                           # where the seams crowd most
    assert _colour_share(_png(layout), colours, inner_ring) > 0.97
    old_seam = SEAM_FRACTION * diameter_mm                             # 0.12 % of the diameter, as before
    assert _colour_share(_png(layout, seam_width=old_seam), colours, inner_ring) < 0.5


def test_vector_output_keeps_every_seam():
    buffer = io.BytesIO()
    chutecode.render(_layout(MAX_GORES), buffer, format="svg")
    seams = buffer.getvalue().decode().split('class="seams"')[1].split("</g>")[0]
    assert seams.count("L") == MAX_GORES


@pytest.fixture
def seam_tone_from_1500_px(monkeypatch):
    """Draw seams under a pixel as their tone from 1500 px up, as on a large image (4000 px and more)."""
    from chutecode.renderers import cairo as cairo_renderer

    monkeypatch.setattr(cairo_renderer, "SEAM_TONE_PX", 1500.0)
    return cairo_renderer


def test_seams_under_a_pixel_keep_their_weight(seam_tone_from_1500_px):
    """Past 80 gores raster seams under a pixel wide on a large image are drawn as their tone: the
    canopy's tone matches the same design drawn four times larger (seams of 2.9 px, anti-aliased
    as usual) and shrunk, ring by ring out from the vent, as it does not when the seams are left
    out."""
    cairo_renderer = seam_tone_from_1500_px
    layout = _layout(200)                                              # seams of 0.72 px at 1500 px

    def pixels(side: int, **design: object) -> np.ndarray:
        buffer = io.BytesIO()
        chutecode.render(layout, buffer, format="png", size=f"{side}px", **design)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
        return np.asarray(image.reduce(side // 1500) if side > 1500 else image, dtype=np.float64)

    ys, xs = np.mgrid[0:1500, 0:1500]
    radius = np.hypot(xs + 0.5 - 750, ys + 0.5 - 750) / 750

    def tone(image: np.ndarray, inner: float, outer: float) -> np.ndarray:
        return image[(radius > inner) & (radius < outer)].mean(axis=0)

    drawn, reference = pixels(1500), pixels(6000)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cairo_renderer, "MIN_SEAM_PX", 2.0)              # leave the seams out
        left_out = pixels(1500)
    for band in ((0.12, 0.2), (0.2, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9)):
        want = tone(reference, *band)
        assert np.abs(tone(drawn, *band) - want).max() < 0.6
        assert np.abs(tone(left_out, *band) - want).max() > 1.5


def test_seam_tone_is_the_share_the_seams_cover():
    """Worked by hand: 157 gores, 0.5 px seams, a pixel a unit. At radius 100 a gore is
    2 pi 100 / 157 = 4.0 px wide, so the seams cover 0.5 / 4.0 = 0.125 of it; at radius 200,
    0.0625. Where gores are half a pixel wide, two seams cross each pixel: 1 - 0.5 ** 2 = 0.75."""
    from chutecode.renderers.cairo import SEAM_TONE_STEP, seam_tone

    rings = seam_tone(100.0, 200.0, 157, 0.5, 1.0)
    assert rings[0][0] == 100.0 and rings[-1][1] == 200.0
    assert all(a[1] == b[0] for a, b in zip(rings, rings[1:], strict=False))      # they tile the span
    assert rings[0][2] == pytest.approx(0.125, abs=SEAM_TONE_STEP)
    assert rings[-1][2] == pytest.approx(0.0625, abs=SEAM_TONE_STEP)
    steps = [a[2] - b[2] for a, b in zip(rings, rings[1:], strict=False)]
    assert all(0 < step <= 1.5 * SEAM_TONE_STEP for step in steps)                 # no step to see
    half_pixel = 157 * 0.5 / (2 * math.pi)                                         # radius of 0.5 px gores
    tight = seam_tone(half_pixel * 0.999, half_pixel * 1.001, 157, 0.5, 1.0)
    assert tight[0][2] == pytest.approx(0.75, abs=0.01)
