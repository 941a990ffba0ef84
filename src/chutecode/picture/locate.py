"""Find a canopy in a picture: its centre, its rings and its gore grid.

Everything here works on an RGB image held as a ``float32`` numpy array of
shape ``(height, width, 3)`` with values 0-255, in pixel coordinates (``x`` a
column, ``y`` a row). Angles are measured clockwise from 12 o'clock, the way
gores are numbered.

The steps:

1. :func:`find_centre`: every edge of a canopy points at the centre, radial
   gore edges along their length and ring circles across it. A vote along both
   lines of every strong edge pixel finds the centre roughly; a least-squares
   fit over the edges that agree with it then refines it to a fraction of a pixel.
2. :func:`find_rings`: in polar coordinates a ring is a band whose colour
   depends on the angle only. Ring boundaries are the radii where the angular
   colour profile changes; bands between them that show a stable pattern are
   rings, uniform bands of the background colour are the vent and the gap.
3. :func:`find_gore_grid`: colour changes round a ring fall on a regular grid
   of gore boundaries; the spectrum of the edge strength has its fundamental at
   the gore count and its phase gives where the grid starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from chutecode.picture.sampling import bilinear

__all__ = [
    "Band",
    "GoreGrid",
    "find_centre",
    "polar_samples",
    "find_rings",
    "find_gore_grid",
    "noise_level",
]

# Colour distance (RGB, 0-255) below which two samples count as the same colour.
SAME_COLOUR = 30.0
# Share of a band's circle in one colour above which the band counts as uniform.
UNIFORM = 0.995


@dataclass(frozen=True)
class Band:
    """A band of the canopy between two radii (pixels), innermost first.

    Attributes:
        inner: inner radius.
        outer: outer radius.
        patterned: ``True`` when its colour changes round the circle.
        colour: its most common colour (RGB).
    """

    inner: float
    outer: float
    patterned: bool
    colour: tuple[float, float, float]

    @property
    def width(self) -> float:
        """Radial width in pixels."""
        return self.outer - self.inner


@dataclass(frozen=True)
class GoreGrid:
    """The gore grid: how many gores, and the angle (radians) where one begins."""

    gores: int
    phase: float
    strength: float


# --- small image helpers ----------------------------------------------------


def _box3(values: np.ndarray) -> np.ndarray:
    """3 x 3 box mean of a 2-D array (edges repeated)."""
    padded = np.pad(values, 1, mode="edge")
    rows = padded[:-2] + padded[1:-1] + padded[2:]
    return (rows[:, :-2] + rows[:, 1:-1] + rows[:, 2:]) / 9.0


def noise_level(image: np.ndarray) -> float:
    """How noisy a picture is: the median distance (grey levels) of a pixel from the mean of the
    3 x 3 pixels round it. Flat colour gives 0, and edges are too few to move the median."""
    grey = image.mean(axis=2)
    return float(np.median(np.abs(grey - _box3(grey))))


def _structure(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edge strength and gradient orientation (radians, modulo pi) of an RGB image.

    The colour structure tensor sums the gradients of the three channels, so
    two colours of equal brightness still make an edge.
    """
    # Scharr derivatives: a central difference smoothed across by (3, 10, 3),
    # nearly free of the orientation error of plain differences.
    padded = np.pad(image, ((1, 1), (1, 1), (0, 0)), mode="edge")
    dx = padded[:, 2:] - padded[:, :-2]
    dy = padded[2:, :] - padded[:-2, :]
    gx = (3 * dx[:-2] + 10 * dx[1:-1] + 3 * dx[2:]) / 16
    gy = (3 * dy[:, :-2] + 10 * dy[:, 1:-1] + 3 * dy[:, 2:]) / 16
    jxx = _box3(np.einsum("ijk,ijk->ij", gx, gx))
    jyy = _box3(np.einsum("ijk,ijk->ij", gy, gy))
    jxy = _box3(np.einsum("ijk,ijk->ij", gx, gy))
    strength = jxx + jyy
    orientation = 0.5 * np.arctan2(2.0 * jxy, jxx - jyy)
    return strength, orientation


def _edge_pixels(image: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The strongest edge pixels: x, y, orientation and weight (at most ``limit``)."""
    strength, orientation = _structure(image)
    flat = strength.ravel()
    peak = float(flat.max()) if flat.size else 0.0
    if peak <= 0:
        empty = np.zeros(0)
        return empty, empty, empty, empty
    candidates = np.flatnonzero(flat > 0.02 * peak)
    if candidates.size > limit:
        keep = np.argpartition(flat[candidates], -limit)[-limit:]
        candidates = candidates[keep]
    ys, xs = np.divmod(candidates, strength.shape[1])
    weights = np.sqrt(flat[candidates])
    return xs.astype(np.float64), ys.astype(np.float64), orientation.ravel()[candidates], weights


# --- the centre -------------------------------------------------------------


def _vote_centre(image: np.ndarray) -> tuple[float, float, float]:
    """Rough centre: the point most edge lines (along and across each edge) pass through.

    Returns ``x``, ``y`` and the share of the votes the winning spot got.
    """
    height, width = image.shape[:2]
    xs, ys, phi, _ = _edge_pixels(image, 12000)
    if xs.size < 50:
        return width / 2, height / 2, 0.0
    cell = 2.0
    bins_x, bins_y = int(width / cell) + 1, int(height / cell) + 1
    acc = np.zeros(bins_x * bins_y, dtype=np.float64)
    reach = math.hypot(width, height)
    # In cells and in single precision: the lines are walked a cell at a time, millions of points.
    steps = (np.arange(-reach, reach, cell) / cell).astype(np.float32)
    cells_x, cells_y = (xs / cell).astype(np.float32), (ys / cell).astype(np.float32)
    for angle in (phi, phi + math.pi / 2):
        dx, dy = np.cos(angle).astype(np.float32), np.sin(angle).astype(np.float32)
        for start in range(0, xs.size, 1500):
            sl = slice(start, start + 1500)
            px = cells_x[sl, None] + steps[None, :] * dx[sl, None]
            py = cells_y[sl, None] + steps[None, :] * dy[sl, None]
            inside = (px >= 0) & (px < bins_x - 1) & (py >= 0) & (py < bins_y - 1)
            index = py[inside].astype(np.int32) * bins_x + px[inside].astype(np.int32)
            acc += np.bincount(index, minlength=acc.size)
    grid = acc.reshape(bins_y, bins_x)
    smooth = _box3(_box3(grid))
    best = int(np.argmax(smooth))
    by, bx = divmod(best, bins_x)
    share = float(smooth[by, bx] * 9 / max(xs.size, 1))
    return (bx + 0.5) * cell, (by + 0.5) * cell, share


def _refine_centre(image: np.ndarray, cx: float, cy: float, radial_only: bool = False) -> tuple[float, float]:
    """Least-squares centre from the edges that point at ``(cx, cy)``.

    A radial edge's own line passes through the centre, a circular edge's
    normal does: both give one linear equation in the centre.
    """
    xs, ys, phi, weights = _edge_pixels(image, 200000)
    if xs.size < 50:
        return cx, cy
    gx, gy = np.cos(phi), np.sin(phi)
    for tolerance in (12.0, 6.0, 3.0, 3.0):
        dx, dy = xs - cx, ys - cy
        dist = np.hypot(dx, dy)
        ok = dist > 6
        ux, uy = dx / np.maximum(dist, 1e-9), dy / np.maximum(dist, 1e-9)
        cos_a = np.abs(gx * ux + gy * uy)
        circular = ok & (cos_a > math.cos(math.radians(tolerance)))
        radial = ok & (cos_a < math.sin(math.radians(tolerance)))
        # Row a of the system a . c = a . p: the normal of the line through the centre.
        ax = np.where(radial, gx, -gy)
        ay = np.where(radial, gy, gx)
        w = np.where(radial if radial_only else circular | radial, weights, 0.0)
        if w.sum() <= 0:
            break
        m = np.array([[np.sum(w * ax * ax), np.sum(w * ax * ay)], [np.sum(w * ax * ay), np.sum(w * ay * ay)]])
        rhs = np.array([np.sum(w * ax * (ax * xs + ay * ys)), np.sum(w * ay * (ax * xs + ay * ys))])
        if abs(np.linalg.det(m)) < 1e-9:
            break
        cx, cy = (float(v) for v in np.linalg.solve(m, rhs))
    return cx, cy


def find_centre(image: np.ndarray, *, radial_only: bool = False) -> tuple[float, float, float]:
    """The canopy centre ``(x, y)`` in pixels and a vote share (0-1, how clear it was).

    ``radial_only`` refines it from the gore edges alone: seen at an angle, a canopy's ring edges
    are ellipses whose normals miss the centre, while its gore edges, straight lines, still meet
    there.
    """
    height, width = image.shape[:2]
    factor = max(1, int(math.ceil(max(height, width) / 400)))
    small = _shrink(image, factor)
    sx, sy, share = _vote_centre(small)
    cx, cy = (sx + 0.5) * factor - 0.5, (sy + 0.5) * factor - 0.5
    cx, cy = _refine_centre(image, cx, cy, radial_only)
    return cx, cy, share


def _shrink(image: np.ndarray, factor: int) -> np.ndarray:
    """Box-average the image by a whole factor (the edge rows that do not fit are dropped)."""
    if factor <= 1:
        return image
    h, w = (image.shape[0] // factor) * factor, (image.shape[1] // factor) * factor
    view = image[:h, :w].reshape(h // factor, factor, w // factor, factor, -1)
    return view.mean(axis=(1, 3), dtype=np.float32)


# --- polar sampling -----------------------------------------------------------


def polar_samples(
    image: np.ndarray, cx: float, cy: float, radii: np.ndarray, angles: np.ndarray
) -> np.ndarray:
    """Bilinear colour samples at every radius and angle: shape ``(radii, angles, 3)``.

    Angles are clockwise from 12 o'clock. Points outside the image take the
    nearest edge pixel.
    """
    r = radii.astype(np.float32)[:, None]
    xs = np.float32(cx) + r * np.sin(angles).astype(np.float32)[None, :]
    ys = np.float32(cy) - r * np.cos(angles).astype(np.float32)[None, :]
    return bilinear(image, xs, ys)


# --- rings ------------------------------------------------------------------------


def _distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Colour distance between matching samples (the last axis holds the channels)."""
    d = np.subtract(a, b)
    return np.sqrt(np.einsum("...k,...k->...", d, d))


def _dominant(profile: np.ndarray) -> tuple[np.ndarray, float]:
    """The most common colour of a profile and the share of samples near it."""
    quantised = (profile // 16).astype(np.int64)
    keys = quantised[:, 0] * 256 + quantised[:, 1] * 16 + quantised[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    key = values[np.argmax(counts)]
    colour = np.median(profile[keys == key], axis=0)
    share = float(np.mean(_distance(profile, colour) < SAME_COLOUR))
    return colour, share


def _local_spread(profile: np.ndarray, reach: int) -> np.ndarray:
    """Largest colour distance from each sample to its neighbours within ``reach`` samples."""
    spread = np.zeros(profile.shape[0], dtype=np.float32)
    for shift in range(1, reach + 1):
        for turned in (np.roll(profile, shift, axis=0), np.roll(profile, -shift, axis=0)):
            spread = np.maximum(spread, _distance(profile, turned))
    return spread


def _unlike(a: np.ndarray, b: np.ndarray, radius: float) -> tuple[float, float]:
    """How two angular profiles differ, away from colour changes.

    Anti-aliased edges smear over a pixel or so, which is many samples near
    the centre; only samples at least a pixel from any colour change count.
    Returns the share of the circle where they differ and the share that
    could be compared at all.
    """
    angles = a.shape[0]
    step_px = max(radius, 1.0) * 2 * math.pi / angles
    reach = min(int(math.ceil(1.0 / step_px)), angles // 16)
    interior = (_local_spread(a, reach) < SAME_COLOUR) & (_local_spread(b, reach) < SAME_COLOUR)
    return float(np.mean(interior & (_distance(a, b) > SAME_COLOUR))), float(np.mean(interior))


def _near_edges(polar: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Mask of polar samples within about a pixel (along the circle) of a colour change."""
    angles = polar.shape[1]
    edge = _distance(np.roll(polar, -1, axis=1), np.roll(polar, 1, axis=1)) > SAME_COLOUR / 2
    step_px = np.maximum(radii, 1.0) * (2 * math.pi / angles)
    reach = np.minimum(np.ceil(1.0 / step_px), angles // 16).astype(np.intp)
    pad = int(reach.max())
    wrapped = np.concatenate([edge[:, -pad - 1 :], edge, edge[:, :pad]], axis=1)
    counts = np.cumsum(wrapped, axis=1, dtype=np.int32)
    centre = np.arange(angles)[None, :] + pad + 1
    hi = np.take_along_axis(counts, centre + reach[:, None], axis=1)
    lo = np.take_along_axis(counts, centre - reach[:, None] - 1, axis=1)
    return (hi - lo) > 0


@dataclass
class _Run:
    """Radii ``start:stop`` (indices into the polar samples) of one steady pattern."""

    start: int
    stop: int


def find_rings(image: np.ndarray, cx: float, cy: float, *, angles: int = 1440) -> list[Band]:
    """Split the disk round ``(cx, cy)`` into bands of one angular pattern each.

    Returns every band from the centre out to the nearest image edge,
    innermost first, each marked patterned or not; choosing which are rings is
    left to :func:`pick_rings`.
    """
    height, width = image.shape[:2]
    reach = min(cx, cy, width - 1 - cx, height - 1 - cy)
    if reach < 20:
        return []
    theta = (np.arange(angles) + 0.5) * (2 * math.pi / angles)
    step = 0.5
    radii = np.arange(0.0, reach, step)
    polar = polar_samples(image, cx, cy, radii, theta)
    # Share of the circle whose colour changes over one pixel outwards. Inside a
    # ring only anti-aliased gore edges change, and slowly; a boundary jumps.
    # Compare the circles 2 px inside and 2 px outside each radius, so that an
    # anti-aliased (or slightly off-centre) boundary falls between them; samples
    # within a pixel of a gore edge ripple with the pixel grid, so skip them.
    flat = ~_near_edges(polar, radii)
    apart = int(round(2.0 / step))
    both = flat[2 * apart :] & flat[: -2 * apart]
    differ = _distance(polar[2 * apart :], polar[: -2 * apart]) > SAME_COLOUR
    # As a share of the samples that could be compared.
    share = (differ & both).sum(axis=1) / np.maximum(both.sum(axis=1), 0.05 * angles)
    # Dense seams on small gores can leave nothing to compare: then take all
    # samples, above the level of the ripple round the radius.
    raw = differ.mean(axis=1)
    window = min(raw.size, int(30 / step) | 1)
    baseline = np.median(
        np.lib.stride_tricks.sliding_window_view(np.pad(raw, window // 2, mode="edge"), window), axis=1
    )
    boundary = (share > 0.004) | (raw - baseline > 0.1)
    low = np.concatenate(
        [[0], np.zeros(apart, np.int8), (~boundary).astype(np.int8), np.zeros(apart, np.int8), [0]]
    )
    bounds = np.flatnonzero(np.diff(low))
    runs = [_Run(int(a), int(b)) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b - a >= 4]

    def profile(run: _Run) -> np.ndarray:
        span = run.stop - run.start
        return np.median(polar[run.start + span // 4 : run.stop - span // 4], axis=0)

    # Letters or marks inside a ring split it into runs with one gore pattern: join them.
    merged: list[_Run] = []
    for run in runs:
        if merged:
            last = merged[-1]
            a, b = profile(last), profile(run)
            unlike, compared = _unlike(a, b, radii[last.stop])
            same_kind = (_dominant(a)[1] >= UNIFORM) == (_dominant(b)[1] >= UNIFORM)
            if same_kind and compared > 0.25 and unlike < 0.02:
                merged[-1] = _Run(last.start, run.stop)
                continue
        merged.append(run)

    bands: list[Band] = []
    for run in merged:
        span = run.stop - run.start
        colour, share = _dominant(profile(run))
        inner_part = np.median(polar[run.start + span // 8 : run.start + span // 3 + 1], axis=0)
        outer_part = np.median(polar[run.stop - span // 3 - 1 : run.stop - span // 8], axis=0)
        unlike, _ = _unlike(inner_part, outer_part, radii[run.start + span // 4])
        patterned = bool(share < UNIFORM and unlike < 0.03)
        bands.append(
            Band(
                float(radii[run.start]),
                float(radii[run.stop - 1] + step),
                patterned,
                (float(colour[0]), float(colour[1]), float(colour[2])),
            )
        )
    return bands


# --- the gore grid -------------------------------------------------------------------


def ring_profiles(image: np.ndarray, cx: float, cy: float, bands: list[Band], angles: int) -> np.ndarray:
    """Median colour round each band at ``angles`` angles: shape ``(bands, angles, 3)``."""
    theta = (np.arange(angles) + 0.5) * (2 * math.pi / angles)
    out = np.empty((len(bands), angles, 3), dtype=np.float32)
    for i, band in enumerate(bands):
        radii = band.inner + band.width * np.linspace(0.3, 0.85, 7)
        out[i] = np.median(polar_samples(image, cx, cy, radii, theta), axis=0)
    return out


def gore_spectrum(profiles: np.ndarray) -> np.ndarray:
    """Complex spectrum of the edge strength round the rings (all rings summed).

    Entry ``f`` is ``sum(edge * exp(-i f theta))`` over the edges, divided by
    the total edge strength: its modulus is near 1 where ``f`` gores fit the
    edges and its argument is ``-f`` times the angle where the grid starts.
    """
    angles = profiles.shape[1]
    edge = _distance(np.roll(profiles, -1, axis=1), profiles)  # between sample j and j+1
    total = float(edge.sum())
    if total <= 0:
        return np.zeros(angles // 2, dtype=np.complex128)
    spectrum = np.fft.fft(edge, axis=1).sum(axis=0)[: angles // 2]
    # Sample j sits at (j + 0.5) steps, so the edge after it at (j + 1) steps.
    freqs = np.arange(angles // 2)
    spectrum = spectrum * np.exp(-1j * freqs * (2 * math.pi / angles))
    return spectrum / total


def gore_counts(spectrum: np.ndarray, *, minimum: int = 16, maximum: int | None = None) -> list[int]:
    """Likely gore counts, best first.

    Edges on a grid of ``n`` gores line up at ``n`` (and, blurred, at ``2n``,
    ``3n`` ...), nearly as well as at frequency 0; a group pattern repeating
    every ``group`` gores shows at ``n / group`` too, but weaker. The best is
    the strongest peak, or a divisor of it that is nearly as strong (its
    harmonic having won by noise); then the other strong peaks.
    """
    strength = np.abs(spectrum)
    top = min(maximum or strength.size - 1, strength.size - 1)
    if top <= minimum:
        return []
    window = strength[minimum : top + 1]
    peak = minimum + int(np.argmax(window))
    if strength[peak] < 0.2:
        return []
    best = next(d for d in range(minimum, peak + 1) if peak % d == 0 and strength[d] >= 0.85 * strength[peak])
    others = [minimum + int(i) for i in np.argsort(-window)[:12] if minimum + int(i) != best]
    others = [f for f in others if strength[f] >= 0.5 * strength[peak] and f % best]
    return [best, *others]


def find_gore_grid(spectrum: np.ndarray, gores: int) -> GoreGrid:
    """The grid of ``gores`` gores: the angle where a gore begins (radians)."""
    value = spectrum[gores]
    phase = (-float(np.angle(value)) / gores) % (2 * math.pi / gores)
    return GoreGrid(gores=gores, phase=phase, strength=float(abs(value)))


# --- rings found gore by gore ----------------------------------------------------------------------


def disk_profiles(
    image: np.ndarray, cx: float, cy: float, reach: float, angles: int, count: int = 24
) -> np.ndarray:
    """Angular colour profiles at ``count`` radii spread over the disk out to ``reach``: the gore grid
    can be found from them before the rings are known."""
    theta = (np.arange(angles) + 0.5) * (2 * math.pi / angles)
    radii = np.linspace(0.12, 0.98, count) * reach
    # Three circles a pixel apart for each radius, and a short median along each: noise and
    # thin lines across the canopy fade, the steps between gores stay.
    near = (radii[:, None] + np.array([-1.0, 0.0, 1.0])[None, :]).ravel()
    samples = polar_samples(image, cx, cy, near, theta).reshape(count, 3, angles, 3)
    # The median of three: their sum less the largest and the smallest.
    middle = samples.sum(axis=1) - samples.max(axis=1) - samples.min(axis=1)
    return angular_median(middle, 7)


def angular_median(profiles: np.ndarray, window: int) -> np.ndarray:
    """Each profile ``(..., angles, 3)`` median-filtered round the circle over ``window`` samples."""
    half = window // 2
    padded = np.concatenate([profiles[..., -half:, :], profiles, profiles[..., :half, :]], axis=-2)
    view = np.lib.stride_tricks.sliding_window_view(padded, window, axis=-2)
    return np.median(view, axis=-1).astype(np.float32)


def find_rings_on_grid(
    image: np.ndarray, cx: float, cy: float, gores: int, phase: float, reach: float
) -> list[Band]:
    """Split the disk into bands by looking along the middle of every gore.

    Ring edges that are not circles (chevrons or zig-zags repeating gore by gore, as on a real
    canopy's panels) cross the middle of every gore at the same radius, so looking along the
    gores' middles turns them into circles. A thin line crossing a gore is outvoted by the
    samples either side of it.
    """
    step = 2 * math.pi / gores
    offsets = np.linspace(-0.22, 0.22, 5)
    angles = (phase + (np.arange(gores)[:, None] + 0.5 + offsets[None, :]) * step).ravel()
    radial = 0.5
    radii = np.arange(1.0, reach, radial)
    samples = polar_samples(image, cx, cy, radii, angles).reshape(radii.size, gores, offsets.size, 3)
    columns = np.median(samples, axis=2)  # (radii, gores, 3)
    apart = int(round(1.0 / radial))
    differ = _distance(columns[2 * apart :], columns[: -2 * apart]) > SAME_COLOUR
    share = differ.mean(axis=1)
    level = float(np.median(share))
    boundary = share > max(1.5 / gores, 3 * level)
    low = np.concatenate(
        [[0], np.zeros(apart, np.int8), (~boundary).astype(np.int8), np.zeros(apart, np.int8), [0]]
    )
    bounds = np.flatnonzero(np.diff(low))
    runs = [(int(a), int(b)) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b - a >= 3]
    bands: list[Band] = []
    previous: np.ndarray | None = None
    for start, stop in runs:
        span = stop - start
        profile = np.median(columns[start + span // 4 : stop - span // 4 + 1], axis=0)  # (gores, 3)
        colour, share_one = _dominant(profile)
        patterned = share_one < UNIFORM and gores * (1 - share_one) >= 0.6
        if bands and previous is not None and bands[-1].patterned == patterned:
            same = float(np.mean(_distance(profile, previous) < SAME_COLOUR))
            if same >= 0.95:
                last = bands.pop()
                bands.append(Band(last.inner, float(radii[stop - 1] + radial), patterned, last.colour))
                continue
        bands.append(
            Band(
                float(radii[start]),
                float(radii[stop - 1] + radial),
                bool(patterned),
                (float(colour[0]), float(colour[1]), float(colour[2])),
            )
        )
        previous = profile
    return bands
