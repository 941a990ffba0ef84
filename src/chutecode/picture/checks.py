"""What a reading may have left out: a ring cut by the picture's edge, canopy beyond the last ring
read."""

from __future__ import annotations

import math

import numpy as np

from chutecode.picture.locate import SAME_COLOUR, polar_samples


def rim_cut(image: np.ndarray, known: np.ndarray | None, cx: float, cy: float, outer: float) -> bool:
    """Whether the outermost ring goes on past where it was read, off the edge of the picture.

    Just outside the ring, where the picture still shows, the colour is the ring's own all round
    (not a rim, a gap or the background), while elsewhere that circle is off the picture.
    """
    height, width = image.shape[:2]
    theta = np.linspace(0, 2 * math.pi, 720, endpoint=False)

    def look(radius: float) -> tuple[np.ndarray, np.ndarray]:
        xs, ys = cx + radius * np.sin(theta), cy - radius * np.cos(theta)
        inside = (xs >= 0) & (xs <= width - 1) & (ys >= 0) & (ys <= height - 1)
        xi = np.clip(np.rint(xs), 0, width - 1).astype(np.intp)
        yi = np.clip(np.rint(ys), 0, height - 1).astype(np.intp)
        if known is not None:
            inside &= known[yi, xi]
        return image[yi, xi], inside

    beyond, seen = look(outer + 3)
    if seen.all() or not seen.any():
        return False
    within, _ = look(outer - 2)
    same = np.sqrt(np.sum((beyond - within) ** 2, axis=1)) < SAME_COLOUR
    return float(np.mean(same[seen])) > 0.8


def unread_beyond(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    outer: float,
    gores: int,
    phase: float,
    colours: np.ndarray,
    bits: np.ndarray,
) -> tuple[float, float] | None:
    """A band beyond the outermost ring read whose gores show the canopy's colours of both bits.

    ``colours`` are the robust colours of the cells read and ``bits`` their bits. A ring of the
    code always has gores of both bits (fill, terminators, data); the page, a rim, a gap crossed
    by seams or a title do not show both colours gore by gore. Where no circle shows that (a
    canopy seen at an angle), stretches of the colour of 1 along the gores, in most eighths of
    the circle, do. Returns the band's radii (pixels of ``image``), or ``None`` when nothing like
    a ring lies beyond.
    """
    height, width = image.shape[:2]
    reach = min(2.0 * outer, math.hypot(max(cx, width - cx), max(cy, height - cy)))
    # Clear of the last ring's own edge, which is not quite a circle in a straightened picture.
    radii = np.arange(outer + max(3.0, 0.02 * outer), reach, 1.0)
    if radii.size < 2:
        return None
    step = 2 * math.pi / gores
    angles = phase + (np.arange(gores) + 0.5) * step
    xs = cx + radii[:, None] * np.sin(angles)[None, :]
    ys = cy - radii[:, None] * np.cos(angles)[None, :]
    seen = (xs >= 0) & (xs <= width - 1) & (ys >= 0) & (ys <= height - 1)
    xi = np.clip(np.rint(xs), 0, width - 1).astype(np.intp)
    yi = np.clip(np.rint(ys), 0, height - 1).astype(np.intp)
    if known is not None:
        seen &= known[yi, xi]
    samples = image[yi, xi]  # (radii, gores, 3)
    palette = [np.unique(np.round(colours[bits == bit] / 8.0), axis=0) * 8.0 for bit in (0, 1)]
    near = []
    for shades in palette:
        if not len(shades):
            return None
        d = np.sqrt(np.sum((samples[:, :, None, :] - shades[None, None, :, :]) ** 2, axis=3)).min(axis=2)
        near.append((d < SAME_COLOUR) & seen)
    zero, one = near
    # Gores whose colour is one bit's and not the other's (the two may share a colour).
    zero_only, one_only = zero & ~one, one & ~zero
    counted = np.maximum(seen.sum(axis=1), 1)
    # The colour of 1 spread round the circle (every group of a ring but a space has a 1), not
    # in one place as a title or a button beside the canopy; spacers give zeros in more than one.
    octant = (np.arange(gores) * 8) // gores
    octants = [
        np.stack([(m & (octant == k)).any(axis=1) for k in range(8)]).sum(axis=0)
        for m in (zero_only, one_only)
    ]
    ring_like = (
        ((zero | one).sum(axis=1) >= 0.9 * counted)
        & (zero_only.sum(axis=1) >= max(2, 0.05 * gores))
        & (one_only.sum(axis=1) >= max(2, 0.05 * gores))
        & (octants[0] >= 2)
        & (octants[1] >= 4)
        & (seen.sum(axis=1) >= 0.5 * gores)
    )
    # A band of radii in a row: not one circle grazing seams.
    need = max(2, int(math.ceil(0.006 * outer)))
    run = 0
    for index, flag in enumerate(ring_like):
        run = run + 1 if flag else 0
        if run >= need:
            first = index - run + 1
            last = first
            while last + 1 < ring_like.size and ring_like[last + 1]:
                last += 1
            return float(radii[first]), float(radii[last]) + 1.0
    # Seen at an angle the band beyond is no circle round the centre: look along every gore.
    runs = np.zeros(one_only.shape, dtype=np.int32)
    for index in range(one_only.shape[0]):
        runs[index] = np.where(one_only[index], (runs[index - 1] if index else 0) + 1, 0)
    found = runs >= need
    gores_beyond = found.any(axis=0)
    spread = len({int(o) for o in octant[gores_beyond]})
    if gores_beyond.sum() < max(3, 0.05 * gores) or spread < 6:
        return None
    # At one distance all round, as a ring seen at an angle is; not text set here and there.
    starts = radii[np.argmax(found[:, gores_beyond], axis=0)]
    middle = float(np.median(starts))
    if np.mean(np.abs(starts - middle) <= 0.2 * middle) < 0.6:
        return None
    return float(starts.min()) - need + 1, float(starts.max()) + 1.0


def canopy_bits(bits: list[str], mirrored: bool) -> np.ndarray:
    """Ring bit strings as a boolean array in the picture's clockwise gore order."""
    table = np.array([[c == "1" for c in row] for row in bits], dtype=bool)
    return table[:, ::-1] if mirrored else table


def blind_stretch(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    span: tuple[float, float],
    gores: int,
    phase: float,
) -> int:
    """The most gore boundaries in a row, round one ring, where no edge shows: neither a change
    of colour nor a seam. Where a straightened picture shows none, the gores' angles there were
    interpolated, not seen."""
    step = 2 * math.pi / gores
    boundaries = phase + np.arange(gores) * step
    angles = (boundaries[:, None] + np.array([-0.3, 0.0, 0.3])[None, :] * step).ravel()
    radii = span[0] + (span[1] - span[0]) * np.array([0.45, 0.6, 0.75])
    samples = polar_samples(image, cx, cy, radii, angles).mean(axis=0).reshape(gores, 3, -1)
    left, middle, right = samples[:, 0], samples[:, 1], samples[:, 2]
    change = np.sqrt(np.sum((left - right) ** 2, axis=1)) > SAME_COLOUR
    seam = np.sqrt(np.sum((middle - (left + right) / 2) ** 2, axis=1)) > SAME_COLOUR / 3
    seen = change | seam
    if known is not None:
        height, width = known.shape
        r = (span[0] + span[1]) / 2
        xi = np.clip(np.rint(cx + r * np.sin(boundaries)), 0, width - 1).astype(np.intp)
        yi = np.clip(np.rint(cy - r * np.cos(boundaries)), 0, height - 1).astype(np.intp)
        seen &= known[yi, xi]
    if seen.all():
        return 0
    if not seen.any():
        return gores
    start = int(np.argmax(seen))  # count round the circle from a boundary that shows
    longest = run = 0
    for shown in np.roll(seen, -start):
        run = 0 if shown else run + 1
        longest = max(longest, run)
    return longest
