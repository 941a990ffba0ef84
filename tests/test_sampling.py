"""The reader's bilinear sampler: numpy's and OpenCV's, against hand-worked values and each other."""

from __future__ import annotations

import math

import numpy as np
import pytest

import chutecode
from chutecode.picture import sampling
from chutecode.picture.reader import read_image

# A 3 x 4 picture of one channel: the value of pixel (x, y) is 10 x + 100 y.
PLANE = np.array([[10.0 * x + 100.0 * y for x in range(4)] for y in range(3)], dtype=np.float32)[..., None]

# Points (x, y) and their values, worked by hand: the plane is linear, so bilinear interpolation
# gives 10 x + 100 y inside it, and the nearest edge pixel's value outside.
HAND_WORKED = [
    ((0.0, 0.0), 0.0),
    ((1.5, 0.5), 65.0),        # the mean of (1, 0), (2, 0), (1, 1), (2, 1): 10, 20, 110, 120
    ((2.25, 1.75), 197.5),     # 22.5 + 175
    ((3.0, 2.0), 230.0),       # the last pixel
    ((-5.0, 1.0), 100.0),      # left of the picture: the edge pixel (0, 1)
    ((1.0, 9.0), 210.0),       # below it: (1, 2)
    ((7.0, -3.0), 30.0),       # beyond a corner: (3, 0)
]


def _samplers() -> list:
    found = [sampling.numpy_bilinear]
    if sampling._cv2 is not None:
        found.append(sampling.opencv_bilinear)
    return found


@pytest.mark.parametrize("sampler", _samplers(), ids=lambda f: f.__name__)
def test_hand_worked_samples(sampler):
    xs = np.array([p[0] for p, _ in HAND_WORKED], dtype=np.float32)
    ys = np.array([p[1] for p, _ in HAND_WORKED], dtype=np.float32)
    got = sampler(PLANE, xs, ys)
    assert got.shape == (len(HAND_WORKED), 1) and got.dtype == np.float32
    # numpy stops a thousandth of a pixel short of the last column and row, so the far edge reads
    # 0.999 of the way there (0.1 of a level on this plane); OpenCV places points to 1/32 px.
    assert np.allclose(got[:, 0], [v for _, v in HAND_WORKED], atol=0.2)


@pytest.mark.parametrize("sampler", _samplers(), ids=lambda f: f.__name__)
def test_samples_keep_the_points_shape_and_the_channels(sampler):
    picture = np.zeros((20, 30, 3), dtype=np.float32)
    picture[..., 0], picture[..., 1], picture[..., 2] = 50.0, 150.0, 250.0
    xs = np.full((2, 3, 4), 12.3, dtype=np.float32)
    got = sampler(picture, xs, xs)
    assert got.shape == (2, 3, 4, 3)
    assert np.allclose(got, [50.0, 150.0, 250.0])


def test_opencv_and_numpy_agree_on_a_render(tmp_path):
    pytest.importorskip("cv2")
    from PIL import Image

    path = tmp_path / "canopy.png"
    chutecode.render(chutecode.encode("DARE MIGHTY THINGS", coords=chutecode.PERSEVERANCE_PLACE), path,
                     size="500px", dpi=96)
    picture = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32)
    radii = np.arange(0.0, 250.0, 0.5, dtype=np.float32)[:, None]
    theta = (np.arange(1440) + 0.5) * (2 * math.pi / 1440)
    xs = np.float32(249.5) + radii * np.sin(theta).astype(np.float32)
    ys = np.float32(249.5) - radii * np.cos(theta).astype(np.float32)
    a = sampling.opencv_bilinear(picture, xs, ys)
    b = sampling.numpy_bilinear(picture, xs, ys)
    # Neighbouring pixels differ by up to 255 across an edge; 1/32 px of placement is 1/64 of that.
    assert np.abs(a - b).max() <= 255 / 64
    assert np.abs(a - b).mean() < 0.01


def test_opencv_is_used_when_installed_and_numpy_otherwise(monkeypatch):
    xs = np.array([1.5, 2.25], dtype=np.float32)
    ys = np.array([0.5, 1.75], dtype=np.float32)
    if sampling._cv2 is not None:
        assert np.array_equal(sampling.bilinear(PLANE, xs, ys), sampling.opencv_bilinear(PLANE, xs, ys))
    monkeypatch.setattr(sampling, "_cv2", None)
    assert np.array_equal(sampling.bilinear(PLANE, xs, ys), sampling.numpy_bilinear(PLANE, xs, ys))
    with pytest.raises(ImportError, match=r"chutecode\[opencv\]"):
        sampling.opencv_bilinear(PLANE, xs, ys)


def test_a_picture_reads_the_same_with_and_without_opencv(monkeypatch, tmp_path):
    pytest.importorskip("cv2")
    from PIL import Image

    layout = chutecode.encode("HELLO WORLD", coords="51 28 40 N 0 0 5 W")
    path = tmp_path / "canopy.png"
    chutecode.render(layout, path, size="700px", dpi=96, palette="midnight")
    turned = Image.open(path).convert("RGB").rotate(17, resample=Image.Resampling.BICUBIC, fillcolor="white")
    with_opencv = read_image(turned)
    monkeypatch.setattr(sampling, "_cv2", None)
    without = read_image(turned)
    assert with_opencv.decoded.message == without.decoded.message == "HELLO WORLD"
    assert with_opencv.decoded.coords_text == without.decoded.coords_text == "51°28'40\"N 0°00'05\"W"
    assert with_opencv.bits == without.bits
