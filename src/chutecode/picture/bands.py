"""Which bands round the centre are rings of the code: thin bands, the gap, rings split by
letters, bands that are no ring at all."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from chutecode.picture.locate import SAME_COLOUR, Band, gore_spectrum, polar_samples

# Angular samples round a ring when looking for the gore grid.
PROFILE_ANGLES = 4096


#: Narrowest ring, as a share of the canopy radius; thinner bands are seams.
MIN_RING_WIDTH = 0.035


#: Narrowest ring standing apart from the others (a disk-gap-band canopy's band), as a share of
#: the radius: 2% bands, measured a little narrower between blurred edges.
APART_RING_WIDTH = 0.011


def colour_distance(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    """RGB distance between two colours."""
    return float(np.sqrt(np.sum((np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) ** 2)))


def pick_rings(bands: list[Band]) -> list[Band]:
    """The bands that are rings: the patterned ones and solid ones of ring width between them.

    Bands much thinner than the rings are seams or the rim of the vent; bands
    of the background colour between rings are the gap.
    """
    patterned = [b for b in bands if b.patterned]
    if not patterned:
        return []
    radius = patterned[-1].outer
    # A band thinner than MIN_RING_WIDTH is a ring only standing apart, as a disk-gap-band
    # canopy's band beyond its gap; next to a ring it is a rim, a seam or an edge blurred into a band.
    bands = [
        b
        for i, b in enumerate(bands)
        if b.width >= MIN_RING_WIDTH * radius
        or (b.width >= APART_RING_WIDTH * radius and stands_apart(bands, i, 0.02 * radius))
    ]
    width = float(np.median([b.width for b in bands if b.patterned] or [0.0]))
    marks = [i for i, b in enumerate(bands) if b.patterned]
    if not marks:
        return []
    first, last = marks[0], marks[-1]
    backgrounds = [bands[i].colour for i in (last + 1, first - 1) if 0 <= i < len(bands)]
    rings = []
    for band in bands[first : last + 1]:
        if band.patterned:
            rings.append(band)
        elif any(colour_distance(band.colour, bg) < SAME_COLOUR for bg in backgrounds):
            continue
        elif band.width >= 0.5 * width:
            rings.append(band)
    return rings


def stands_apart(bands: list[Band], index: int, margin: float) -> bool:
    """Whether band ``index`` has no patterned band within ``margin`` px inside or outside it."""
    band = bands[index]
    before = max((b.outer for b in bands[:index] if b.patterned), default=-math.inf)
    after = min((b.inner for b in bands[index + 1 :] if b.patterned), default=math.inf)
    return band.inner - before >= margin and after - band.outer >= margin


def unread_zone(bands: list[Band], rings: list[Band]) -> tuple[float, float] | None:
    """A stretch of radius inside the canopy too wide to be a boundary between rings, if any.

    Between rings lie only boundaries, seams and the gap; a wider stretch
    where no steady pattern was seen may hide a ring, and reading on without
    it would return a message with a line missing. The stretch between the
    vent and the first ring may be wider: gores there are finest.
    """
    width = float(np.median([b.width for b in rings]))
    lo, hi = rings[0].inner, rings[-1].outer
    for band, following in zip(bands, bands[1:], strict=False):
        if band.outer >= lo and following.inner <= hi and following.inner - band.outer > 0.6 * width:
            return band.outer, following.inner
    vent = [b for b in bands if b.inner < 3 and not b.patterned]
    start = vent[0].outer if vent else 0.0
    # Pieces of pattern between the vent and a first ring of full width, none of them a ring read:
    # a ring there was not made out (gores too fine, or noise broke it up). Before a narrow first
    # ring they are more likely its own inner part, read or not.
    pieces = sum(
        b.width for b in bands if b.patterned and b not in rings and b.inner >= start and b.outer <= lo
    )
    lost = lo - start > 0.9 * width and pieces > 0.25 * width and rings[0].width >= 0.7 * width
    if lo - start > 1.2 * width or lost:
        return start, lo
    return None


def regularity(profile: np.ndarray) -> float:
    """How regularly one band's colour changes are spaced: the strongest peak of its spectrum (0-1)."""
    spectrum = np.abs(gore_spectrum(profile[None]))
    return float(spectrum[16 : PROFILE_ANGLES // 8].max())


def grid_alignment(profile: np.ndarray, gores: int) -> float:
    """How well one ring's colour changes fit a grid of ``gores`` (0-1)."""
    spectrum = gore_spectrum(profile[None])
    return float(abs(spectrum[gores])) if gores < spectrum.size else 0.0


def trim_unaligned(bands: list[Band], profiles: np.ndarray, gores: int) -> list[Band]:
    """Drop outermost bands whose colour changes do not sit on the gore grid (a title, marks)."""
    keep = len(bands)
    while keep > 1 and bands[keep - 1].patterned and grid_alignment(profiles[keep - 1], gores) < 0.15:
        keep -= 1
    return bands[:keep]


def sample_gores(
    image: np.ndarray,
    cx: float,
    cy: float,
    band: Band,
    gores: int,
    phase: float,
    span: tuple[float, float] = (0.3, 0.9),
) -> tuple[np.ndarray, np.ndarray]:
    """The colour of the middle of every gore of a ring, clockwise: shape ``(gores, 3)``.

    Samples lie across the ring between the fractions ``span`` of its width.
    Also returns which gores were read cleanly: most samples near the colour
    (not a seam, a letter or a blurred edge).
    """
    step = 2 * math.pi / gores
    # Near the middle of the gore and towards the outer edge of the ring, where
    # gores are widest: clear of seams between gores even in small pictures.
    offsets = np.linspace(-0.16, 0.16, 3)
    centres = phase + (np.arange(gores) + 0.5) * step
    angles = (centres[:, None] + offsets[None, :] * step).ravel()
    radii = band.inner + band.width * np.linspace(span[0], span[1], 9)
    samples = polar_samples(image, cx, cy, radii, angles)  # (radii, gores * 3, 3)
    samples = samples.reshape(radii.size, gores, offsets.size, 3).transpose(1, 0, 2, 3).reshape(gores, -1, 3)
    # The gore's colour is the densest one among its samples (a mode, not a
    # median: a median of white and a grey seam is a third colour).
    apart = samples[:, :, None, :] - samples[:, None, :, :]
    close = np.einsum("gijk,gijk->gij", apart, apart) < (SAME_COLOUR / 2) ** 2
    densest = np.argmax(close.sum(axis=2), axis=1)
    members = close[np.arange(gores), densest]
    colour = np.sum(samples * members[..., None], axis=1) / members.sum(axis=1)[:, None]
    near = np.sqrt(np.sum((samples - colour[:, None, :]) ** 2, axis=2)) < SAME_COLOUR
    return colour, np.mean(near, axis=1) >= 0.8


def join_split_rings(
    image: np.ndarray, cx: float, cy: float, bands: list[Band], gores: int, phase: float
) -> list[Band]:
    """Join neighbouring bands whose gores have the same colours: one ring split by letters or marks.

    Both are sampled close to the radius where they meet, so that they are seen
    at the same sharpness.
    """
    out: list[Band] = []
    for band in bands:
        if out and band.patterned and out[-1].patterned:
            inside, _ = sample_gores(image, cx, cy, out[-1], gores, phase, (0.6, 0.95))
            outside, _ = sample_gores(image, cx, cy, band, gores, phase, (0.05, 0.4))
            same = np.sqrt(np.sum((inside - outside) ** 2, axis=1)) < SAME_COLOUR
            # Two rings of the code differ in far more gores than a split ring's parts, whose
            # fine gores near the centre may blur into a seam here and there.
            if float(np.mean(same)) >= 0.85:
                previous = out.pop()
                band = Band(previous.inner, band.outer, True, previous.colour)
        out.append(band)
    return out


def background_colours(bands: list[Band]) -> list[np.ndarray]:
    """The colours round the canopy: the vent's and the page's outside the last patterned band.

    A disk-gap-band canopy's gap is drawn in them, as are the vent and the page.
    """
    marks = [i for i, b in enumerate(bands) if b.patterned]
    if not marks:
        return []
    around = [b for b in bands[: marks[0]] if not b.patterned] + bands[marks[-1] + 1 :]
    return [np.asarray(b.colour, dtype=np.float64) for b in around]


def drop_gap(
    image: np.ndarray,
    cx: float,
    cy: float,
    ring_bands: list[Band],
    backgrounds: list[np.ndarray],
    gores: int,
    phase: float,
) -> list[Band]:
    """Leave out bands whose gores are all the colour round the canopy: the gap, crossed by seams.

    The seams that cross a disk-gap-band canopy's gap make it look patterned,
    but no ring of the code is one colour all round (each has fill,
    terminators or data in both colours), so a band this uniform in the page's
    colour carries no bits.
    """
    if not backgrounds or len(ring_bands) < 2:
        return ring_bands
    kept = []
    for band in ring_bands:
        colours, _ = sample_gores(image, cx, cy, band, gores, phase)
        uniform = any(
            float(np.mean(np.sqrt(np.sum((colours - bg) ** 2, axis=1)) < SAME_COLOUR)) >= 0.97
            for bg in backgrounds
        )
        if not uniform:
            kept.append(band)
    return kept or ring_bands
