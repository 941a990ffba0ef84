"""Read a canopy picture back into its message and place.

:func:`decode_image` takes a PNG (or any picture Pillow opens) of a canopy
drawn in any palette, at any size from about 600 px, turned by any angle,
finds the centre and the rings (:mod:`chutecode.picture.locate`), samples the
middle of every gore, sorts the gore colours into clusters and tries which
clusters mean ``1`` until the bits decode. All rings are sampled from one
radius, so the decoder only has to find one common rotation.

>>> import chutecode
>>> decoded = chutecode.decode_image("poster.png")   # doctest: +SKIP
>>> decoded.message                                   # doctest: +SKIP
'DARE MIGHTY THINGS'
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from chutecode.errors import DecodeError, ImageReadError
from chutecode.limits import MAX_ALTERNATIVES
from chutecode.picture.dewarp import dewarp, find_warp
from chutecode.picture.gores import Cells, cell_clusters, likelihoods, sample_cells
from chutecode.picture.load import ImageSource, describe, load_picture
from chutecode.picture.locate import (
    SAME_COLOUR,
    Band,
    disk_profiles,
    find_centre,
    find_gore_grid,
    find_rings,
    find_rings_on_grid,
    gore_counts,
    gore_spectrum,
    polar_samples,
    ring_profiles,
)
from chutecode.picture.rectify import measure_shape, rectifications
from chutecode.picture.soft import Option, RingChoice, SymbolSet, finish, ring_options, symbol_sets
from chutecode.ringcode.decoder import Alternative, Decoded, decode

__all__ = ["decode_image", "read_image", "ImageReading", "WORKING_SIZE", "LOAD_SIZE"]

#: Pictures are shrunk as they load to about this size (pixels on the longer side).
LOAD_SIZE = 2600

#: Pictures larger than this (pixels on the longer side) are shrunk first, by a whole factor.
WORKING_SIZE = 1250

#: Most colour clusters tried as bits (2 ** n - 2 polarity assignments).
MAX_CLUSTERS = 6

#: Narrowest ring, as a share of the canopy radius; thinner bands are seams.
MIN_RING_WIDTH = 0.035
#: Narrowest ring standing apart from the others (a disk-gap-band canopy's band), as a share of
#: the radius: 2% bands, measured a little narrower between blurred edges.
APART_RING_WIDTH = 0.011

# Angular samples round a ring when looking for the gore grid.
PROFILE_ANGLES = 4096


@dataclass(frozen=True)
class ImageReading:
    """What :func:`read_image` found, in the picture's own pixels.

    Attributes:
        decoded: the decoded message and place.
        centre: the canopy centre ``(x, y)``.
        radius: the outer radius of the outermost ring.
        rings: inner and outer radius of the steady part of every ring,
            innermost first (a few pixels inside the drawn edges, short of
            any seam or anti-aliasing).
        gores: gores in a ring.
        bits: the bit strings read, innermost first, clockwise from the gore
            nearest 12 o'clock (so a drawing turned by an angle reads turned).
        mirrored: ``True`` when the bits only decoded read anticlockwise.
    """

    decoded: Decoded
    centre: tuple[float, float]
    radius: float
    rings: tuple[tuple[float, float], ...]
    gores: int
    bits: tuple[str, ...] = field(repr=False)
    mirrored: bool = False

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output (without the decoded message)."""
        return {
            "centre": [round(self.centre[0], 2), round(self.centre[1], 2)],
            "radius": round(self.radius, 2),
            "rings": [[round(a, 2), round(b, 2)] for a, b in self.rings],
            "gores": self.gores,
            "bits": list(self.bits),
            "mirrored": self.mirrored,
        }


# --- loading ------------------------------------------------------------------------


def _working_array(image: Any) -> tuple[np.ndarray, float]:
    """The picture as RGB ``float32``, shrunk to about :data:`WORKING_SIZE`, and the shrink factor."""
    from PIL import Image

    width, height = image.size
    if min(width, height) < 16:
        raise ImageReadError(f"the picture is {width} x {height} px: far too small to hold a canopy")
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
    elif image.mode != "RGB":
        image = image.convert("RGB")
    # Shrink by a whole factor only: box-averaging whole blocks keeps edges
    # symmetric, where a fractional resize leaves a moire that biases the centre.
    factor = math.ceil(max(width, height) / WORKING_SIZE)
    if factor >= 2:
        image = image.reduce(factor)
    if image.mode == "RGBA":
        backdrop = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(backdrop, image).convert("RGB")
    scale = width / image.width
    return np.asarray(image, dtype=np.float32), scale


# --- rings and gores ------------------------------------------------------------------


def _distance(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    return float(np.sqrt(np.sum((np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) ** 2)))


def _pick_rings(bands: list[Band]) -> list[Band]:
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
        b for i, b in enumerate(bands)
        if b.width >= MIN_RING_WIDTH * radius
        or (b.width >= APART_RING_WIDTH * radius and _stands_apart(bands, i, 0.02 * radius))
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
        elif any(_distance(band.colour, bg) < SAME_COLOUR for bg in backgrounds):
            continue
        elif band.width >= 0.5 * width:
            rings.append(band)
    return rings


def _stands_apart(bands: list[Band], index: int, margin: float) -> bool:
    """Whether band ``index`` has no patterned band within ``margin`` px inside or outside it."""
    band = bands[index]
    before = max((b.outer for b in bands[:index] if b.patterned), default=-math.inf)
    after = min((b.inner for b in bands[index + 1 :] if b.patterned), default=math.inf)
    return band.inner - before >= margin and after - band.outer >= margin


def _unread_zone(bands: list[Band], rings: list[Band]) -> tuple[float, float] | None:
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
    if lo - start > 1.2 * width:
        return start, lo
    return None


def _regularity(profile: np.ndarray) -> float:
    """How regularly one band's colour changes are spaced: the strongest peak of its spectrum (0-1)."""
    spectrum = np.abs(gore_spectrum(profile[None]))
    return float(spectrum[16 : PROFILE_ANGLES // 8].max())


def _aligned(profile: np.ndarray, gores: int) -> float:
    """How well one ring's colour changes fit a grid of ``gores`` (0-1)."""
    spectrum = gore_spectrum(profile[None])
    return float(abs(spectrum[gores])) if gores < spectrum.size else 0.0


def _trim_unaligned(bands: list[Band], profiles: np.ndarray, gores: int) -> list[Band]:
    """Drop outermost bands whose colour changes do not sit on the gore grid (a title, marks)."""
    keep = len(bands)
    while keep > 1 and bands[keep - 1].patterned and _aligned(profiles[keep - 1], gores) < 0.15:
        keep -= 1
    return bands[:keep]


def _sample_gores(
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
    pairwise = np.sqrt(np.sum((samples[:, :, None, :] - samples[:, None, :, :]) ** 2, axis=3))
    close = pairwise < SAME_COLOUR / 2
    densest = np.argmax(close.sum(axis=2), axis=1)
    members = close[np.arange(gores), densest]
    colour = np.sum(samples * members[..., None], axis=1) / members.sum(axis=1)[:, None]
    near = np.sqrt(np.sum((samples - colour[:, None, :]) ** 2, axis=2)) < SAME_COLOUR
    return colour, np.mean(near, axis=1) >= 0.8


def _join_split_rings(
    image: np.ndarray, cx: float, cy: float, bands: list[Band], gores: int, phase: float
) -> list[Band]:
    """Join neighbouring bands whose gores have the same colours: one ring split by letters or marks.

    Both are sampled close to the radius where they meet, so that they are seen
    at the same sharpness.
    """
    out: list[Band] = []
    for band in bands:
        if out and band.patterned and out[-1].patterned:
            inside, _ = _sample_gores(image, cx, cy, out[-1], gores, phase, (0.6, 0.95))
            outside, _ = _sample_gores(image, cx, cy, band, gores, phase, (0.05, 0.4))
            same = np.sqrt(np.sum((inside - outside) ** 2, axis=1)) < SAME_COLOUR
            # Two rings of the code differ in far more gores than a split ring's parts, whose
            # fine gores near the centre may blur into a seam here and there.
            if float(np.mean(same)) >= 0.85:
                previous = out.pop()
                band = Band(previous.inner, band.outer, True, previous.colour)
        out.append(band)
    return out


def _background_colours(bands: list[Band]) -> list[np.ndarray]:
    """The colours round the canopy: the vent's and the page's outside the last patterned band.

    A disk-gap-band canopy's gap is drawn in them, as are the vent and the page.
    """
    marks = [i for i, b in enumerate(bands) if b.patterned]
    if not marks:
        return []
    around = [b for b in bands[:marks[0]] if not b.patterned] + bands[marks[-1] + 1:]
    return [np.asarray(b.colour, dtype=np.float64) for b in around]


def _drop_gap(image: np.ndarray, cx: float, cy: float, ring_bands: list[Band], backgrounds: list[np.ndarray],
              gores: int, phase: float) -> list[Band]:
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
        colours, _ = _sample_gores(image, cx, cy, band, gores, phase)
        uniform = any(
            float(np.mean(np.sqrt(np.sum((colours - bg) ** 2, axis=1)) < SAME_COLOUR)) >= 0.97
            for bg in backgrounds
        )
        if not uniform:
            kept.append(band)
    return kept or ring_bands


# --- palette hints ------------------------------------------------------------------------


def _palette_bits(palette: Any) -> list[tuple[np.ndarray, int]]:
    """Colours with a known bit from a palette hint: a mapping, an object or a name."""
    from PIL import ImageColor

    if palette is None:
        return []
    if isinstance(palette, str):
        palette = _named_palette(palette)
    roles = {"one": 1, "fill": 1, "terminator": 1, "zero": 0, "spacer": 0}
    known = []
    for role, bit in roles.items():
        value = palette.get(role) if isinstance(palette, Mapping) else getattr(palette, role, None)
        if value is None:
            continue
        try:
            rgb = ImageColor.getrgb(value)[:3] if isinstance(value, str) else tuple(value)[:3]
        except (ValueError, TypeError):
            raise ImageReadError(
                f"palette colour {role}={value!r} is not a colour: use '#DF6A33', "
                "'rgb(223, 106, 51)' or a colour name"
            ) from None
        known.append((np.asarray(rgb, dtype=np.float64), bit))
    return known


def _named_palette(name: str) -> Any:
    import importlib

    for module_name in ("chutecode.palettes", "chutecode.design.palette"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for getter in ("get_palette", "palette"):
            if hasattr(module, getter):
                return getattr(module, getter)(name)
    raise ImageReadError(
        f"palette {name!r} cannot be looked up here: give its colours instead, "
        "e.g. palette={'one': '#DF6A33', 'zero': 'white'}"
    )


# --- decoding ---------------------------------------------------------------------------


def _assignments(centres: np.ndarray, known: list[tuple[np.ndarray, int]]) -> list[tuple[int, ...]]:
    """Every way to call each colour cluster 0 or 1, those fitting the palette hint first."""
    fixed: dict[int, int] = {}
    for colour, bit in known:
        d = np.sqrt(np.sum((centres - colour) ** 2, axis=1))
        nearest = int(np.argmin(d))
        if d[nearest] < 2 * SAME_COLOUR:
            fixed.setdefault(nearest, bit)
    options = []
    for combo in itertools.product((0, 1), repeat=len(centres)):
        if 0 < sum(combo) < len(combo) and all(combo[k] == v for k, v in fixed.items()):
            options.append(combo)
    return options


def _for_pictures(message: str) -> str:
    """Drop the decoder's advice on ``alignment=``: a picture's rings share one radius."""
    at = message.find("alignment=")
    if at < 0:
        return message
    cut = max(message.rfind("; ", 0, at), message.rfind(": ", 0, at))
    return message[:cut] if cut > 0 else message


def _groups_for(gores: int, hint: int | None) -> list[int]:
    """Group sizes to try: the hint, else 10, else the divisors of the gore count from 8 to 16."""
    if hint is not None:
        return [hint]
    if gores % 10 == 0:
        return [10]
    return [g for g in range(8, 17) if gores % g == 0][:2]


# --- reading the bits -------------------------------------------------------------------------

#: Symbols less sure than this are reported as unsure.
UNSURE = 0.9

#: Most share of the clearly read gores a reading may correct.
MAX_CORRECTED = 0.06

#: Most share of the gores a reading may fill in from the code (unclear, hidden, cut off).
MAX_GUESSED = 0.25

#: Most share of the symbols a reading may be unsure of; past it, it is no reading.
MAX_UNSURE = 0.3


@dataclass
class _Candidate:
    """One way to read the picture's gores: a polarity, a direction, a group size and a codec."""

    loglik: float
    rows: list[int]
    l0: np.ndarray
    l1: np.ndarray
    options: list[Option]
    symbols: SymbolSet
    group: int
    mirrored: bool
    spiral: bool
    #: which colour clusters mean 1
    polarity: tuple[int, ...] = ()


def _ring_candidates(
    l0: np.ndarray, l1: np.ndarray, rows: list[int], symbols: SymbolSet, group: int, mirrored: bool
) -> _Candidate:
    """The best reading of the rows ``rows`` with one codec: one group phase for all rings if that
    fits nearly as well as a phase of each ring's own (other generators' layouts)."""
    a0, a1 = l0[rows], l1[rows]
    if mirrored:
        a0, a1 = a0[:, ::-1], a1[:, ::-1]
    last = len(rows) - 1
    per_ring = [ring_options(a0[i], a1[i], group, symbols, place=i == last) for i in range(len(rows))]
    table = np.array([[o.loglik for o in options] for options in per_ring])  # (rings, phases)
    shared_phase = int(np.argmax(table.sum(axis=0)))
    shared = float(table[:, shared_phase].sum())
    independent = float(table.max(axis=1).sum())
    if independent > shared + 2.0:
        chosen = [options[int(np.argmax(row))] for options, row in zip(per_ring, table, strict=True)]
        spiral, total = False, independent
    else:
        chosen = [options[shared_phase] for options in per_ring]
        spiral, total = True, shared
    return _Candidate(total, rows, a0, a1, chosen, symbols, group, mirrored, spiral)


def _hiding_clusters(labels: np.ndarray, clusters: int) -> list[int]:
    """Clusters that are no colour of the code: too few cells, or cells in one narrow sector
    covering it across most rings.

    Gore colours of the code are spread round every ring; something in front of the canopy
    covers a sector, every ring alike, in a colour of its own, and ink or a blot a gore or two.
    """
    rings, gores = labels.shape
    widest = max(3, int(0.15 * gores))
    out = []
    for k in range(clusters):
        where = labels == k
        columns = np.flatnonzero(where.any(axis=0))
        if columns.size == 0:
            continue
        if where.sum() < max(3, 0.05 * labels.size) and _longest_run(where) < 6:
            # Too few gores for a colour of the code, and none a group long (a palette may
            # colour the terminator, a group, on its own): a blot, a sticker, the edge of
            # something in front.
            out.append(k)
            continue
        if rings < 2:
            continue
        # The shortest arc holding every column: the circle less its largest empty stretch.
        ordered = np.sort(columns)
        gaps = np.diff(np.concatenate([ordered, ordered[:1] + gores]))
        arc = gores - int(gaps.max()) + 1
        if arc > widest:
            continue
        start = int(ordered[(int(np.argmax(gaps)) + 1) % ordered.size])
        span = (start + np.arange(arc)) % gores
        covered = where[:, span].mean(axis=1)
        if np.sum(covered >= 0.5) >= max(2, rings // 2):
            out.append(k)
    return out


def _code_rows(l0: np.ndarray, l1: np.ndarray) -> list[int]:
    """The bands that can be rings of the code: gores of 1 spread round them.

    Every group of a ring but a space holds a 1 (data, terminator, fill), so a ring shows them
    in at least half of its eighths; a gap crossed by seams, a title or a button round the
    canopy does not.
    """
    gores = l0.shape[1]
    octant = (np.arange(gores) * 8) // gores
    ones = l1 > l0
    rows = []
    for r in range(l0.shape[0]):
        if len({int(o) for o in octant[ones[r]]}) >= min(4, gores):
            rows.append(r)
    return rows


class _UnreadBand(Exception):
    """A band between rings of the code that is no gap and reads as no ring."""


def _lost_between(rows: list[int], labels: np.ndarray) -> list[int]:
    """Bands between the first and last ring of the code that are left out but are no gap.

    The gap is one colour all round (crossed at most by seams); any other band between two rings
    that reads as no ring hides a line of the message, and reading on without it would give a
    message with a line missing.
    """
    if not rows:
        return []
    lost = []
    for r in range(rows[0] + 1, rows[-1]):
        if r in rows:
            continue
        counts = np.bincount(labels[r])
        if counts.max() < 0.9 * labels.shape[1]:
            lost.append(r)
    return lost


def _longest_run(mask: np.ndarray) -> int:
    """The longest run of neighbouring gores set in any ring of ``mask`` (round the circle)."""
    best = 0
    for row in mask:
        if row.all():
            return int(row.size)
        doubled = np.concatenate([row, row]).astype(np.int8)
        run = 0
        for value in doubled:
            run = run + 1 if value else 0
            best = max(best, run)
    return best


def _candidates(
    cells: Cells,
    clean: np.ndarray,
    known: list[tuple[np.ndarray, int]],
    groups: list[int],
    codec: str | None,
    spacer: int | None,
) -> list[_Candidate]:
    """Every reading worth decoding, likeliest first."""
    features, inside = cells.features, cells.inside
    rings, gores = features.shape[:2]
    seeds = np.repeat(clean, gores) & (inside.reshape(-1) > 0.9)
    labels, centres, spread = cell_clusters(
        features.reshape(-1, features.shape[-1]), seeds, MAX_CLUSTERS, SAME_COLOUR
    )
    if len(centres) < 2:
        return []
    hiders = _hiding_clusters(labels.reshape(rings, gores), len(centres))
    if hiders and len(centres) - len(hiders) >= 2:
        # Cells of a colour confined to one sector across the rings are hidden (the riser, a
        # hand, a descent stage): they say nothing of their bits.
        hidden = np.isin(labels.reshape(rings, gores), hiders)
        centres = np.delete(centres, hiders, axis=0)
        inside = np.where(hidden, 0.0, inside).astype(np.float32)
    assignments = _assignments(centres[:, :3], known)
    found: list[_Candidate] = []
    quick: list[tuple[float, tuple[int, ...]]] = []
    grid = labels.reshape(rings, gores)
    for polarity in assignments:
        l0, l1 = likelihoods(features, inside, centres, spread, polarity)
        rows = _code_rows(l0, l1)
        if not rows or _lost_between(rows, grid):
            continue
        best = -math.inf
        for group in groups:
            for symbols in symbol_sets(group, codec, spacer):
                if symbols.name == "ascii" and codec is None:
                    continue  # the same groups as letters: ranked with them
                best = max(best, _ring_candidates(l0, l1, rows, symbols, group, False).loglik)
        quick.append((best, polarity))
    quick.sort(key=lambda item: -item[0])
    if not quick and any(_lost_between(_code_rows(*likelihoods(features, inside, centres, spread, p)), grid)
                         for p in assignments):
        raise _UnreadBand()
    for _, polarity in quick[:6]:
        l0, l1 = likelihoods(features, inside, centres, spread, polarity)
        rows = _code_rows(l0, l1)
        for group in groups:
            for symbols in symbol_sets(group, codec, spacer):
                for mirrored in (False, True):
                    found.append(
                        replace(_ring_candidates(l0, l1, rows, symbols, group, mirrored), polarity=polarity)
                    )
    found.sort(key=lambda c: -c.loglik)
    return found


def _decode_candidate(
    candidate: _Candidate, flow: str | None
) -> tuple[Decoded | None, list[RingChoice], str]:
    """Write out a candidate's bits and decode them: on the spiral first, else ring by ring."""
    choices = [
        finish(candidate.l0[i], candidate.l1[i], candidate.group, candidate.symbols, option)
        for i, option in enumerate(candidate.options)
    ]
    bits = [choice.bits for choice in choices]
    # A reading that needs many clear gores changed is no reading of this picture.
    final = np.array([[c == "1" for c in b] for b in bits])
    clear = np.abs(np.exp(candidate.l1) - 0.5) > 0.3
    against = int(np.sum(clear & ((candidate.l1 > candidate.l0) != final)))
    unclear = int(np.sum(~clear))
    worst = int(np.argmax(np.sum(~clear, axis=1)))
    if np.sum(~clear[worst]) > 0.9 * final.shape[1]:
        return (
            None,
            choices,
            f"ring {worst + 1} does not read clearly ({int(np.sum(~clear[worst]))} of its "
            f"{final.shape[1]} gores are unclear, hidden or outside the picture)",
        )
    if unclear > MAX_GUESSED * final.size:
        return (
            None,
            choices,
            (
                f"too little of the canopy reads clearly ({unclear} of {final.size} gores are "
                "unclear, hidden or outside the picture)"
            ),
        )
    if against > MAX_CORRECTED * final.size:
        return (
            None,
            choices,
            (
                f"no valid ring code is near what the gores show ({against} of {final.size} "
                "clear gores would have to change)"
            ),
        )
    error = ""
    for alignment in ("shared", "auto"):
        try:
            decoded = decode(
                bits,
                codec=candidate.symbols.name,
                flow=flow,
                group=candidate.group,
                spacer=candidate.symbols.spacer,
                alignment=alignment,
            )
        except DecodeError as exc:
            error = error or _for_pictures(str(exc))
            continue
        candidate.spiral = alignment == "shared"
        return decoded, choices, ""
    space = 0 if candidate.symbols.name == "letters" else 32
    if flow != "stream" and any(space in c.symbols for c in choices if c.kind in ("line", "full")):
        # A space is read only where the gores are unsure of a letter (a line of words has
        # none): read those symbols again without it.
        allowed = candidate.symbols.allowed.copy()
        allowed[space] = False
        words = replace(candidate, symbols=replace(candidate.symbols, allowed=allowed))
        reread, again, _ = _decode_candidate(words, "words")
        if reread is not None:
            candidate.spiral = words.spiral
            return reread, again, ""
    return None, choices, error


def _label(value: int, codec: str) -> str:
    if codec == "letters":
        return " " if value == 0 else chr(64 + value) if 1 <= value <= 26 else str(value)
    return chr(value) if 32 <= value < 127 else f"0x{value:02X}"


def _with_confidence(
    decoded: Decoded, candidate: _Candidate, choices: list[RingChoice], unseen: np.ndarray
) -> Decoded:
    """``decoded`` with the confidence of every ring and symbol, corrected and guessed gores and
    the warnings a reader should see."""
    gores = candidate.l0.shape[1]
    warnings: list[str] = []
    unclear: dict[tuple[int, ...], list[int]] = {}
    rings = []
    for ring, choice, _, a1, row in zip(
        decoded.rings, choices, candidate.l0, candidate.l1, candidate.rows, strict=True
    ):
        p1 = np.exp(a1)
        hard = p1 > 0.5
        clear = np.abs(p1 - 0.5) > 0.3
        final = np.array([c == "1" for c in choice.bits])
        rotation = ring.rotation or 0

        def canopy(index: int, rotation: int = rotation) -> int:
            return int((index + rotation) % gores)

        corrected = tuple(sorted(canopy(int(i)) for i in np.flatnonzero(clear & (hard != final))))
        guessed = tuple(sorted(canopy(int(i)) for i in np.flatnonzero(~clear)))
        by_gore = dict(
            zip(choice.symbol_groups, zip(choice.confidence, choice.runner_up, strict=True), strict=True)
        )
        confidences = []
        for k, value in enumerate(ring.symbols):
            first = (ring.start_group * candidate.group + k * candidate.group - rotation) % gores
            conf, runner = by_gore.get(first, (1.0, value))
            confidences.append(conf)
            if conf < UNSURE:
                place = ring.kind == "coordinates" and k not in (3, 7)  # numbers, not hemispheres
                shown, other = (str(value), str(runner)) if place else (
                    _label(value, decoded.codec), _label(runner, decoded.codec))
                warnings.append(
                    f"ring {ring.number}: symbol {k + 1} reads {shown!r} "
                    f"but is unsure (confidence {conf:.2f}; it could be {other!r})"
                )
        confidence = float(np.prod(confidences)) if confidences else float(np.mean(np.abs(2 * p1 - 1)))
        outside = int(unseen[row].sum())
        if outside:
            warnings.append(
                f"ring {ring.number} runs off the edge of the picture: {outside} of its gores "
                "are not in it"
                + (" and were filled in from the code" if all(c >= UNSURE for c in confidences) else "")
            )
        elif guessed:
            unclear.setdefault(guessed, []).append(ring.number)
        if len(corrected) > max(2, gores // 25):
            warnings.append(
                f"ring {ring.number}: {len(corrected)} gores read against the code's structure "
                "and were corrected: the picture may be misread"
            )
        rings.append(
            replace(
                ring,
                confidence=confidence,
                symbol_confidence=tuple(confidences),
                corrected=corrected,
                guessed=guessed,
            )
        )
    # The same gores unclear in several rings (something across the canopy) are said once.
    for guessed, numbers in unclear.items():
        which = f"ring {numbers[0]}" if len(numbers) == 1 else f"rings {_ranges(numbers)}"
        warnings.append(
            f"{which}: {len(guessed)} gore(s) could not be read clearly (hidden or smudged) and were "
            f"filled in from the code: gores {_ranges(guessed)}"
        )
    if not candidate.spiral:
        warnings.insert(
            0,
            "the layout does not follow the spiral (each line starting where the previous one "
            "ended): each ring was read at its own rotation",
        )
    overall = min((r.confidence for r in rings if r.confidence is not None), default=1.0)
    return replace(decoded, rings=tuple(rings), confidence=overall, warnings=tuple(warnings))


def _ranges(numbers: Sequence[int]) -> str:
    """``1, 2, 3, 7`` as ``1-3, 7``."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = out[-1].split("-")[0] + f"-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


# --- the whole picture ----------------------------------------------------------------------------


#: A canopy whose radius in the working picture is less than this is looked at closer.
SMALL_CANOPY = 300.0


def _canopy_view(
    picture: Any, image: np.ndarray, scale: float, cx: float, cy: float, all_bands: list[Band]
) -> tuple[np.ndarray, tuple[float, float], float] | None:
    """A closer look at a canopy that fills little of the picture (a screenshot, a photo with
    sky round it): the square round it cut from the loaded picture at up to four times the
    working size. ``all_bands`` are :func:`find_rings`'s bands round the centre. Returns the new
    working array, where its corner lies in the loaded picture and the zoom (working pixels per
    loaded pixel); ``None`` when the view would not be closer.
    """
    from PIL import Image

    bands = [b for b in all_bands if b.patterned]
    radius = bands[-1].outer if bands else 0.0
    if radius >= SMALL_CANOPY:
        return None
    shape = measure_shape(image, cx, cy)
    radius = max(shape[1] if shape is not None else 0.0, radius)
    if radius <= 0 or radius >= SMALL_CANOPY:
        return None
    # In loaded pixels: the canopy's centre and a square reaching well past its radius.
    px, py = (cx + 0.5) * scale, (cy + 0.5) * scale
    half = 1.3 * radius * scale + 4
    x0, y0 = max(0.0, px - half), max(0.0, py - half)
    x1, y1 = min(float(picture.width), px + half), min(float(picture.height), py + half)
    zoom = min(WORKING_SIZE / max(x1 - x0, y1 - y0), 4.0)
    if radius * scale * zoom < 1.3 * radius:
        return None
    size = (max(16, round((x1 - x0) * zoom)), max(16, round((y1 - y0) * zoom)))
    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        rgba = picture.convert("RGBA")
        backdrop = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        picture = Image.alpha_composite(backdrop, rgba)
    crop = picture.convert("RGB").resize(size, Image.Resampling.BICUBIC, box=(x0, y0, x1, y1))
    return np.asarray(crop, dtype=np.float32), (x0, y0), size[0] / (x1 - x0)


def read_image(
    source: ImageSource,
    *,
    gores: int | None = None,
    group: int | None = None,
    rings: int | None = None,
    codec: str | None = None,
    flow: str | None = None,
    spacer: int | None = None,
    palette: Any = None,
) -> ImageReading:
    """Find the canopy in a picture, read its bits and decode them; see :func:`decode_image`.

    Returns an :class:`ImageReading` with the decoded result and where the
    centre, the rings and the gores were found.
    """
    name = describe(source)
    picture, load_scale = load_picture(source, LOAD_SIZE)
    image, scale = _working_array(picture)
    cx, cy, _ = find_centre(image)
    first_bands: list[Band] | None = find_rings(image, cx, cy)
    view = _canopy_view(picture, image, scale, cx, cy, first_bands or [])
    if view is not None:
        image, (x0, y0), zoom = view
        cx, cy, _ = find_centre(image)
        scale, offset = load_scale / zoom, (x0 * load_scale, y0 * load_scale)
        first_bands = None
    else:
        scale, offset = scale * load_scale, (0.0, 0.0)
    hints = dict(
        gores=gores, group=group, rings=rings, codec=codec, flow=flow, spacer=spacer, palette=palette
    )
    identity = np.eye(3)
    try:
        reading = _read_rings(image, None, cx, cy, name, north=0.0, bands=first_bands, **hints)
        failure: ImageReadError | None = None
    except ImageReadError as exc:
        reading, failure = None, exc
    to_source = identity
    if reading is None or reading[0].warnings or (reading[0].confidence or 0) < UNSURE:
        # Perhaps the canopy is seen at an angle: read it again with its rings made circles.
        rx, ry, _ = find_centre(image, radial_only=True)
        for straightened in rectifications(image, rx, ry):
            try:
                other = _read_straightened(straightened, name, hints)
            except ImageReadError as exc:
                other = None
                if failure is not None and "no canopy found" in str(failure):
                    failure = exc
            if other is not None and (reading is None or _better(other[0][0], reading[0])):
                reading, to_source = other[0], other[1]
                cx, cy = other[2]
            if reading is not None and not reading[0].warnings:
                break
    if reading is None and "nothing could be read between" not in str(failure):
        # Fine texture in the gores (hatching, halftone, film grain) changes colour across every
        # ring: seen a little blurred, it is a flat shade. (Not where a band between the rings
        # could not be read: blurred, damage turns into a flat band and would be read past.)
        try:
            reading = _read_rings(_blurred(image), None, cx, cy, name, north=0.0, **hints)
            to_source = identity
        except ImageReadError:
            pass
    if reading is None:
        assert failure is not None
        raise failure
    decoded, bands, count, bits, mirrored = reading
    px, py, pw = to_source @ np.array([cx, cy, 1.0])
    return ImageReading(
        decoded=decoded,
        centre=(
            float(offset[0] + (px / pw + 0.5) * scale - 0.5), float(offset[1] + (py / pw + 0.5) * scale - 0.5)
        ),
        radius=bands[-1][1] * scale,
        rings=tuple((a * scale, b * scale) for a, b in bands),
        gores=count,
        bits=tuple(bits),
        mirrored=mirrored,
    )


def _blurred(image: np.ndarray) -> np.ndarray:
    """The picture box-blurred over 5 x 5 pixels."""
    height, width = image.shape[:2]
    padded = np.pad(image, ((2, 2), (2, 2), (0, 0)), mode="edge")
    rows = np.zeros((height, width + 4, image.shape[2]), dtype=np.float32)
    for i in range(5):
        rows += padded[i : i + height]
    out = np.zeros_like(image, dtype=np.float32)
    for j in range(5):
        out += rows[:, j : j + width]
    return out / np.float32(25.0)


def _rim_cut(image: np.ndarray, known: np.ndarray | None, cx: float, cy: float, outer: float) -> bool:
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


def _unread_beyond(
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


def _canopy_bits(bits: list[str], mirrored: bool) -> np.ndarray:
    """Ring bit strings as a boolean array in the picture's clockwise gore order."""
    table = np.array([[c == "1" for c in row] for row in bits], dtype=bool)
    return table[:, ::-1] if mirrored else table


def _better(a: Decoded, b: Decoded) -> bool:
    """Whether reading ``a`` is to be trusted more than ``b``: one that leaves no canopy unread
    beyond its last ring, then fewer warnings, then more rings that say something, then more
    confidence."""

    def key(d: Decoded) -> tuple[int, int, int, float]:
        unread = sum(1 for w in d.warnings if w.startswith("beyond ring"))
        said = sum(1 for ring in d.rings if ring.kind != "padding")
        return unread, len(d.warnings), -said, -(d.confidence or 0)

    return key(a) < key(b)


def _read_straightened(
    straightened: Any, name: str, hints: dict[str, Any]
) -> tuple[Any, np.ndarray, tuple[float, float]]:
    """Read a picture made circular by :func:`rectify`; also returns the homography back and the centre."""
    known = np.isfinite(straightened.image[..., 0])
    fill = np.nanmedian(straightened.image[known], axis=0) if known.any() else np.zeros(3)
    image = np.where(known[..., None], straightened.image, fill.astype(np.float32))
    cx, cy, _ = find_centre(image)
    # 12 o'clock of the original picture, seen from the new one.
    ox, oy = straightened.source_point(cx, cy)
    inverse = np.linalg.inv(straightened.to_source)
    ux, uy, uw = inverse @ np.array([ox, oy - 10.0, 1.0])
    north = math.atan2(ux / uw - cx, -(uy / uw - cy))
    reading = _read_rings(image, known, cx, cy, name, north=north, **hints)
    return reading, straightened.to_source, (cx, cy)


def _read_rings(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    name: str,
    *,
    gores: int | None,
    group: int | None,
    rings: int | None,
    codec: str | None,
    flow: str | None,
    spacer: int | None,
    palette: Any,
    north: float,
    bands: list[Band] | None = None,
) -> tuple[Decoded, list[tuple[float, float]], int, list[str], bool]:
    """Find the rings round ``(cx, cy)`` of a picture whose rings are circles, and read them.

    ``bands`` are :func:`find_rings`'s bands of this very picture round this centre, when they
    are known already.

    Rings are first found as bands of one angular pattern; when that reads nothing, the gore
    grid is found first and the rings are looked for along the middle of every gore (ring edges
    that zig-zag or make chevrons, thin lines across the canopy).
    """
    evened, known, north = _even_gores(image, known, cx, cy, north, gores)
    if evened is not image:
        image, bands = evened, None
    hints = dict(
        gores=gores,
        group=group,
        rings=rings,
        codec=codec,
        flow=flow,
        spacer=spacer,
        palette=palette,
        north=north,
    )
    try:
        by_bands = _read_by_bands(image, known, cx, cy, name, bands=bands, **hints)
    except ImageReadError as first:
        try:
            return _read_by_gores(image, known, cx, cy, name, **hints)
        except ImageReadError as second:
            if "no canopy found" in str(first) and "does not decode" in str(second):
                raise second from None
            raise first from None
    if not by_bands[0].warnings:
        return by_bands
    # Something was unsure or left unread: the rings found along the gores may read better.
    try:
        by_gores = _read_by_gores(image, known, cx, cy, name, **hints)
    except ImageReadError:
        return by_bands
    return by_gores if _better(by_gores[0], by_bands[0]) else by_bands


def _disk_reach(image: np.ndarray, cx: float, cy: float) -> float:
    """How far round ``(cx, cy)`` to look for gores: to the nearest edge, or most of the way to
    the farthest (a canopy cut by the picture's edge)."""
    height, width = image.shape[:2]
    return max(
        min(cx, cy, width - 1 - cx, height - 1 - cy), 0.8 * max(cx, cy, width - 1 - cx, height - 1 - cy)
    )


def _even_gores(
    image: np.ndarray, known: np.ndarray | None, cx: float, cy: float, north: float, gores: int | None
) -> tuple[np.ndarray, np.ndarray | None, float]:
    """The picture with its gores at even angles round ``(cx, cy)`` (see :mod:`chutecode.picture.dewarp`),
    and where 12 o'clock of the original now lies."""
    reach = _disk_reach(image, cx, cy)
    if reach < 20:
        return image, known, north
    profiles = disk_profiles(image, cx, cy, reach, PROFILE_ANGLES)
    if gores is not None:
        candidates = [gores] if isinstance(gores, int) and 2 <= gores < PROFILE_ANGLES // 2 else []
    else:
        spectrum = gore_spectrum(profiles)
        strength = np.abs(spectrum)
        # The likeliest count (a harmonic's divisor when it is nearly as strong), smeared or not.
        likely = gore_counts(spectrum, maximum=PROFILE_ANGLES // 8)
        top = likely[0] if likely else 16 + int(np.argmax(strength[16 : PROFILE_ANGLES // 8]))
        candidates = list(range(max(16, top - 3), top + 4))
    warp = find_warp(profiles, candidates)
    if warp is None:
        return image, known, north
    image, known = dewarp(image, known, cx, cy, warp)
    return image, known, north - float(warp.offset(np.array([north]))[0])


def _gore_counts(
    spectrum: np.ndarray, gores: int | None, group: int | None, rings_found: int, name: str
) -> list[int]:
    if gores is not None:
        if not isinstance(gores, int) or gores < 2 or gores >= spectrum.size:
            raise ImageReadError(f"gores={gores!r} is not a usable gore count: use 2 to {spectrum.size - 1}")
        return [gores]
    counts = gore_counts(spectrum, maximum=PROFILE_ANGLES // 8)
    if group is not None:
        counts = [n for n in counts if n % group == 0] or counts
    if not counts:
        raise ImageReadError(
            f"found {rings_found} ring(s) in {name} but no regular gores in them: pass gores= if the "
            "canopy has them"
        )
    return counts[:3]


def _read_by_bands(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    name: str,
    bands: list[Band] | None = None,
    **hints: Any,
) -> tuple[Decoded, list[tuple[float, float]], int, list[str], bool]:
    bands = find_rings(image, cx, cy) if bands is None else bands
    found = _pick_rings(bands)
    profiles = ring_profiles(image, cx, cy, found, PROFILE_ANGLES)
    # A band whose colour changes have no regular spacing at all is no ring of
    # gores (speckle, a photo, damage): leave it out, as a stretch not read.
    noise = [i for i, b in enumerate(found) if b.patterned and _regularity(profiles[i]) < 0.15]
    if noise:
        bands = [b for b in bands if b not in [found[i] for i in noise]]
        found = _pick_rings(bands)
        profiles = ring_profiles(image, cx, cy, found, PROFILE_ANGLES)
    if not found:
        raise ImageReadError(
            f"no canopy found in {name}: there is no ring of gores (colour changing round a centre) "
            "in the picture"
        )
    spectrum = gore_spectrum(profiles)
    counts = _gore_counts(spectrum, hints["gores"], hints["group"], len(found), name)
    return _read_counts(
        image, known, cx, cy, name, counts, spectrum, lambda count, phase: (bands, found, profiles), **hints
    )


def _read_by_gores(
    image: np.ndarray, known: np.ndarray | None, cx: float, cy: float, name: str, **hints: Any
) -> tuple[Decoded, list[tuple[float, float]], int, list[str], bool]:
    reach = _disk_reach(image, cx, cy)
    if reach < 20:
        raise ImageReadError(f"no canopy found in {name}: the centre found is at the picture's edge")
    spectrum = gore_spectrum(disk_profiles(image, cx, cy, reach, PROFILE_ANGLES))
    counts = _gore_counts(spectrum, hints["gores"], hints["group"], 0, name)
    strength = np.abs(spectrum)
    if hints["gores"] is None and strength[counts[0]] < 3 * float(
        np.median(strength[16 : PROFILE_ANGLES // 8])
    ):
        raise ImageReadError(f"no canopy found in {name}: no regular gores round the centre found")

    def rings_for(count: int, phase: float) -> tuple[list[Band], list[Band], np.ndarray]:
        bands = find_rings_on_grid(image, cx, cy, count, phase, reach)
        found = _pick_rings(bands)
        return bands, found, ring_profiles(image, cx, cy, found, PROFILE_ANGLES)

    return _read_counts(image, known, cx, cy, name, counts, spectrum, rings_for, **hints)


def _most_plausible(
    decodable: list[tuple[_Candidate, Decoded, list[RingChoice]]],
) -> tuple[_Candidate, Decoded, list[RingChoice], list[Alternative]]:
    """Of the readings that decode, the one to give, and the rivals as likely as it.

    Readings whose likelihood is close to the best one's are ranked by what the code makes
    plausible: the spiral layout first, then more rings that say something, no control
    characters, fewer symbols (fill read as zeros turns into spaces) and more ones (fill is
    ones), a picture the right way round, and letters before ascii before utf8. With several
    colours, a wrong choice of which mean 1 can decode too; a rival as plausible by the spiral
    that says something else is kept, to be reported.
    """
    best = max(c.loglik for c, _, _ in decodable)
    cells = decodable[0][0].l0.size
    close = [item for item in decodable if item[0].loglik >= best - (2.0 + 0.01 * cells)]

    def rank(item: tuple[_Candidate, Decoded, list[RingChoice]]) -> tuple[object, ...]:
        candidate, decoded, choices = item
        ones = sum(choice.bits.count("1") for choice in choices)
        used, controls, symbols, ones = _plausibility(decoded, ones)
        # Then a picture the right way round, and the codecs in the order of how common they are.
        codec = -("letters", "ascii", "utf8").index(decoded.codec)
        upright = not candidate.mirrored
        return (candidate.spiral, used, controls, upright, codec, symbols, ones, candidate.loglik)

    close.sort(key=rank, reverse=True)
    candidate, decoded, choices = close[0]
    said = (decoded.message, decoded.coords_text)
    rivals: list[Alternative] = []
    for other, rival, _ in close[1:]:
        seen = [said, *((r.message, r.coords_text) for r in rivals)]
        # A rival as plausible: the same layout and codec (any codec reads some bits as text).
        if (
            other.spiral == candidate.spiral
            and other.symbols.name == candidate.symbols.name
            and (rival.message, rival.coords_text) not in seen
        ):
            why = _how_else(candidate, other)
            rivals.append(Alternative(rival.message, rival.coordinates, rival.flow, why))
    return candidate, decoded, choices, rivals


def _how_else(chosen: _Candidate, other: _Candidate) -> str:
    """How another reading of a picture differs from the one given, in words."""
    parts = []
    if other.polarity != chosen.polarity:
        parts.append("the picture's colours taken the other way as 1 and 0")
    if other.mirrored != chosen.mirrored:
        parts.append("the gores read anticlockwise (a mirrored picture)")
    if other.symbols.name != chosen.symbols.name:
        parts.append(f"read as {other.symbols.name} (codec={other.symbols.name!r})")
    if other.group != chosen.group:
        parts.append(f"in groups of {other.group} (group={other.group})")
    return "; ".join(parts) or "another reading of the same gores"


def _plausibility(decoded: Decoded, ones: int) -> tuple[int, ...]:
    """How plausible a decoding is as a message, best highest (see :func:`_most_plausible`)."""
    used = sum(1 for ring in decoded.rings if ring.kind != "padding")
    controls = sum(1 for ch in decoded.message if unicodedata.category(ch).startswith("C"))
    symbols = sum(len(ring.symbols) for ring in decoded.rings)
    return used, -controls, -symbols, ones


def _finish_reading(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    count: int,
    phase: float,
    spans: list[tuple[float, float]],
    cells: Any,
    candidate: _Candidate,
    decoded: Decoded,
    choices: list[RingChoice],
    rivals: list[Alternative],
) -> tuple[Decoded, list[tuple[float, float]], int, list[str], bool]:
    """The chosen reading with its confidence, its warnings (a ring cut by the picture's edge,
    canopy left unread beyond the last ring) and its rivals as alternatives."""
    unseen = cells.inside < 0.5
    if candidate.mirrored:
        unseen = unseen[:, ::-1]
    decoded = _with_confidence(decoded, candidate, choices, unseen)
    warnings = list(decoded.warnings)
    if not unseen.any() and _rim_cut(image, known, cx, cy, spans[candidate.rows[-1]][1]):
        warnings.append(
            f"ring {len(candidate.rows)}, the outermost, touches the edge of the picture: "
            "part of the canopy is cut off (any ring beyond it could not be seen)"
        )
    used = [spans[r] for r in candidate.rows]
    bits = [c.bits for c in choices]
    beyond = _unread_beyond(
        image, known, cx, cy, used[-1][1], count, phase,
        cells.features[candidate.rows, :, :3].reshape(-1, 3),
        _canopy_bits(bits, candidate.mirrored).reshape(-1),
    )
    if beyond is not None:
        warnings.append(
            f"beyond ring {len(candidate.rows)}, the outermost read, the picture shows more gores "
            f"in the canopy's colours (radius {beyond[0]:.0f} to {beyond[1]:.0f} px of the picture as "
            "read) that could not be read as a ring: the message or the place may be incomplete"
        )
    alternatives = [*rivals, *decoded.alternatives]
    if rivals:
        others = ", ".join(repr(r.message) for r in rivals[:3])
        warnings.append(
            f"the gores also read as {others}, as nearly as well (see the alternatives): "
            "give palette= to say which colours mean 1, or codec="
        )
    decoded = replace(decoded, warnings=tuple(warnings), alternatives=tuple(alternatives[:MAX_ALTERNATIVES]))
    return decoded, used, count, bits, candidate.mirrored


def _short(message: str) -> str:
    """A message quoted for an error, cut to 30 characters."""
    return repr(message) if len(message) <= 30 else repr(message[:29] + "…")


def _read_counts(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    name: str,
    counts: list[int],
    spectrum: np.ndarray,
    rings_for: Any,
    *,
    gores: int | None,
    group: int | None,
    rings: int | None,
    codec: str | None,
    flow: str | None,
    spacer: int | None,
    palette: Any,
    north: float,
) -> tuple[Decoded, list[tuple[float, float]], int, list[str], bool]:
    """Read the rings on each likely gore grid in turn; the first that decodes wins."""
    known_colours = _palette_bits(palette)
    errors: list[str] = []
    best_reading: tuple[Decoded, list[tuple[float, float]], int, list[str], bool] | None = None
    for count in counts:
        grid = find_gore_grid(spectrum, count)
        step = 2 * math.pi / count
        # The reading starts at the gore whose leading edge is nearest 12 o'clock.
        phase = north + ((grid.phase - north + step / 2) % step) - step / 2
        bands, found, profiles = rings_for(count, phase)
        backgrounds = _background_colours(bands)
        if not found:
            errors.append(f"no rings of {count} gores found")
            continue
        ring_bands = _trim_unaligned(found, profiles, count)
        if not ring_bands:
            errors.append(f"no ring fits a grid of {count} gores")
            continue
        ring_bands = _join_split_rings(image, cx, cy, ring_bands, count, phase)
        ring_bands = _drop_gap(image, cx, cy, ring_bands, backgrounds, count, phase)
        zone = _unread_zone(bands, ring_bands)
        if zone is not None:
            errors.append(
                f"nothing could be read between radius {zone[0]:.0f} and {zone[1]:.0f} px (of the "
                f"picture as read) round its centre: a ring there may be too fine for the picture's size"
            )
            continue
        spans = [(b.inner, b.outer) for b in ring_bands]
        cells = sample_cells(image, known, cx, cy, spans, count, phase)
        # Gores this wide (px, where sampled) are read clean of seams and blur.
        arcs = np.asarray([(b.inner + 0.6 * b.width) * 2 * math.pi / count for b in ring_bands])
        clean = arcs >= min(8.0, 0.6 * float(arcs.max()))
        try:
            candidates = _candidates(cells, clean, known_colours, _groups_for(count, group), codec, spacer)
        except _UnreadBand:
            errors.append(
                f"nothing could be read between radius {spans[0][0]:.0f} and {spans[-1][1]:.0f} px (of the "
                "picture as read) round its centre: a band between the rings reads as no ring (damaged, "
                "hidden or too fine for the picture's size)"
            )
            continue
        if not candidates:
            errors.append(f"{len(ring_bands)} rings of {count} gores: every gore has the same colour")
            continue
        first_error = ""
        if rings is not None:
            fitting = [c for c in candidates if len(c.rows) == rings]
            if not fitting:
                first_error = f"found {len(candidates[0].rows)} rings of {count} gores, not the {rings} given"
            candidates = fitting
        decodable: list[tuple[_Candidate, Decoded, list[RingChoice]]] = []
        for candidate in candidates[:8]:
            decoded, choices, error = _decode_candidate(candidate, flow)
            if decoded is None:
                first_error = first_error or (
                    f"{len(candidate.rows)} rings of {count} gores in groups of {candidate.group}: {error}"
                )
                continue
            decodable.append((candidate, decoded, choices))
        if decodable:
            candidate, decoded, choices, rivals = _most_plausible(decodable)
            reading = _finish_reading(
                image, known, cx, cy, count, phase, spans, cells, candidate, decoded, choices, rivals
            )
            sure = [c for ring in reading[0].rings for c in ring.symbol_confidence]
            unsure = sum(1 for c in sure if c < UNSURE)
            if sure and unsure > MAX_UNSURE * len(sure):
                errors.append(
                    f"{len(candidate.rows)} rings of {count} gores: the likeliest reading "
                    f"({_short(reading[0].message)}) has {unsure} of {len(sure)} symbols unsure"
                )
                continue
            if not reading[0].warnings:
                return reading
            # A reading with warnings: another gore count may read cleaner.
            if best_reading is None or _better(reading[0], best_reading[0]):
                best_reading = reading
            continue
        errors.append(first_error or f"{len(ring_bands)} rings of {count} gores do not decode")
    if best_reading is not None:
        return best_reading
    detail = "; ".join(dict.fromkeys(e for e in errors if e)) or "no reading of its gores is valid ring code"
    raise ImageReadError(f"the canopy in {name} does not decode: {detail}")


def decode_image(
    source: ImageSource,
    *,
    gores: int | None = None,
    group: int | None = None,
    rings: int | None = None,
    codec: str | None = None,
    flow: str | None = None,
    spacer: int | None = None,
    palette: Any = None,
) -> Decoded:
    """Read a canopy picture back into its message and place.

    The result says how sure it is: :attr:`Decoded.confidence`, each ring's ``confidence`` and
    ``symbol_confidence``, the gores that were ``corrected`` or ``guessed``, and
    :attr:`Decoded.warnings`, which is empty only when every symbol read clearly, the whole
    canopy was in the picture and the layout follows the spiral.

    Args:
        source: a path, the bytes of a picture, a binary stream, or a PIL image.
        gores: gores in a ring (default: found from the picture).
        group: gores in a group (default: 10, or what divides the gore count).
        rings: rings expected; a different count found is an error.
        codec, flow, spacer: as for :func:`chutecode.decode` (default: try each).
        palette: the colours used, when known: a mapping or object with
            ``one`` and ``zero`` (and optionally ``fill`` and ``spacer``)
            colours, or a palette name. It fixes which colours mean 1.

    Raises:
        ImageReadError: no canopy, no rings or no gores found, a picture that is damaged or too
            large, or bits that do not decode (the message names the ring that failed and why).
    """
    return read_image(
        source, gores=gores, group=group, rings=rings, codec=codec, flow=flow, spacer=spacer, palette=palette
    ).decoded
