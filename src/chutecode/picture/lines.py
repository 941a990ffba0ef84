"""Thin dark lines across a canopy (suspension lines seen from below, outlines, pen strokes)
painted over with the colours round them, so that the rings and gores under them can be read.

The tool is a grey-level closing: each channel takes the largest value in a square round every
pixel, then the smallest. A dark line narrower than the square is filled in by what lies on
either side of it; a gore, a ring or the gap, wider than the square, keeps its colour and its
edges where they were. With OpenCV installed the closing is ``cv2.morphologyEx``; without it,
numpy's, with the same result to the bit.
"""

from __future__ import annotations

import numpy as np

from chutecode.picture.sampling import opencv_module

__all__ = ["close_thin_lines", "numpy_closing", "painted", "painted_share", "LINE_CONTRAST"]

#: A pixel this much darker (grey levels, in its darkest channel's terms) than the closing
#: lies on a thin line.
LINE_CONTRAST = 40.0


def close_thin_lines(image: np.ndarray, reach: int) -> np.ndarray:
    """``image`` (height x width x channels) with dark lines up to ``2 reach`` pixels wide
    filled in: a closing over a square of ``2 reach + 1`` pixels a side, edges replicated."""
    if isinstance(reach, bool) or not isinstance(reach, int) or reach < 1:
        raise ValueError(f"reach {reach!r} is not valid: use a whole number of pixels, 1 or more")
    cv2 = opencv_module()
    source = np.ascontiguousarray(image, dtype=np.float32)
    if cv2 is not None and source.shape[2] <= 4:
        kernel = np.ones((2 * reach + 1, 2 * reach + 1), dtype=np.uint8)
        closed = cv2.morphologyEx(source, cv2.MORPH_CLOSE, kernel, borderType=cv2.BORDER_REPLICATE)
        return np.asarray(closed, dtype=np.float32).reshape(source.shape)
    return numpy_closing(source, reach)


def numpy_closing(image: np.ndarray, reach: int) -> np.ndarray:
    """:func:`close_thin_lines` by numpy alone."""
    source = np.asarray(image, dtype=np.float32)
    return _extreme(_extreme(source, reach, np.maximum), reach, np.minimum)


def _extreme(image: np.ndarray, reach: int, pick: np.ufunc) -> np.ndarray:
    """The largest (``np.maximum``) or smallest (``np.minimum``) value of every channel in the
    square of ``2 reach + 1`` pixels round each pixel, edges replicated: rows, then columns."""
    height, width = image.shape[:2]
    padded = np.pad(image, ((reach, reach), (0, 0), (0, 0)), mode="edge")
    rows = padded[:height].copy()
    for i in range(1, 2 * reach + 1):
        pick(rows, padded[i : i + height], out=rows)
    padded = np.pad(rows, ((0, 0), (reach, reach), (0, 0)), mode="edge")
    out = padded[:, :width].copy()
    for j in range(1, 2 * reach + 1):
        pick(out, padded[:, j : j + width], out=out)
    return out


def painted(image: np.ndarray, closed: np.ndarray) -> np.ndarray:
    """Which pixels :func:`close_thin_lines` lightened by at least :data:`LINE_CONTRAST` in some
    channel: where thin dark lines were (``mask.mean()`` is the share of the picture they cover)."""
    lifted = (np.asarray(closed, dtype=np.float32) - np.asarray(image, dtype=np.float32)).max(axis=2)
    return lifted >= LINE_CONTRAST


def painted_share(mask: np.ndarray, cx: float, cy: float, radius: float) -> float:
    """The largest share of :func:`painted` pixels (``mask``) in any circle a twelfth of
    ``radius`` wide round ``(cx, cy)``, out to ``radius``: thin lines cover a part of every
    circle; speckle or damage painted over may cover most of one."""
    if radius <= 0:
        return 0.0
    height, width = mask.shape
    ys, xs = np.mgrid[0:height, 0:width]
    step = radius / 12
    circle = (np.hypot(xs - cx, ys - cy) / step).astype(np.int64)
    inside = circle < 12
    counts = np.bincount(circle[inside], minlength=12)
    covered = np.bincount(circle[inside], weights=mask[inside], minlength=12)
    shares = covered[counts > 0] / counts[counts > 0]
    return float(shares.max()) if shares.size else 0.0
