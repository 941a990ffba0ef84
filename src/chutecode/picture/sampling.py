"""Bilinear samples of a picture at any points: the one sampler the reader's steps share.

With OpenCV installed (``pip install 'chutecode[opencv]'``) the samples are taken by
``cv2.remap``, many times faster; without it, by numpy. OpenCV places each point to 1/32 of a
pixel, so the two differ by at most about 1/64 of the step between neighbouring pixels (a
hundredth of a grey level, measured on a render; a quarter of one on random noise).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["bilinear", "numpy_bilinear", "opencv_bilinear", "opencv_module"]

#: OpenCV takes maps and pictures under this many pixels a side.
_OPENCV_SIDE = 32767
#: Points are handed to OpenCV as rows of this many.
_ROW = 2048


def _opencv() -> Any:
    """OpenCV's module, or ``None`` when it is not installed."""
    try:
        import cv2
    except Exception:  # not installed, or an install that does not load: numpy samples alike
        return None
    return cv2


_cv2 = _opencv()


def opencv_module() -> Any:
    """OpenCV's ``cv2`` module when it is installed and loads, else ``None`` (the reader's steps
    then use numpy)."""
    return _cv2


def bilinear(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Colours of ``image`` (height x width x channels) at the points ``(xs, ys)``, interpolated
    between the four pixels round each: shape ``xs.shape + (channels,)``, ``float32``.

    Points outside the picture take the nearest edge pixel; coordinates must be finite.
    """
    height, width, channels = image.shape
    if _cv2 is not None and channels <= 4 and max(height, width) < _OPENCV_SIDE and xs.size:
        return opencv_bilinear(image, xs, ys)
    return numpy_bilinear(image, xs, ys)


def opencv_bilinear(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """:func:`bilinear` by ``cv2.remap`` (OpenCV must be installed)."""
    if _cv2 is None:
        raise ImportError("opencv_bilinear needs OpenCV: pip install 'chutecode[opencv]'")
    height, width, channels = image.shape
    count = xs.size
    rows = -(-count // _ROW)
    # Maps of whole rows (the points padded with zeros), each side under OpenCV's limit.
    map_x = np.zeros(rows * _ROW, dtype=np.float32)
    map_y = np.zeros(rows * _ROW, dtype=np.float32)
    map_x[:count] = np.clip(xs.ravel(), 0, width - 1)
    map_y[:count] = np.clip(ys.ravel(), 0, height - 1)
    source = np.ascontiguousarray(image, dtype=np.float32)
    out = np.empty((rows, _ROW, channels), dtype=np.float32)
    for start in range(0, rows, _OPENCV_SIDE - 1):
        stop = min(rows, start + _OPENCV_SIDE - 1)
        part = slice(start * _ROW, stop * _ROW)
        sampled = _cv2.remap(
            source,
            map_x[part].reshape(-1, _ROW),
            map_y[part].reshape(-1, _ROW),
            interpolation=_cv2.INTER_LINEAR,
            borderMode=_cv2.BORDER_REPLICATE,
        )
        out[start:stop] = sampled.reshape(stop - start, _ROW, channels)
    return out.reshape(-1, channels)[:count].reshape(xs.shape + (channels,))


def numpy_bilinear(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """:func:`bilinear` in numpy alone."""
    height, width = image.shape[:2]
    xs = np.clip(xs, 0, width - 1.001).astype(np.float32, copy=False)
    ys = np.clip(ys, 0, height - 1.001).astype(np.float32, copy=False)
    x0, y0 = xs.astype(np.intp), ys.astype(np.intp)
    fx, fy = xs - x0, ys - y0
    index = y0 * width + x0
    below = index + width
    out = np.empty(xs.shape + (image.shape[2],), dtype=np.float32)
    # One channel at a time: gathering single floats from a flat plane is several times faster
    # than gathering rows of three.
    for channel in range(image.shape[2]):
        plane = np.ascontiguousarray(image[..., channel], dtype=np.float32).ravel()
        top = plane.take(index)
        top += (plane.take(index + 1) - top) * fx
        bottom = plane.take(below)
        bottom += (plane.take(below + 1) - bottom) * fx
        top += (bottom - top) * fy
        out[..., channel] = top
    return out
