"""What every gore of a picture shows: its colour, how sure that is, and so how likely it is a 1.

Each gore of each ring is sampled on a small grid in the middle of its cell (clear of the
seams and ring edges). A cell is described by two colours: the mean of its samples nearest
their median (which ignores a thin line crossing it, a suspension line or an outline) and the
plain mean (which sees hatching, a letter or a blot of ink). Cells are then sorted into colour
clusters; once it is known which clusters mean 1, the likelihood of a cell's bit follows from
how far it lies from the clusters of each bit, in units of the clusters' own spread. A cell
that lies far from every cluster (smudged, half hidden), or that falls outside the picture,
says little either way: its likelihoods are near one half.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Cells", "sample_cells", "likelihoods", "cell_clusters"]

# The grid of samples in a cell: across the gore and across the ring.
_ACROSS_GORE = np.linspace(-0.28, 0.28, 5)
_ACROSS_RING = 7
# A likelihood is never more certain than this, so the code's structure can overrule a gore.
_SUREST = 0.999
# The plain mean counts for less than the robust colour: a letter on a gore moves it, and is no
# reason to doubt the gore.
MEAN_WEIGHT = 0.5
# Samples this close (RGB distance) count as one colour when looking for a cell's densest colour.
_MODE_RADIUS = 20.0


@dataclass(frozen=True)
class Cells:
    """Features of every gore cell: shape ``(rings, gores, ...)``.

    Attributes:
        features: robust mean colour and plain mean colour (6 values a cell).
        inside: share of the cell's samples that fall inside the picture.
    """

    features: np.ndarray
    inside: np.ndarray


def sample_cells(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    spans: list[tuple[float, float]],
    gores: int,
    phase: float,
) -> Cells:
    """Sample every cell of the rings whose radial spans are ``spans`` (pixels, innermost first).

    ``phase`` is the angle (radians, clockwise from 12 o'clock) where gore 0 of the reading
    begins; ``known`` marks the pixels that belong to the picture (``None``: all of it).
    """
    height, width = image.shape[:2]
    step = 2 * math.pi / gores
    centres = phase + (np.arange(gores) + 0.5) * step
    angles = (centres[:, None] + _ACROSS_GORE[None, :] * step).ravel()
    sin, cos = np.sin(angles), np.cos(angles)
    features = np.empty((len(spans), gores, 6), dtype=np.float32)
    inside = np.empty((len(spans), gores), dtype=np.float32)
    flat = image.reshape(-1, 3)
    for index, (inner, outer) in enumerate(spans):
        radii = inner + (outer - inner) * np.linspace(0.15, 0.85, _ACROSS_RING)
        xs = cx + radii[:, None] * sin[None, :]
        ys = cy - radii[:, None] * cos[None, :]
        ok = (xs >= 0) & (xs <= width - 1) & (ys >= 0) & (ys <= height - 1)
        xi = np.clip(np.rint(xs), 0, width - 1).astype(np.intp)
        yi = np.clip(np.rint(ys), 0, height - 1).astype(np.intp)
        if known is not None:
            ok &= known[yi, xi]
        samples = flat[yi * width + xi]  # (radii, gores * across, 3)
        samples = samples.reshape(radii.size, gores, _ACROSS_GORE.size, 3).transpose(1, 0, 2, 3)
        samples = samples.reshape(gores, -1, 3)
        good = ok.reshape(radii.size, gores, _ACROSS_GORE.size).transpose(1, 0, 2).reshape(gores, -1)
        features[index], inside[index] = _describe(samples, good)
    return Cells(features, inside)


def _describe(samples: np.ndarray, good: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Robust and plain mean colour of each cell's samples inside the picture, and the share inside."""
    weight = good.astype(np.float32)
    count = np.maximum(weight.sum(axis=1), 1.0)
    mean = np.sum(samples * weight[..., None], axis=1) / count[:, None]
    masked = np.where(good[..., None], samples, np.nan)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = np.nanmedian(masked, axis=1)
    median = np.where(np.isfinite(median), median, mean)
    # The robust colour is the densest one among the samples (a mode): a letter, a line or an
    # outline over part of the gore, and the blend at its edges, are outvoted by the gore's own
    # colour, where a median of three colours would be a fourth.
    pairwise = np.sqrt(np.sum((samples[:, :, None, :] - samples[:, None, :, :]) ** 2, axis=3))
    close = (pairwise < _MODE_RADIUS) & good[:, None, :] & good[:, :, None]
    densest = np.argmax(close.sum(axis=2), axis=1)
    members = close[np.arange(samples.shape[0]), densest].astype(np.float32)
    robust = np.sum(samples * members[..., None], axis=1) / np.maximum(members.sum(axis=1), 1.0)[:, None]
    robust = np.where(members.sum(axis=1)[:, None] > 0, robust, median)
    return np.concatenate([robust, MEAN_WEIGHT * mean], axis=1), weight.mean(axis=1)


def cell_clusters(
    features: np.ndarray, seeds: np.ndarray, limit: int, same: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """Sort cell features into clusters: labels, centres and the clusters' common spread.

    Centres grow from the densest features of the ``seeds`` (cells read cleanly) outwards; a
    centre needs two members; at most ``limit`` centres, the most used, are kept.
    """
    pool = features[seeds] if seeds.sum() >= 8 else features
    if pool.shape[0] > 1500:
        pool = pool[np.linspace(0, pool.shape[0] - 1, 1500).astype(np.intp)]
    pairwise = np.sqrt(np.sum((pool[:, None, :] - pool[None, :, :]) ** 2, axis=2))
    density = np.sum(pairwise < same, axis=1)
    centres: list[int] = []
    for i in np.argsort(-density, kind="stable"):
        if all(pairwise[i, c] >= 2.2 * same for c in centres):
            centres.append(int(i))
    centre_array = pool[centres].astype(np.float64)
    for _ in range(3):
        nearest = np.argmin(np.sum((pool[:, None, :] - centre_array[None]) ** 2, axis=2), axis=1)
        counts = np.bincount(nearest, minlength=len(centre_array))
        keep = [k for k in np.argsort(-counts, kind="stable")[:limit] if counts[k] >= 2 or len(pool) < 20]
        centre_array = np.asarray([np.median(pool[nearest == k], axis=0) for k in sorted(keep)])
    distances = np.sqrt(np.sum((features[:, None, :] - centre_array[None]) ** 2, axis=2))
    labels = np.argmin(distances, axis=1)
    spread = float(np.median(distances[np.arange(len(features)), labels])) * 1.4826 + 1e-6
    return labels, centre_array, max(spread, 3.0)


def likelihoods(
    features: np.ndarray, inside: np.ndarray, centres: np.ndarray, spread: float, polarity: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Log-likelihoods of every cell given bit 0 and given bit 1, for clusters meaning ``polarity``.

    A cell far from every cluster, or partly outside the picture, leans less either way.
    """
    shape = features.shape[:-1]
    flat = features.reshape(-1, features.shape[-1]).astype(np.float64)
    distance = np.sqrt(np.sum((flat[:, None, :] - centres[None]) ** 2, axis=2))
    sigma = max(spread, 3.0) * 1.5
    score = -0.5 * (distance / sigma) ** 2
    bits = np.asarray(polarity, dtype=bool)
    top = score.max(axis=1, keepdims=True)
    weight = np.exp(score - top)
    one = weight[:, bits].sum(axis=1)
    zero = weight[:, ~bits].sum(axis=1)
    p1 = one / (one + zero)
    # How typical the cell is of its nearest cluster: past 2.5 spreads it counts less and less.
    # The robust colour alone may make it typical: a letter or a line over part of the gore, in
    # none of the gores' colours, moves only the plain mean.
    robust = np.sqrt(np.sum((flat[:, None, :3] - centres[None, :, :3]) ** 2, axis=2))
    nearest = np.minimum(distance.min(axis=1), 1.5 * robust.min(axis=1)) / sigma
    typical = np.exp(-(np.maximum(nearest - 2.5, 0.0) ** 2) / 2.0)
    seen = np.clip((inside.reshape(-1) - 0.4) / 0.5, 0.0, 1.0)
    mixed = _mixed_share(flat, centres, bits, np.argmin(distance, axis=1))
    p1 = 0.5 + (p1 - 0.5) * typical * seen * np.clip(1.0 - 2.0 * mixed, 0.0, 1.0)
    p1 = np.clip(p1, 1 - _SUREST, _SUREST)
    return np.log1p(-p1).reshape(shape), np.log(p1).reshape(shape)


def _mixed_share(flat: np.ndarray, centres: np.ndarray, bits: np.ndarray, own: np.ndarray) -> np.ndarray:
    """How much of each cell shows the colour of a cluster of the other bit (0-1).

    A cell's plain mean lying on the way from its own colour to another bit's colour is a gore
    partly covered by that colour: ink, a blot, a misregistered print. Its bit is then in doubt
    in proportion (half covered: no better than a guess).
    """
    robust = flat[:, :3]
    mean = flat[:, 3:] / MEAN_WEIGHT
    pure = centres[:, :3]
    share = np.zeros(flat.shape[0])
    for k in range(len(centres)):
        other = bits[own] != bits[k]
        span = pure[k][None, :] - robust
        length = np.sum(span**2, axis=1)
        usable = other & (length > (2 * _MODE_RADIUS) ** 2)
        t = np.clip(np.sum((mean - robust) * span, axis=1) / np.maximum(length, 1e-9), 0.0, 1.0)
        residual = np.sqrt(np.sum((mean - (robust + t[:, None] * span)) ** 2, axis=1))
        share = np.where(usable & (residual < _MODE_RADIUS) & (t > share), t, share)
    return np.where(share >= 0.15, share, 0.0)
