"""Thin dark lines painted over before a picture is read again: the closing, by hand and
OpenCV against numpy, and the photos it makes readable."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chutecode import ImageReadError, decode_image
from chutecode.picture import lines, reader, sampling

WHITE, ORANGE, DARK = (244.0, 241.0, 236.0), (217.0, 84.0, 43.0), (40.0, 40.0, 40.0)


def _picture() -> np.ndarray:
    """20 x 20 px, worked by hand: white left, orange from column 10; a dark line one pixel
    wide down column 4, and a dark band six pixels wide across rows 12-17."""
    image = np.empty((20, 20, 3), dtype=np.float32)
    image[:, :10] = WHITE
    image[:, 10:] = ORANGE
    image[:, 4] = DARK
    image[12:18] = DARK
    return image


def _closings() -> list:
    found = [lines.numpy_closing]
    if sampling.opencv_module() is not None:
        found.append(lines.close_thin_lines)
    return found


@pytest.mark.parametrize("closing", _closings(), ids=lambda f: f.__name__)
def test_a_thin_line_is_filled_and_wide_shapes_and_edges_stay(closing):
    image = _picture()
    closed = closing(image, 2)
    # Column 4 outside the band takes the white on either side of it.
    assert np.array_equal(closed[:12, 4], np.full((12, 3), WHITE, dtype=np.float32))
    assert np.array_equal(closed[18:, 4], np.full((2, 3), WHITE, dtype=np.float32))
    # The band, wider than the 5 px square, is kept whole; so is the white-orange edge.
    assert np.array_equal(closed[12:18], image[12:18])
    assert np.array_equal(closed[:12, 5:], image[:12, 5:])
    assert np.array_equal(closed[:12, :4], image[:12, :4])


def test_numpy_and_opencv_close_alike():
    if sampling.opencv_module() is None:
        pytest.skip("OpenCV is not installed: only numpy's closing runs")
    rng = np.random.default_rng(5)
    image = rng.uniform(0, 255, (61, 47, 3)).astype(np.float32)
    for reach in (1, 2, 4):
        assert np.array_equal(lines.close_thin_lines(image, reach), lines.numpy_closing(image, reach))


def test_without_opencv_numpy_closes(monkeypatch):
    image = _picture()
    monkeypatch.setattr(sampling, "_cv2", None)
    assert np.array_equal(lines.close_thin_lines(image, 2), lines.numpy_closing(image, 2))


def test_the_pixels_painted_over_are_the_lines():
    image = np.full((20, 20, 3), WHITE, dtype=np.float32)
    image[:, 4] = DARK  # a line down column 4: 20 of 400 pixels
    image[:, 12:] = ORANGE  # an edge, and a wide shape a little darker: not lines
    mask = lines.painted(image, lines.close_thin_lines(image, 2))
    assert np.array_equal(np.argwhere(mask), [(y, 4) for y in range(20)])
    assert mask.mean() == pytest.approx(20 / 400)


def test_the_most_painted_circle():
    # Round (10, 10) with radius 12, circles 1 px wide: the pixels at distance 3 to 4 all painted
    # (that circle is wholly covered); a line elsewhere covers only part of the others.
    ys, xs = np.mgrid[0:21, 0:21]
    distance = np.hypot(xs - 10, ys - 10)
    ring = (distance >= 3) & (distance < 4)
    assert lines.painted_share(ring, 10, 10, 12) == pytest.approx(1.0)
    line = np.zeros((21, 21), dtype=bool)
    line[:, 14] = True  # 4 px from the centre: it crosses the circles from 4 px out
    share = lines.painted_share(line, 10, 10, 12)
    assert 0 < share < 0.5
    assert lines.painted_share(line, 10, 10, 0) == 0.0


@pytest.mark.parametrize("reach", [0, -1, 1.5, True, "2"])
def test_a_reach_that_is_no_whole_number_of_pixels_is_refused(reach):
    with pytest.raises(ValueError, match=r"reach .* is not valid: use a whole number of pixels, 1 or more"):
        lines.close_thin_lines(_picture(), reach)


PHOTO = Path(__file__).parent / "data" / "simulated" / "photo-suspension-lines-seed12-012.png"


def test_a_photo_crossed_by_suspension_lines_reads_once_they_are_painted_over():
    # Simulated picture 12 of `bench_read_pictures.py 200 12` (a landing-video frame: 572 px, off
    # axis, suspension lines meeting off the centre, a riser, a dark gap, JPEG), kept as a file.
    # As it is, the lines beyond the rim and over the gap read as bands of pattern no ring of the
    # code makes, and the reader refuses it.
    decoded = decode_image(PHOTO)
    assert (decoded.message, decoded.coords_text) == ("ONE SMALL STEP", "0°41'15\"N 23°26'00\"E")
    assert decoded.warnings[0].startswith("thin dark lines across the canopy")
    assert "were painted over" in decoded.warnings[0]


def test_without_painting_the_lines_over_that_photo_is_refused(monkeypatch):
    monkeypatch.setattr(reader, "LINE_SHARE", 2.0)  # no picture is that covered: the step never runs
    with pytest.raises(ImageReadError, match="does not decode"):
        decode_image(PHOTO)
