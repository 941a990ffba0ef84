"""Undo the perspective of a canopy seen at an angle: its rings are ellipses, not circles.

A canopy photographed off its axis, or a drawing squashed in one direction, shows its rings as
ellipses, no longer centred on one point, and its gores at uneven angles. Straight lines stay
straight, so the gore edges still meet at the image of the centre, which
:func:`chutecode.picture.locate.find_centre` finds. This module measures the shape of the rings
round that point and turns the picture back into a circular canopy:

1. Round every angle, the radial colour edges (vent, ring boundaries, gap, rim) form one profile
   along the radius. Off axis, the profile at each angle is the same pattern stretched by a
   factor: in log-radius it is shifted. Cross-correlating each angle's profile with their median
   gives the stretch at every angle, and a smooth curve fitted through them (robustly, so that a
   hidden sector or a cut edge does not pull it) gives the shape of the dominant boundary.
2. A conic fitted to that boundary, and the centre, give the homography back to the plane of the
   canopy: the polar line of the centre is the image of the line at infinity (it is sent back
   there), and what is then an ellipse round the centre is made a circle by an affine map.
3. The picture is resampled through that homography into a new picture where the canopy is a
   circle round the middle; the rest of the reader then works as on a picture taken head on.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from chutecode.picture.concentric import concentric_homography
from chutecode.picture.sampling import bilinear

__all__ = ["Rectification", "measure_shape", "measure_edges", "rectifications", "rectify"]

# Angles and log-radius steps of the shape measurement.
_ANGLES = 360
_STEPS = 512
# Stretch below which (as a share of the radius) a picture is taken as seen head on.
ROUND_ENOUGH = 0.006


@dataclass(frozen=True)
class Rectification:
    """A picture resampled so that its canopy is circular.

    Attributes:
        image: the resampled picture (RGB ``float32``), canopy centred.
        to_source: 3 x 3 homography from pixels of ``image`` to pixels of the original.
        ellipticity: how far the rings were from circles: ``1 - minor / major`` axis of the
            fitted boundary.
    """

    image: np.ndarray
    to_source: np.ndarray
    ellipticity: float

    def source_point(self, x: float, y: float) -> tuple[float, float]:
        """Where a pixel of the resampled picture lies in the original picture."""
        px, py, w = self.to_source @ np.array([x, y, 1.0])
        return float(px / w), float(py / w)


def _bilinear(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bilinear samples at float coordinates, and a mask of those inside the picture."""
    height, width = image.shape[:2]
    inside = (xs >= 0) & (xs <= width - 1) & (ys >= 0) & (ys <= height - 1)
    return bilinear(image, np.where(inside, xs, 0.0), np.where(inside, ys, 0.0)), inside


def _edge_profiles(image: np.ndarray, cx: float, cy: float, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Radial colour edges round ``(cx, cy)`` on a log-radius grid: shape ``(angles, steps)``, and the
    log radii."""
    theta = (np.arange(_ANGLES) + 0.5) * (2 * math.pi / _ANGLES)
    log_r = np.linspace(math.log(max(4.0, 0.06 * reach)), math.log(reach), _STEPS)
    radii = np.exp(log_r)
    delta = np.maximum(1.0, radii * (log_r[1] - log_r[0]) * 1.5)
    sin, cos = np.sin(theta)[:, None], np.cos(theta)[:, None]
    outer, inside_o = _bilinear(image, cx + (radii + delta) * sin, cy - (radii + delta) * cos)
    inner, inside_i = _bilinear(image, cx + (radii - delta) * sin, cy - (radii - delta) * cos)
    edges = np.sqrt(np.sum((outer - inner) ** 2, axis=-1))
    edges[~(inside_o & inside_i)] = np.nan
    return edges, log_r


def _shifts(edges: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Per angle, the log-radius shift (in steps) that best lays its edge profile on their median,
    and how strongly (correlation, 0-1)."""
    valid = np.isfinite(edges)
    filled = np.where(valid, edges, 0.0)
    shifts = np.zeros(edges.shape[0])
    for _ in range(3):
        aligned = np.stack([np.roll(row, -int(round(s))) for row, s in zip(filled, shifts, strict=True)])
        reference = np.median(aligned, axis=0)
        reference = reference - reference.mean()
        rows = filled - filled.mean(axis=1, keepdims=True)
        size = 2 * edges.shape[1]
        spectrum = np.fft.rfft(rows, size, axis=1) * np.conj(np.fft.rfft(reference, size))[None, :]
        corr = np.fft.irfft(spectrum, size, axis=1)
        lags = np.concatenate([np.arange(0, limit + 1), np.arange(-limit, 0)])
        window = corr[:, lags]
        best = np.argmax(window, axis=1)
        peak = window[np.arange(edges.shape[0]), best]
        left = window[np.arange(edges.shape[0]), np.maximum(best - 1, 0)]
        right = window[np.arange(edges.shape[0]), np.minimum(best + 1, window.shape[1] - 1)]
        curvature = left - 2 * peak + right
        offset = np.where(curvature < 0, 0.5 * (left - right) / np.where(curvature < 0, curvature, -1), 0.0)
        lag = lags[best] + np.clip(offset, -0.5, 0.5)
        # A lag is wrapped only at the ends of the window: ``lags`` jumps from +limit to -limit.
        shifts = lag.astype(np.float64)
        norm = np.sqrt(np.sum(rows**2, axis=1) * np.sum(reference**2)) + 1e-9
        strength = peak / norm
    return shifts, np.clip(strength, 0, 1)


def _fit_smooth(theta: np.ndarray, values: np.ndarray, weights: np.ndarray, harmonics: int = 2) -> np.ndarray:
    """Robust least-squares Fourier series through ``values``; returns the fitted curve."""
    columns = [np.ones_like(theta)]
    for k in range(1, harmonics + 1):
        columns += [np.cos(k * theta), np.sin(k * theta)]
    basis = np.stack(columns, axis=1)
    w = weights.copy()
    fit = np.zeros_like(values)
    for _ in range(6):
        if w.sum() <= 0:
            break
        sw = np.sqrt(w)[:, None]
        coef, *_ = np.linalg.lstsq(basis * sw, values * sw[:, 0], rcond=None)
        fit = basis @ coef
        residual = np.abs(values - fit)
        scale = 1.4826 * np.median(residual[w > 0]) + 1e-4
        w = weights * np.clip(1 - (residual / (4 * scale)) ** 2, 0, 1) ** 2
    return fit


def measure_shape(image: np.ndarray, cx: float, cy: float) -> tuple[np.ndarray, float, float] | None:
    """The stretch of the rings at every angle round ``(cx, cy)``.

    Returns the boundary points ``(angles, 2)`` of the dominant ring edge (pixels), its mean
    radius, and how far it is from a circle (max / min radius - 1); ``None`` when there are no
    ring edges to measure.
    """
    edges = measure_edges(image, cx, cy)
    return edges[0] if edges else None


def measure_edges(image: np.ndarray, cx: float, cy: float) -> list[tuple[np.ndarray, float, float]]:
    """Like :func:`measure_shape`, for the dominant ring edge and, when there is one, a second
    strong edge well inside or outside it: two images of concentric circles fix the perspective."""
    height, width = image.shape[:2]
    reach = max(
        math.hypot(cx, cy),
        math.hypot(width - cx, cy),
        math.hypot(cx, height - cy),
        math.hypot(width - cx, height - cy),
    )
    reach = min(reach, 1.5 * max(width, height))
    edges, log_r = _edge_profiles(image, cx, cy, reach)
    step = log_r[1] - log_r[0]
    limit = int(0.3 / step)
    shifts, strength = _shifts(edges, limit)
    theta = (np.arange(_ANGLES) + 0.5) * (2 * math.pi / _ANGLES)
    weights = strength**2 * np.mean(np.isfinite(edges), axis=1)
    if weights.sum() <= 1e-6:
        return []
    smooth = _fit_smooth(theta, shifts * step, weights, harmonics=4)
    smooth -= np.average(smooth, weights=np.maximum(weights, 1e-9))
    filled = np.where(np.isfinite(edges), edges, 0.0)
    aligned = np.stack([np.interp(log_r, log_r - s, row) for row, s in zip(filled, smooth, strict=True)])
    reference = np.median(aligned, axis=0)
    # The dominant ring edge: the strongest peak of the aligned profile in the outer half.
    half = reference.size // 3
    peak = half + int(np.argmax(reference[half:]))
    out = [_edge_at(edges, log_r, aligned, theta, smooth, peak, cx, cy)]
    # A second edge at least 15% of the radius away, nearly as strong.
    apart = int(0.15 / step)
    others = reference.copy()
    others[max(0, peak - apart) : peak + apart + 1] = -np.inf
    others[: reference.size // 6] = -np.inf
    second = int(np.argmax(others))
    if np.isfinite(others[second]) and others[second] >= 0.4 * reference[peak]:
        out.append(_edge_at(edges, log_r, aligned, theta, smooth, second, cx, cy))
    return out


def _edge_at(
    edges: np.ndarray,
    log_r: np.ndarray,
    aligned: np.ndarray,
    theta: np.ndarray,
    smooth: np.ndarray,
    peak: int,
    cx: float,
    cy: float,
) -> tuple[np.ndarray, float, float]:
    """Boundary points, mean radius and stretch of the ring edge at log-radius step ``peak``."""
    step = log_r[1] - log_r[0]
    radius = float(math.exp(log_r[peak]))
    # Seen in perspective, rings at other radii stretch a little differently: measure the stretch
    # again from that edge's neighbourhood alone, so the points lie on that one edge.
    reach_steps = max(8, int(0.12 / step))
    lo, hi = max(0, peak - reach_steps), min(edges.shape[1], peak + reach_steps + 1)
    window = np.full_like(aligned, np.nan)
    window[:, lo:hi] = aligned[:, lo:hi]
    window[~np.isfinite(edges)] = np.nan
    residual, local_strength = _shifts(window, reach_steps // 2)
    local_weights = local_strength**2 * np.mean(np.isfinite(window[:, lo:hi]), axis=1)
    if local_weights.sum() > 1e-6:
        refined = _fit_smooth(theta, smooth + residual * step, local_weights, harmonics=4)
        smooth = refined - np.average(refined, weights=np.maximum(local_weights, 1e-9))
    radii = radius * np.exp(smooth)
    points = np.stack([cx + radii * np.sin(theta), cy - radii * np.cos(theta)], axis=1)
    return points, radius, float(radii.max() / radii.min() - 1)


def _conic(points: np.ndarray) -> np.ndarray:
    """The conic ``x^T C x = 0`` (3 x 3, symmetric) through ``points`` (least squares)."""
    x, y = points[:, 0], points[:, 1]
    design = np.stack([x * x, x * y, y * y, x, y, np.ones_like(x)], axis=1)
    _, _, vt = np.linalg.svd(design, full_matrices=False)
    a, b, c, d, e, f = vt[-1]
    return np.array([[a, b / 2, d / 2], [b / 2, c, e / 2], [d / 2, e / 2, f]])


def _to_plane(points: np.ndarray, cx: float, cy: float, radius: float) -> np.ndarray | None:
    """Homography from (picture pixels) to (canopy plane, pixels round the origin) that makes the
    conic through ``points`` a circle of ``radius`` round the origin and keeps ``(cx, cy)`` the centre."""
    norm = np.array([[1 / radius, 0, -cx / radius], [0, 1 / radius, -cy / radius], [0, 0, 1]])
    local = (points - [cx, cy]) / radius
    conic = _conic(local)
    polar = conic @ np.array([0.0, 0.0, 1.0])  # the polar line of the centre
    if abs(polar[2]) < 1e-12:
        return None
    lift = np.array([[1, 0, 0], [0, 1, 0], [polar[0] / polar[2], polar[1] / polar[2], 1]])
    inverse = np.linalg.inv(lift)
    conic = inverse.T @ conic @ inverse
    if conic[2, 2] == 0:
        return None
    conic = conic / -conic[2, 2]
    quad = conic[:2, :2]
    values, vectors = np.linalg.eigh(quad)
    if np.any(values <= 0):
        return None
    root = vectors @ np.diag(np.sqrt(values)) @ vectors.T
    affine = np.eye(3)
    affine[:2, :2] = root
    scale = np.diag([radius, radius, 1.0])
    return scale @ affine @ lift @ norm


def _to_plane_pair(
    first: np.ndarray, second: np.ndarray, cx: float, cy: float, radius: float
) -> np.ndarray | None:
    """Homography from picture pixels to the canopy's plane from two ring edges (images of
    concentric circles), or ``None`` when they do not fix one.

    Two concentric circles differ by the line at infinity counted twice, so their images' pencil
    holds a conic of rank one: the image of that line, sent back to infinity. What is left is an
    affine picture, made a circle round the origin as in :func:`_to_plane`.
    """
    norm = np.array([[1 / radius, 0, -cx / radius], [0, 1 / radius, -cy / radius], [0, 0, 1]])
    c1 = _conic((first - [cx, cy]) / radius)
    c2 = _conic((second - [cx, cy]) / radius)
    try:
        values = np.linalg.eigvals(np.linalg.solve(c2, c1)).real
    except np.linalg.LinAlgError:
        return None
    pairs = sorted((abs(values[i] - values[j]), i, j) for i in range(3) for j in range(i + 1, 3))
    gap, i, j = pairs[0]
    spread = float(values.max() - values.min())
    if spread <= 0 or gap > 0.25 * spread:
        return None
    rank_one = c1 - 0.5 * (values[i] + values[j]) * c2
    w, v = np.linalg.eigh(rank_one)
    line = v[:, int(np.argmax(np.abs(w)))]
    if abs(line[2]) < 1e-9:
        return None
    line = line / line[2]
    lift = np.array([[1, 0, 0], [0, 1, 0], [line[0], line[1], 1.0]])
    inverse = np.linalg.inv(lift)
    conic = inverse.T @ c1 @ inverse
    try:
        centre = -np.linalg.solve(conic[:2, :2], conic[:2, 2])
    except np.linalg.LinAlgError:
        return None
    if np.hypot(*centre) > 0.5:
        return None  # the centre moved far: no trustworthy fit
    shift = np.array([[1, 0, -centre[0]], [0, 1, -centre[1]], [0, 0, 1.0]])
    undo = np.linalg.inv(shift)
    conic = undo.T @ conic @ undo
    if conic[2, 2] == 0:
        return None
    conic = conic / -conic[2, 2]
    values2, vectors = np.linalg.eigh(conic[:2, :2])
    if np.any(values2 <= 0):
        return None
    affine = np.eye(3)
    affine[:2, :2] = vectors @ np.diag(np.sqrt(values2)) @ vectors.T
    scale = np.diag([radius, radius, 1.0])
    return scale @ affine @ shift @ lift @ norm


def rectify(image: np.ndarray, cx: float, cy: float) -> Rectification | None:
    """The picture resampled so that the rings round ``(cx, cy)`` are circles, or ``None`` when they
    already are (within :data:`ROUND_ENOUGH`) or cannot be measured."""
    found = list(rectifications(image, cx, cy))
    return found[-1] if found else None


def rectifications(image: np.ndarray, cx: float, cy: float) -> Iterator[Rectification]:
    """Every way found to make the rings round ``(cx, cy)`` circles, best first, each made only
    when asked for: the one that lines up every ring edge (:mod:`chutecode.picture.concentric`),
    from two ring edges (when the picture shows two that fix the perspective) and from the
    dominant edge and the centre; none when the rings are circles already (within
    :data:`ROUND_ENOUGH`) or cannot be measured."""
    edges = measure_edges(image, cx, cy)
    if not edges:
        return
    points, radius, stretch = edges[0]
    if stretch < ROUND_ENOUGH:
        return
    ways: list[Callable[[], np.ndarray | None]] = [
        lambda: concentric_homography(image, cx, cy, points, radius),
        lambda: _to_plane_pair(points, edges[1][0], cx, cy, radius) if len(edges) > 1 else None,
        lambda: _to_plane(points, cx, cy, radius),
    ]
    for way in ways:
        forward = way()
        if forward is not None:
            yield _resampled(image, forward)


def _resampled(image: np.ndarray, forward: np.ndarray) -> Rectification:
    """The picture resampled through the homography ``forward`` (picture to canopy plane)."""
    backward = np.linalg.inv(forward)
    height, width = image.shape[:2]
    # The new picture holds the old one's corners' reach round the centre, at most 1.6 times its size.
    corners = np.array([[0, 0, 1], [width, 0, 1], [0, height, 1], [width, height, 1]], dtype=np.float64)
    mapped = (forward @ corners.T).T
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = np.abs(mapped[:, :2] / mapped[:, 2:3])
    extent = float(np.nanmax(np.where(mapped[:, 2:3] > 0, reach, np.inf)))
    extent = min(extent, 0.8 * max(width, height))
    side = int(2 * math.ceil(extent))
    grid = np.arange(side, dtype=np.float64) - side / 2 + 0.5
    us, vs = np.meshgrid(grid, grid)
    w = backward[2, 0] * us + backward[2, 1] * vs + backward[2, 2]
    xs = (backward[0, 0] * us + backward[0, 1] * vs + backward[0, 2]) / w
    ys = (backward[1, 0] * us + backward[1, 1] * vs + backward[1, 2]) / w
    samples, inside = _bilinear(image, xs, ys)
    outside = ~inside | (w <= 0)
    samples[outside] = np.nan
    shift = np.array([[1, 0, -side / 2 + 0.5], [0, 1, -side / 2 + 0.5], [0, 0, 1]])
    axes = np.sort(np.linalg.svd(forward[:2, :2], compute_uv=False))
    return Rectification(
        image=samples.astype(np.float32), to_source=backward @ shift, ellipticity=float(1 - axes[0] / axes[1])
    )
