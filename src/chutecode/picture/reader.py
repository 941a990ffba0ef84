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
import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import numpy as np

from chutecode.errors import DecodeError, ImageReadError
from chutecode.picture.load import load_picture
from chutecode.picture.locate import (
    SAME_COLOUR,
    Band,
    find_centre,
    find_gore_grid,
    find_rings,
    gore_counts,
    gore_spectrum,
    polar_samples,
    ring_profiles,
)
from chutecode.ringcode.decoder import Decoded, decode

__all__ = ["decode_image", "read_image", "ImageReading", "WORKING_SIZE"]

#: Pictures larger than this (pixels on the longer side) are shrunk first, by a whole factor.
WORKING_SIZE = 1250
#: Pictures are shrunk to about this many pixels a side as they load (see :mod:`chutecode.picture.load`).
LOAD_SIZE = 2600

#: Most colour clusters tried as bits (2 ** n - 2 polarity assignments).
MAX_CLUSTERS = 6

#: Narrowest ring, as a share of the canopy radius; thinner bands are seams.
MIN_RING_WIDTH = 0.035

# Angular samples round a ring when looking for the gore grid.
PROFILE_ANGLES = 4096

ImageSource = str | os.PathLike[str] | bytes | BinaryIO | Any


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


def _describe(source: ImageSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        return repr(os.fspath(source))
    return "the image"


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
    bands = [b for b in bands if b.width >= MIN_RING_WIDTH * radius]
    width = float(np.median([b.width for b in bands if b.patterned] or [0.0]))
    marks = [i for i, b in enumerate(bands) if b.patterned]
    if not marks:
        return []
    first, last = marks[0], marks[-1]
    backgrounds = [bands[i].colour for i in (last + 1, first - 1) if 0 <= i < len(bands)]
    rings = []
    for band in bands[first:last + 1]:
        if band.patterned:
            rings.append(band)
        elif any(_distance(band.colour, bg) < SAME_COLOUR for bg in backgrounds):
            continue
        elif band.width >= 0.5 * width:
            rings.append(band)
    return rings


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
    return float(spectrum[16: PROFILE_ANGLES // 8].max())


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


def _sample_gores(image: np.ndarray, cx: float, cy: float, band: Band, gores: int, phase: float,
                  span: tuple[float, float] = (0.3, 0.9)) -> tuple[np.ndarray, np.ndarray]:
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
    samples = polar_samples(image, cx, cy, radii, angles)          # (radii, gores * 3, 3)
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


def _join_split_rings(image: np.ndarray, cx: float, cy: float, bands: list[Band], gores: int,
                      phase: float) -> list[Band]:
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
            if float(np.mean(same)) >= 0.9:
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


def _cluster(colours: np.ndarray, seeds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group gore colours: a label per gore and the cluster centres.

    Centres come from the ``seeds`` (gores wide enough to be read cleanly),
    densest colours first, so that the palette's pure colours win over blends
    with a seam; a colour seen on one gore only is noise. Every gore then takes
    the nearest centre. At most :data:`MAX_CLUSTERS` centres are kept, the most
    used ones.
    """
    pool = colours[seeds] if seeds.sum() >= 8 else colours
    pairwise = np.sqrt(np.sum((pool[:, None, :] - pool[None, :, :]) ** 2, axis=2))
    density = np.sum(pairwise < SAME_COLOUR / 2, axis=1)
    centres: list[int] = []
    for i in np.argsort(-density, kind="stable"):
        if all(pairwise[i, c] >= 1.5 * SAME_COLOUR for c in centres):
            centres.append(int(i))
    centre_array = pool[centres].astype(np.float64)
    for _ in range(2):
        nearest = np.argmin(np.sum((pool[:, None, :] - centre_array[None]) ** 2, axis=2), axis=1)
        counts = np.bincount(nearest, minlength=len(centre_array))
        keep = [k for k in np.argsort(-counts, kind="stable")[:MAX_CLUSTERS]
                if counts[k] >= 2 or len(pool) < 20]
        centre_array = np.asarray([np.median(pool[nearest == k], axis=0) for k in sorted(keep)])
    labels = np.argmin(np.sum((colours[:, None, :] - centre_array[None]) ** 2, axis=2), axis=1)
    return labels, centre_array


# --- palette hints ------------------------------------------------------------------------


def _palette_bits(palette: Any) -> list[tuple[np.ndarray, int]]:
    """Colours with a known bit from a palette hint: a mapping, an object or a name."""
    from PIL import ImageColor

    if palette is None:
        return []
    if isinstance(palette, str):
        palette = _named_palette(palette)
    roles = {"one": 1, "fill": 1, "zero": 0, "spacer": 0}
    known = []
    for role, bit in roles.items():
        value = palette.get(role) if isinstance(palette, Mapping) else getattr(palette, role, None)
        if value is None:
            continue
        try:
            rgb = ImageColor.getrgb(value)[:3] if isinstance(value, str) else tuple(value)[:3]
        except (ValueError, TypeError):
            raise ImageReadError(f"palette colour {role}={value!r} is not a colour: use '#DF6A33', "
                                 "'rgb(223, 106, 51)' or a colour name") from None
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
    raise ImageReadError(f"palette {name!r} cannot be looked up here: give its colours instead, "
                         "e.g. palette={'one': '#DF6A33', 'zero': 'white'}")


# --- decoding ---------------------------------------------------------------------------


@dataclass
class _Attempt:
    decoded: Decoded | None
    bits: list[str]
    error: str
    score: tuple[int, ...] = ()


def _score(decoded: Decoded, ones: int) -> tuple[int, ...]:
    """Rank decodings of one picture under different polarities, best highest.

    More rings that say something beat padding (a misread ring of all ones);
    no control characters beat some; fewer symbols beat more (fill groups read
    as zeros turn into spaces); then more ones (fill is ones).
    """
    used = sum(1 for ring in decoded.rings if ring.kind != "padding")
    controls = sum(1 for ch in decoded.message if unicodedata.category(ch).startswith("C"))
    symbols = sum(len(ring.symbols) for ring in decoded.rings)
    return used, -controls, -symbols, ones


def _natural(labels: np.ndarray, clusters: int) -> tuple[int, ...]:
    """The likeliest polarity: the colour of the longest run of equal gores (the fill) is 1."""
    best_label, best_run = 0, -1
    for row in labels:
        doubled = np.concatenate([row, row])
        run = 1
        for i in range(1, doubled.size):
            run = run + 1 if doubled[i] == doubled[i - 1] else 1
            if run > best_run:
                best_label, best_run = int(doubled[i]), min(run, row.size)
    return tuple(1 if k == best_label else 0 for k in range(clusters))


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


def _try_decode(bits: list[str], hints: dict[str, Any], group: int) -> tuple[Decoded | None, str]:
    try:
        return decode(bits, codec=hints.get("codec"), flow=hints.get("flow"), group=group,
                      spacer=hints.get("spacer"), alignment="shared"), ""
    except DecodeError as exc:
        return None, _for_pictures(str(exc))


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


def _decode_clusters(colour_rings: np.ndarray, clean_rings: np.ndarray, hints: dict[str, Any],
                     known: list[tuple[np.ndarray, int]], group: int) -> _Attempt:
    """Try every polarity of the colour clusters; keep the best decoding (see :func:`_score`)."""
    rings, gores = colour_rings.shape[:2]
    seeds = np.repeat(clean_rings, gores)
    labels, centres = _cluster(colour_rings.reshape(-1, 3), seeds)
    labels = labels.reshape(rings, gores)
    if len(centres) < 2:
        return _Attempt(None, [], "every gore has the same colour")
    natural = _natural(labels, len(centres))
    best: _Attempt | None = None
    natural_error = ""
    for combo in _assignments(centres, known):
        table = np.asarray(combo)[labels]
        # Every ring of the code has coloured gores (fill, terminators, data);
        # a band with none is the gap of a disk-gap-band canopy, seams crossing it.
        table = table[table.any(axis=1)]
        if not len(table):
            continue
        bits = ["".join("1" if v else "0" for v in row) for row in table]
        decoded, error = _try_decode(bits, hints, group)
        if decoded is None:
            if combo == natural or not natural_error:
                natural_error = error
            continue
        attempt = _Attempt(decoded, bits, "", _score(decoded, int(table.sum())))
        if best is None or attempt.score > best.score:
            best = attempt
    return best or _Attempt(None, [], natural_error or "no colour could be read as bits")


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
    name = _describe(source)
    picture, load_scale = load_picture(source, LOAD_SIZE)
    image, scale = _working_array(picture)
    scale *= load_scale
    cx, cy, _ = find_centre(image)
    bands = find_rings(image, cx, cy)
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
    if gores is not None:
        if not isinstance(gores, int) or gores < 2 or gores >= spectrum.size:
            raise ImageReadError(f"gores={gores!r} is not a usable gore count: use 2 to {spectrum.size - 1}")
        counts = [gores]
    else:
        counts = gore_counts(spectrum, maximum=PROFILE_ANGLES // 8)
        if group is not None:
            counts = [n for n in counts if n % group == 0] or counts
        counts = counts[:3]
    if not counts:
        raise ImageReadError(
            f"found {len(found)} ring(s) in {name} but no regular gores in them: pass gores= if the "
            "canopy has them"
        )

    known = _palette_bits(palette)
    backgrounds = _background_colours(bands)
    errors = []
    for count in counts:
        grid = find_gore_grid(spectrum, count)
        ring_bands = _trim_unaligned(found, profiles, count)
        if not ring_bands:
            errors.append(f"no ring fits a grid of {count} gores")
            continue
        ring_bands = _join_split_rings(image, cx, cy, ring_bands, count, grid.phase)
        ring_bands = _drop_gap(image, cx, cy, ring_bands, backgrounds, count, grid.phase)
        zone = _unread_zone(bands, ring_bands)
        if zone is not None:
            errors.append(
                f"nothing could be read between radius {zone[0] * scale:.0f} and {zone[1] * scale:.0f} px "
                f"round the centre ({(cx + 0.5) * scale - 0.5:.0f}, {(cy + 0.5) * scale - 0.5:.0f}): a ring "
                "there may be too fine for the picture's size")
            continue
        if rings is not None and len(ring_bands) != rings:
            errors.append(f"found {len(ring_bands)} rings of {count} gores, not the {rings} given")
            continue
        colours = np.stack([_sample_gores(image, cx, cy, band, count, grid.phase)[0] for band in ring_bands])
        # Gores this wide (px, where sampled) are read clean of seams and blur.
        arcs = np.asarray([(b.inner + 0.6 * b.width) * 2 * math.pi / count for b in ring_bands])
        clean_rings = arcs >= min(8.0, 0.6 * float(arcs.max()))
        for group_size in _groups_for(count, group):
            for mirrored in (False, True):
                attempt = _decode_clusters(colours[:, ::-1] if mirrored else colours, clean_rings,
                                           {"codec": codec, "flow": flow, "spacer": spacer}, known,
                                           group_size)
                if attempt.decoded is not None:
                    return ImageReading(
                        decoded=attempt.decoded,
                        centre=((cx + 0.5) * scale - 0.5, (cy + 0.5) * scale - 0.5),
                        radius=ring_bands[-1].outer * scale,
                        rings=tuple((b.inner * scale, b.outer * scale) for b in ring_bands),
                        gores=count,
                        bits=tuple(attempt.bits),
                        mirrored=mirrored,
                    )
                if not mirrored:
                    errors.append(f"{len(ring_bands)} rings of {count} gores in groups of {group_size}: "
                                  f"{attempt.error}")
    raise ImageReadError(f"the canopy in {name} does not decode: " + "; ".join(errors))


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
        ImageReadError: no canopy, no rings or no gores found, or bits that do
            not decode (the message names the ring that failed and why).
    """
    return read_image(source, gores=gores, group=group, rings=rings, codec=codec, flow=flow,
                      spacer=spacer, palette=palette).decoded
