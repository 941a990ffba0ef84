"""Even out the gore grid of a canopy whose gores are not at even angles round its centre.

A canopy seen off its axis and then straightened by :mod:`chutecode.picture.rectify`, or one
whose centre was found a pixel or two off, still shows its gores a little bunched on one side and
spread on the other: the angle of gore ``k`` is ``phase + k * step + warp(angle)``, with a warp
that changes slowly round the circle. Read on an even grid, the gores on one side are sampled
across their edges, and the spectrum that gives the gore count smears over several counts.

This module measures the warp and takes it out:

1. Round the circle, the strength of the colour changes (gore edges) is weighed in overlapping
   windows a few gores wide; in each, the phase of the grid of ``n`` gores gives where the local
   grid lies against the even one.
2. The local offsets, unwrapped round the circle, must close: with the right gore count they come
   back to where they started. A smooth curve (a few harmonics, fitted robustly so that a hidden
   sector or a line does not pull it) gives the warp. Of the counts near the spectrum's peak, the
   one whose dewarped grid fits the edges best is taken.
3. The picture is resampled along its circles so that the gores lie at even angles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Warp", "find_warp", "dewarp"]

#: Windows round the circle in which the local grid is measured.
_WINDOWS = 36
#: Harmonics of the fitted warp.
_HARMONICS = 3
#: A warp smaller than this (as a share of a gore) is left alone.
_NEGLIGIBLE = 0.08


@dataclass(frozen=True)
class Warp:
    """How the gore grid departs from even angles.

    Attributes:
        gores: the gore count the warp was measured for.
        coefficients: cosine and sine coefficients of harmonics 1, 2, ... of the offset
            (radians): ``offset(theta) = sum a_h cos(h theta) + b_h sin(h theta)``.
        strength: how well the edges fit the dewarped grid (0-1), as the spectrum's modulus.
        largest: the largest offset round the circle, as a share of a gore.
    """

    gores: int
    coefficients: np.ndarray
    strength: float
    largest: float

    def offset(self, theta: np.ndarray) -> np.ndarray:
        """The grid's offset (radians) at angles ``theta`` (clockwise from 12 o'clock)."""
        out = np.zeros_like(theta, dtype=np.float64)
        for h in range(1, self.coefficients.size // 2 + 1):
            a, b = self.coefficients[2 * h - 2], self.coefficients[2 * h - 1]
            out += a * np.cos(h * theta) + b * np.sin(h * theta)
        return out


def _edges(profiles: np.ndarray) -> np.ndarray:
    """Edge strength between neighbouring angular samples, summed over the profiles: ``(angles,)``."""
    step = np.sqrt(np.sum((np.roll(profiles, -1, axis=-2) - profiles) ** 2, axis=-1))
    return step.reshape(-1, profiles.shape[-2]).sum(axis=0)


def _harmonic_design(theta: np.ndarray) -> np.ndarray:
    columns = []
    for h in range(1, _HARMONICS + 1):
        columns += [np.cos(h * theta), np.sin(h * theta)]
    return np.stack(columns, axis=1)


def _fit(theta: np.ndarray, values: np.ndarray, weights: np.ndarray) -> np.ndarray | None:
    """Robust weighted least squares of ``values`` on a few harmonics of ``theta``."""
    design = _harmonic_design(theta)
    w = weights.copy()
    coefficients = None
    for _ in range(4):
        if np.count_nonzero(w > 0) < design.shape[1] + 2:
            return coefficients
        root = np.sqrt(w)[:, None]
        coefficients, *_ = np.linalg.lstsq(design * root, values * root[:, 0], rcond=None)
        residual = np.abs(design @ coefficients - values)
        scale = 1.4826 * float(np.median(residual[w > 0])) + 1e-5
        w = weights * np.clip(1 - (residual / (4 * scale)) ** 2, 0, 1) ** 2
    return coefficients


def _coherence(edges: np.ndarray, theta: np.ndarray, gores: int, shift: np.ndarray) -> float:
    total = float(edges.sum())
    if total <= 0:
        return 0.0
    return float(abs(np.sum(edges * np.exp(-1j * gores * (theta - shift)))) / total)


def _warp_for(edges: np.ndarray, theta: np.ndarray, gores: int) -> Warp | None:
    """The warp of a grid of ``gores`` gores from the edge strengths round the circle."""
    step = 2 * math.pi / gores
    centres = (np.arange(_WINDOWS) + 0.5) * (2 * math.pi / _WINDOWS)
    width = max(2.0 * step, 2 * math.pi / _WINDOWS)
    # Angular distance of every sample from every window's centre, wrapped.
    apart = (theta[None, :] - centres[:, None] + math.pi) % (2 * math.pi) - math.pi
    window = np.exp(-0.5 * (apart / width) ** 2) * edges[None, :]
    local = window @ np.exp(-1j * gores * theta)
    mass = window.sum(axis=1)
    weights = np.abs(local) / np.maximum(mass, 1e-9)
    if not np.any(weights > 0.2):
        return None
    phases = -np.angle(local) / gores  # where the local grid starts, modulo a gore
    # Unwrap round the circle: neighbouring windows differ by less than half a gore.
    offsets = np.empty(_WINDOWS)
    offsets[0] = 0.0
    for s in range(1, _WINDOWS):
        jump = (phases[s] - phases[s - 1] + step / 2) % step - step / 2
        offsets[s] = offsets[s - 1] + jump
    closing = (phases[0] - phases[-1] + step / 2) % step - step / 2
    drift = offsets[-1] + closing  # a whole gore when the count is one off
    if abs(drift) > step / 2:
        return None
    offsets -= np.linspace(0, drift, _WINDOWS, endpoint=False)
    offsets -= np.average(offsets, weights=np.maximum(weights, 1e-9))
    coefficients = _fit(centres, offsets, np.where(weights > 0.2, weights, 0.0))
    if coefficients is None:
        return None
    shift = _harmonic_design(theta) @ coefficients
    return Warp(
        gores=gores,
        coefficients=coefficients,
        strength=_coherence(edges, theta, gores, shift),
        largest=float(np.max(np.abs(shift)) / step),
    )


def find_warp(profiles: np.ndarray, candidates: list[int]) -> Warp | None:
    """The best warp among the gore counts ``candidates``, from angular colour profiles
    ``(radii, angles, 3)``; ``None`` when no count's grid fits better dewarped than as it is."""
    angles = profiles.shape[-2]
    theta = (np.arange(angles) + 1.0) * (2 * math.pi / angles)  # the edge after sample j
    edges = _edges(profiles)
    best: Warp | None = None
    plain = max((_coherence(edges, theta, n, np.zeros(1)) for n in candidates), default=0.0)
    for gores in candidates:
        warp = _warp_for(edges, theta, gores)
        if warp is not None and (best is None or warp.strength > best.strength):
            best = warp
    if best is None or best.largest < _NEGLIGIBLE or best.strength < 1.15 * plain:
        return None
    return best


def dewarp(
    image: np.ndarray, known: np.ndarray | None, cx: float, cy: float, warp: Warp
) -> tuple[np.ndarray, np.ndarray | None]:
    """The picture resampled along its circles round ``(cx, cy)`` so that the gores lie at even
    angles, and the mask of pixels from inside the original picture (``None`` stays ``None``
    when every sample falls inside)."""
    height, width = image.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    dx, dy = xs - np.float32(cx), ys - np.float32(cy)
    radius = np.hypot(dx, dy)
    theta = np.arctan2(dx, -dy)
    source = theta + warp.offset(theta.astype(np.float64)).astype(np.float32)
    sx = np.float32(cx) + radius * np.sin(source)
    sy = np.float32(cy) - radius * np.cos(source)
    inside = (sx >= 0) & (sx <= width - 1) & (sy >= 0) & (sy <= height - 1)
    np.clip(sx, 0, width - 1.001, out=sx)
    np.clip(sy, 0, height - 1.001, out=sy)
    x0, y0 = sx.astype(np.intp), sy.astype(np.intp)
    fx, fy = (sx - x0)[..., None], (sy - y0)[..., None]
    top = image[y0, x0] * (1 - fx) + image[y0, x0 + 1] * fx
    bottom = image[y0 + 1, x0] * (1 - fx) + image[y0 + 1, x0 + 1] * fx
    out = (top * (1 - fy) + bottom * fy).astype(np.float32)
    if known is not None:
        inside &= known[np.rint(sy).astype(np.intp), np.rint(sx).astype(np.intp)]
    if known is None and inside.all():
        return out, None
    return out, inside
