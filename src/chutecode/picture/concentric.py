"""The perspective that makes a canopy's ring edges concentric circles, found by lining them up.

Fitting one ring edge (or two) fixes a perspective exactly, but only from that edge, which in a
picture of the ring code is often no circle at all: where two neighbouring rings have the same
colour at an angle there is no edge to see, and the strongest colour change jumps from ring to
ring. The outer rings then come out off centre.

This module looks at every ring edge at once instead. Seen through the right homography, the
radial colour edges at every angle round the centre lie at the same radii, so the mean of the
angles' edge profiles is as sharp as it gets. The homography (a shift of the centre, the image of
the line at infinity and a stretch, six numbers) is the one that makes that mean profile sharpest,
found by a Nelder-Mead search from the picture as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from chutecode.picture.sampling import bilinear

__all__ = ["concentric_homography"]

# Angles and radii (from 15% to 160% of the ring edge's radius) of the sharpness measurement.
_ANGLES = 180
_STEPS = 240
_REACH = (0.15, 1.6)
# Search steps of the six numbers, and how many steps the search takes at most.
_SIMPLEX = (0.02, 0.02, 0.05, 0.05, 0.05, 0.05)
_ITERATIONS = 300


def _correction(params: np.ndarray) -> np.ndarray:
    """The homography of six numbers, in units of the radius round the origin: a shift of the
    centre ``(dx, dy)``, a tilt ``(l1, l2)`` (the image of the line at infinity) and a stretch
    ``(a, b)`` (a symmetric matrix)."""
    dx, dy, l1, l2, a, b = params
    shift = np.array([[1.0, 0.0, -dx], [0.0, 1.0, -dy], [0.0, 0.0, 1.0]])
    lift = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [l1, l2, 1.0]])
    stretch = np.array([[1.0 + a, b, 0.0], [b, 1.0 - a, 0.0], [0.0, 0.0, 1.0]])
    return stretch @ lift @ shift


def radial_edges(image: np.ndarray, cx: float, cy: float) -> np.ndarray:
    """How strongly the colour changes along the line from ``(cx, cy)`` at every pixel.

    Ring edges cross those lines and count; gore edges lie along them and do not.
    """
    padded = np.pad(image, ((1, 1), (1, 1), (0, 0)), mode="edge")
    dx = padded[:, 2:] - padded[:, :-2]
    dy = padded[2:, :] - padded[:-2, :]
    gx = (3 * dx[:-2] + 10 * dx[1:-1] + 3 * dx[2:]) / 16
    gy = (3 * dy[:, :-2] + 10 * dy[:, 1:-1] + 3 * dy[:, 2:]) / 16
    height, width = image.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    ux, uy = xs - np.float32(cx), ys - np.float32(cy)
    length = np.maximum(np.hypot(ux, uy), np.float32(1e-3))
    along = gx * (ux / length)[..., None] + gy * (uy / length)[..., None]
    return np.sqrt(np.einsum("ijk,ijk->ij", along, along)).astype(np.float32)


def _sharpness(edges: np.ndarray, forward: np.ndarray, radius: float) -> Callable[[np.ndarray], float]:
    """The search's cost of six numbers (lower is sharper): minus the share of the edge profiles'
    variation round their own means that their mean over all angles keeps."""
    theta = (np.arange(_ANGLES) + 0.5) * (2 * math.pi / _ANGLES)
    radii = np.linspace(*_REACH, _STEPS) * radius
    us = (np.sin(theta)[:, None] * radii[None, :]).ravel()
    vs = (-np.cos(theta)[:, None] * radii[None, :]).ravel()
    unit = np.diag([1 / radius, 1 / radius, 1.0])
    scale = np.diag([radius, radius, 1.0])
    height, width = edges.shape

    def cost(params: np.ndarray) -> float:
        backward = np.linalg.inv(scale @ _correction(params) @ unit @ forward)
        w = backward[2, 0] * us + backward[2, 1] * vs + backward[2, 2]
        with np.errstate(divide="ignore", invalid="ignore"):
            xs = ((backward[0, 0] * us + backward[0, 1] * vs + backward[0, 2]) / w).astype(np.float32)
            ys = ((backward[1, 0] * us + backward[1, 1] * vs + backward[1, 2]) / w).astype(np.float32)
        behind = ~(w > 0) | ~np.isfinite(xs) | ~np.isfinite(ys)  # beyond the horizon
        outside = behind | (xs < 0) | (xs > width - 1) | (ys < 0) | (ys > height - 1)
        xs[outside], ys[outside] = 0.0, 0.0
        profiles = bilinear(edges[..., None], xs, ys)[..., 0].reshape(_ANGLES, _STEPS)
        profiles[outside.reshape(_ANGLES, _STEPS)] = np.nan
        valid = np.isfinite(profiles)
        if valid.mean() < 0.5:
            return 0.0
        values = np.where(valid, profiles, 0.0)
        per_radius = np.maximum(valid.sum(axis=0), 1)
        mean_profile = values.sum(axis=0) / per_radius
        own_means = values.sum(axis=1, keepdims=True) / np.maximum(valid.sum(axis=1, keepdims=True), 1)
        own = float(np.sum(np.where(valid, profiles - own_means, 0.0) ** 2) / max(int(valid.sum()), 1))
        shared = mean_profile - np.average(mean_profile, weights=per_radius)
        return -float(np.average(shared**2, weights=per_radius)) / max(own, 1e-9)

    return cost


def _nelder_mead(
    cost: Callable[[np.ndarray], float], steps: tuple[float, ...], iterations: int
) -> np.ndarray:
    """The point near the origin where ``cost`` is least, by the Nelder-Mead simplex search."""
    size = len(steps)
    points = [np.zeros(size)] + [np.eye(size)[i] * steps[i] for i in range(size)]
    values = [cost(p) for p in points]
    for _ in range(iterations):
        order = np.argsort(values)
        points, values = [points[i] for i in order], [values[i] for i in order]
        if abs(values[-1] - values[0]) <= 1e-9 * max(1.0, abs(values[0])):
            break
        middle = np.mean(points[:-1], axis=0)
        reflected = middle + (middle - points[-1])
        value = cost(reflected)
        if value < values[0]:
            expanded = middle + 2 * (middle - points[-1])
            grown = cost(expanded)
            points[-1], values[-1] = (expanded, grown) if grown < value else (reflected, value)
        elif value < values[-2]:
            points[-1], values[-1] = reflected, value
        else:
            contracted = middle + 0.5 * (points[-1] - middle)
            shrunk = cost(contracted)
            if shrunk < values[-1]:
                points[-1], values[-1] = contracted, shrunk
            else:
                points = [points[0] + 0.5 * (p - points[0]) for p in points]
                values = [values[0]] + [cost(p) for p in points[1:]]
    return points[int(np.argmin(values))]


def concentric_homography(
    image: np.ndarray, cx: float, cy: float, boundary: np.ndarray, radius: float
) -> np.ndarray | None:
    """Homography from picture pixels to the canopy's plane (centre at the origin) under which the
    ring edges round ``(cx, cy)`` are concentric circles; ``boundary`` (points of a ring edge of
    mean ``radius``, pixels) sets the scale, so the canopy keeps about its size. ``None`` when the
    search finds nothing sharper than the picture as it is."""
    start = np.array([[1.0, 0.0, -cx], [0.0, 1.0, -cy], [0.0, 0.0, 1.0]])
    cost = _sharpness(radial_edges(image, cx, cy), start, radius)
    params = _nelder_mead(cost, _SIMPLEX, _ITERATIONS)
    if not cost(params) < cost(np.zeros(6)):
        return None
    unit = np.diag([1 / radius, 1 / radius, 1.0])
    forward = np.diag([radius, radius, 1.0]) @ _correction(params) @ unit @ start
    mapped = np.hstack([boundary, np.ones((boundary.shape[0], 1))]) @ forward.T
    size = float(np.mean(np.hypot(mapped[:, 0] / mapped[:, 2], mapped[:, 1] / mapped[:, 2])))
    if not math.isfinite(size) or size <= 0:
        return None
    return np.diag([radius / size, radius / size, 1.0]) @ forward
