"""Read a canopy picture back into its message and place.

:func:`decode_image` takes a PNG (or any picture Pillow opens) of a canopy in any palette,
turned by any angle, and reads it in steps, each in its own module:

1. load it shrunk to a working size (:mod:`~chutecode.picture.load`), find the centre and the
   bands round it (:mod:`~chutecode.picture.locate`), and look closer at a small canopy;
2. even out the gores' angles (:mod:`~chutecode.picture.dewarp`), and when the first reading is
   unsure, straighten a canopy seen at an angle (:mod:`~chutecode.picture.rectify`);
3. choose the bands that are rings (:mod:`~chutecode.picture.bands`), describe every gore and
   its likelihood of being 1 (:mod:`~chutecode.picture.gores`);
4. find the likeliest valid readings (:mod:`~chutecode.picture.soft`,
   :mod:`~chutecode.picture.candidates`) and decode them;
5. say how sure the reading is (:mod:`~chutecode.picture.confidence`) and what it may have left
   out (:mod:`~chutecode.picture.checks`);
6. when nothing read, read it all again with its thin dark lines painted over
   (:mod:`~chutecode.picture.lines`: suspension lines, outlines).

>>> import chutecode
>>> decoded = chutecode.decode_image("poster.png")   # doctest: +SKIP
>>> decoded.message                                   # doctest: +SKIP
'DARE MIGHTY THINGS'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np

from chutecode.errors import ImageReadError
from chutecode.limits import MAX_ALTERNATIVES
from chutecode.picture.bands import (
    PROFILE_ANGLES,
    background_colours,
    drop_gap,
    join_split_rings,
    pick_rings,
    regularity,
    trim_unaligned,
    unread_zone,
)
from chutecode.picture.candidates import (
    Candidate,
    UnreadBand,
    decode_candidate,
    groups_for,
    most_plausible,
    palette_bits,
    reading_candidates,
)
from chutecode.picture.checks import blind_stretch, canopy_bits, rim_cut, unread_beyond
from chutecode.picture.confidence import UNSURE, with_confidence
from chutecode.picture.dewarp import dewarp, find_warp
from chutecode.picture.gores import sample_cells
from chutecode.picture.lines import close_thin_lines, painted, painted_share
from chutecode.picture.load import ImageSource, describe, load_picture
from chutecode.picture.locate import (
    Band,
    disk_profiles,
    find_centre,
    find_gore_grid,
    find_rings,
    find_rings_on_grid,
    gore_counts,
    gore_spectrum,
    noise_level,
    ring_profiles,
)
from chutecode.picture.rectify import measure_shape, rectifications
from chutecode.picture.soft import RingChoice
from chutecode.ringcode.decoder import Alternative, Decoded

__all__ = ["decode_image", "read_image", "ImageReading", "WORKING_SIZE", "LOAD_SIZE"]

#: Pictures are shrunk as they load to about this size (pixels on the longer side).
LOAD_SIZE = 2600

#: Pictures larger than this (pixels on the longer side) are shrunk first, by a whole factor.
WORKING_SIZE = 1250

#: A reading of the rings: the decoded result, the rings' spans (inner and outer radius), the
#: gore count, the bits of each ring, and whether they read anticlockwise.
_Reading = tuple[Decoded, list[tuple[float, float]], int, list[str], bool]


@dataclass(frozen=True)
class _Hints:
    """What the caller of :func:`read_image` said of the canopy (``None``: find it out)."""

    gores: int | None
    group: int | None
    rings: int | None
    codec: str | None
    flow: str | None
    spacer: int | None
    palette: Any


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


def _working_array(image: Any, size: int = WORKING_SIZE) -> tuple[np.ndarray, float]:
    """The picture as RGB ``float32``, shrunk to about ``size`` (default :data:`WORKING_SIZE`),
    and the shrink factor."""
    width, height = image.size
    if min(width, height) < 16:
        raise ImageReadError(f"the picture is {width} x {height} px: far too small to hold a canopy")
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
    elif image.mode != "RGB":
        image = image.convert("RGB")
    # Shrink by a whole factor only: box-averaging whole blocks keeps edges
    # symmetric, where a fractional resize leaves a moire that biases the centre.
    factor = math.ceil(max(width, height) / size)
    if factor >= 2:
        image = image.reduce(factor)
    image = _on_white(image)
    scale = width / image.width
    return np.asarray(image, dtype=np.float32), scale


def _on_white(picture: Any) -> Any:
    """The picture in RGB, what is transparent in it seen on white."""
    from PIL import Image

    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        rgba = picture.convert("RGBA")
        backdrop = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(backdrop, rgba).convert("RGB")
    return picture if picture.mode == "RGB" else picture.convert("RGB")


# --- rings and gores ------------------------------------------------------------------


# --- palette hints ------------------------------------------------------------------------


# --- decoding ---------------------------------------------------------------------------


# --- reading the bits -------------------------------------------------------------------------


#: Most share of the symbols a reading may be unsure of; past it, it is no reading.
MAX_UNSURE = 0.3


# --- the whole picture ----------------------------------------------------------------------------


#: In a straightened picture, this many gore boundaries in a row with no edge to see are warned of.
BLIND_GORES = 6

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
    crop = _on_white(picture).resize(size, Image.Resampling.BICUBIC, box=(x0, y0, x1, y1))
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
    hints = _Hints(gores, group, rings, codec, flow, spacer, palette)
    quick = _quick_reading(picture, load_scale, name, hints)
    if quick is not None:
        return quick
    steps, place = _read_picture(picture, load_scale, name, hints)
    if steps[0] is None:
        steps, place = _past_thin_lines(steps, place, picture, load_scale, name, hints)
    reading, to_source, (cx, cy), failure = steps
    if reading is None:
        assert failure is not None
        raise failure
    return _image_reading(reading, to_source, cx, cy, *place)


_Steps = tuple[_Reading | None, np.ndarray, tuple[float, float], ImageReadError | None]
#: Where the picture read lies in the picture as given: how many of its pixels make one of the
#: picture read, and the picture read's corner in them.
_Place = tuple[float, tuple[float, float]]

#: Thin dark lines covering at least this share of a picture that did not read are painted over
#: and the picture read again.
LINE_SHARE = 0.01

#: Dark lines up to twice this many pixels wide (of the picture as loaded) are painted over.
LINE_REACH = 2

#: A reading of the painted picture is not taken when more than this share of some ring-wide
#: circle round its centre was painted over.
MAX_PAINTED = 0.35


def _past_thin_lines(
    steps: _Steps, place: _Place, picture: Any, load_scale: float, name: str, hints: _Hints
) -> tuple[_Steps, _Place]:
    """A picture that did not read, read again with its thin dark lines painted over
    (suspension lines seen from below, outlines) when such lines cover much of it: that reading,
    which says what was painted over, else the first error. (A picture that reads, even with
    warnings, is not read again this way: a reading with fewer warnings of the painted picture
    was seen to be the wrong one.)"""
    from PIL import Image

    # At most the working size (the closer look then has no more pixels than that to zoom).
    picture = _on_white(picture)
    factor = math.ceil(max(picture.size) / WORKING_SIZE)
    if factor >= 2:
        picture, load_scale = picture.reduce(factor), load_scale * factor
    image = np.asarray(picture, dtype=np.float32)
    closed = close_thin_lines(image, LINE_REACH)
    lines = painted(image, closed)
    share = float(lines.mean())
    if share < LINE_SHARE:
        return steps, place
    again, moved = _read_picture(Image.fromarray(closed.astype(np.uint8)), load_scale, name, hints)
    if again[0] is None:
        return steps, place
    # Where more than thin lines were painted over (speckle, damage over a whole ring), the
    # pattern there is gone, not uncovered: that reading is not taken.
    where = _image_reading(again[0], again[1], *again[2], *moved)
    cx, cy = ((where.centre[0] + 0.5) / load_scale - 0.5, (where.centre[1] + 0.5) / load_scale - 0.5)
    if painted_share(lines, cx, cy, where.radius / load_scale) > MAX_PAINTED:
        return steps, place
    decoded, *rest = again[0]
    note = (
        f"thin dark lines across the canopy (suspension lines, outlines) cover {share:.0%} of the "
        "picture and were painted over with the colours beside them before it was read"
    )
    noted = replace(decoded, warnings=(note, *decoded.warnings))
    return (cast(_Reading, (noted, *rest)), *again[1:]), moved


def _read_picture(picture: Any, load_scale: float, name: str, hints: _Hints) -> tuple[_Steps, _Place]:
    """The loaded picture read with every step (see :func:`_read_steps`), and where the picture
    read lies in it."""
    image, scale = _working_array(picture)
    loaded = image  # the noise is judged on this: a closer look below smooths it out
    cx, cy, _ = find_centre(image)
    first_bands: list[Band] | None = find_rings(image, cx, cy)
    view = _canopy_view(picture, image, scale, cx, cy, first_bands or [])
    grain = 1.0  # pixels of the working picture to one of the picture as first looked at
    if view is not None:
        image, (x0, y0), zoom = view
        grain = max(1.0, zoom * scale)
        cx, cy, _ = find_centre(image)
        scale, offset = load_scale / zoom, (x0 * load_scale, y0 * load_scale)
        first_bands = None
    else:
        scale, offset = scale * load_scale, (0.0, 0.0)
    return _read_steps(image, cx, cy, name, hints, first_bands, loaded, grain), (scale, offset)


#: A picture larger than :data:`WORKING_SIZE` is first read shrunk to about this size (pixels on
#: the longer side); that reading is kept when it is clean (no warnings, and sure).
QUICK_SIZE = 640

#: The quick look is only taken at a canopy at least this radius (pixels) in the shrunk picture,
#: the size of the smallest pictures the reader is measured on.
QUICK_RADIUS = 200.0


def _quick_reading(picture: Any, load_scale: float, name: str, hints: _Hints) -> ImageReading | None:
    """A big picture read shrunk to :data:`QUICK_SIZE` as it is (no closer look, no straightening,
    gores read where they are): the reading when it is clean, else ``None``, and the picture is
    read at the working size with every step. Gores off their even angles (a canopy seen at an
    angle) leave symbols unsure, so such a picture is read again."""
    if max(picture.size) <= WORKING_SIZE:
        return None
    image, scale = _working_array(picture, QUICK_SIZE)
    cx, cy, _ = find_centre(image)
    bands = find_rings(image, cx, cy)
    patterned = [b for b in bands if b.patterned]
    if not patterned or patterned[-1].outer < QUICK_RADIUS:
        return None
    try:
        reading = _read_rings(image, None, cx, cy, name, hints, north=0.0, bands=bands, even=False)
    except ImageReadError:
        return None
    if reading[0].warnings or (reading[0].confidence or 0) < UNSURE:
        return None
    return _image_reading(reading, np.eye(3), cx, cy, scale * load_scale, (0.0, 0.0))


def _image_reading(
    reading: _Reading,
    to_source: np.ndarray,
    cx: float,
    cy: float,
    scale: float,
    offset: tuple[float, float],
) -> ImageReading:
    """A reading put in the picture's own pixels: ``(cx, cy)`` is the centre in the picture read,
    ``to_source`` the homography back to the working picture, whose pixels are ``scale`` of the
    picture's, from ``offset``."""
    decoded, bands, count, bits, mirrored = reading
    px, py, pw = to_source @ np.array([cx, cy, 1.0])
    return ImageReading(
        decoded=decoded,
        centre=(
            float(offset[0] + (px / pw + 0.5) * scale - 0.5),
            float(offset[1] + (py / pw + 0.5) * scale - 0.5),
        ),
        radius=bands[-1][1] * scale,
        rings=tuple((a * scale, b * scale) for a, b in bands),
        gores=count,
        bits=tuple(bits),
        mirrored=mirrored,
    )


def _read_steps(
    image: np.ndarray,
    cx: float,
    cy: float,
    name: str,
    hints: _Hints,
    first_bands: list[Band] | None,
    loaded: np.ndarray,
    grain: float,
) -> _Steps:
    """Read the working picture as it is, then straightened when that is unsure, then blurred
    when nothing read. Returns the best reading (``None`` when none), the homography back to the
    working picture, the centre in the picture read, and the first error met."""
    identity = np.eye(3)
    try:
        reading: _Reading | None = _read_rings(image, None, cx, cy, name, hints, north=0.0, bands=first_bands)
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
    unread_band = "nothing could be read between" in str(failure)
    if reading is None and (not unread_band or noise_level(loaded) >= NOISY):
        # Fine texture in the gores (hatching, halftone, film grain) changes colour across every
        # ring: seen a little blurred, it is a flat shade. (Not where a band between the rings
        # could not be read, unless the picture is noisy: blurred, damage turns into a flat band
        # and would be read past, while heavy noise is what hides every band.)
        try:
            # Noise is blurred over its own grain, which a closer look has magnified.
            reach = round(2 * grain) if unread_band else 2
            reading = _read_rings(_blurred(image, reach), None, cx, cy, name, hints, north=0.0)
            to_source = identity
        except ImageReadError:
            pass
    return reading, to_source, (cx, cy), failure


#: Pictures whose pixels stray this far (grey levels) from their neighbours' mean are noisy.
NOISY = 3.0


def _blurred(image: np.ndarray, reach: int = 2) -> np.ndarray:
    """The picture box-blurred over ``2 reach + 1`` pixels square."""
    height, width = image.shape[:2]
    side = 2 * reach + 1
    padded = np.pad(image, ((reach, reach), (reach, reach), (0, 0)), mode="edge")
    rows = np.zeros((height, width + 2 * reach, image.shape[2]), dtype=np.float32)
    for i in range(side):
        rows += padded[i : i + height]
    out = np.zeros_like(image, dtype=np.float32)
    for j in range(side):
        out += rows[:, j : j + width]
    return out / np.float32(side * side)


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
    straightened: Any, name: str, hints: _Hints
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
    reading = _read_rings(image, known, cx, cy, name, hints, north=north)
    return reading, straightened.to_source, (cx, cy)


def _read_rings(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    name: str,
    hints: _Hints,
    *,
    north: float,
    bands: list[Band] | None = None,
    even: bool = True,
) -> _Reading:
    """Find the rings round ``(cx, cy)`` of a picture whose rings are circles, and read them.

    ``bands`` are :func:`find_rings`'s bands of this very picture round this centre, when they
    are known already. ``even=False`` reads the gores where they are, without first putting them
    at even angles (:func:`_even_gores`).

    Rings are first found as bands of one angular pattern; when that reads nothing, the gore
    grid is found first and the rings are looked for along the middle of every gore (ring edges
    that zig-zag or make chevrons, thin lines across the canopy).
    """
    if even:
        evened, known, north = _even_gores(image, known, cx, cy, north, hints.gores)
        if evened is not image:
            image, bands = evened, None
    try:
        by_bands = _read_by_bands(image, known, cx, cy, name, hints, north, bands)
    except ImageReadError as first:
        try:
            return _read_by_gores(image, known, cx, cy, name, hints, north)
        except ImageReadError as second:
            if "no canopy found" in str(first) and "does not decode" in str(second):
                raise second from None
            raise first from None
    if not by_bands[0].warnings:
        return by_bands
    # Something was unsure or left unread: the rings found along the gores may read better.
    try:
        by_gores = _read_by_gores(image, known, cx, cy, name, hints, north)
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
    hints: _Hints,
    north: float,
    bands: list[Band] | None = None,
) -> _Reading:
    """Read the rings found as bands of one angular pattern round ``(cx, cy)``."""
    bands = find_rings(image, cx, cy) if bands is None else bands
    found = pick_rings(bands)
    profiles = ring_profiles(image, cx, cy, found, PROFILE_ANGLES)
    # A band whose colour changes have no regular spacing at all is no ring of
    # gores (speckle, a photo, damage): leave it out, as a stretch not read.
    noise = [i for i, b in enumerate(found) if b.patterned and regularity(profiles[i]) < 0.15]
    if noise:
        bands = [b for b in bands if b not in [found[i] for i in noise]]
        found = pick_rings(bands)
        profiles = ring_profiles(image, cx, cy, found, PROFILE_ANGLES)
    if not found:
        raise ImageReadError(
            f"no canopy found in {name}: there is no ring of gores (colour changing round a centre) "
            "in the picture"
        )
    spectrum = gore_spectrum(profiles)
    counts = _gore_counts(spectrum, hints.gores, hints.group, len(found), name)

    def rings_for(count: int, phase: float) -> tuple[list[Band], list[Band], np.ndarray]:
        return bands, found, profiles

    return _read_counts(image, known, cx, cy, name, counts, spectrum, rings_for, hints, north)


def _read_by_gores(
    image: np.ndarray, known: np.ndarray | None, cx: float, cy: float, name: str, hints: _Hints, north: float
) -> _Reading:
    """Read the rings looked for along the middle of every gore of the grid found first."""
    reach = _disk_reach(image, cx, cy)
    if reach < 20:
        raise ImageReadError(f"no canopy found in {name}: the centre found is at the picture's edge")
    spectrum = gore_spectrum(disk_profiles(image, cx, cy, reach, PROFILE_ANGLES))
    counts = _gore_counts(spectrum, hints.gores, hints.group, 0, name)
    strength = np.abs(spectrum)
    if hints.gores is None and strength[counts[0]] < 3 * float(np.median(strength[16 : PROFILE_ANGLES // 8])):
        raise ImageReadError(f"no canopy found in {name}: no regular gores round the centre found")

    def rings_for(count: int, phase: float) -> tuple[list[Band], list[Band], np.ndarray]:
        bands = find_rings_on_grid(image, cx, cy, count, phase, reach)
        found = pick_rings(bands)
        return bands, found, ring_profiles(image, cx, cy, found, PROFILE_ANGLES)

    return _read_counts(image, known, cx, cy, name, counts, spectrum, rings_for, hints, north)


def _finish_reading(
    image: np.ndarray,
    known: np.ndarray | None,
    cx: float,
    cy: float,
    count: int,
    phase: float,
    spans: list[tuple[float, float]],
    cells: Any,
    candidate: Candidate,
    decoded: Decoded,
    choices: list[RingChoice],
    rivals: list[Alternative],
) -> _Reading:
    """The chosen reading with its confidence, its warnings (a ring cut by the picture's edge,
    canopy left unread beyond the last ring) and its rivals as alternatives."""
    unseen = cells.inside < 0.5
    if candidate.mirrored:
        unseen = unseen[:, ::-1]
    decoded = with_confidence(decoded, candidate, choices, unseen)
    warnings = list(decoded.warnings)
    if not unseen.any() and rim_cut(image, known, cx, cy, spans[candidate.rows[-1]][1]):
        warnings.append(
            f"ring {len(candidate.rows)}, the outermost, touches the edge of the picture: "
            "part of the canopy is cut off (any ring beyond it could not be seen)"
        )
    used = [spans[r] for r in candidate.rows]
    if known is not None:
        # A straightened picture: its gores were put at their angles by the straightening and the
        # dewarp, which only gore edges check.
        for number, span in enumerate(used, start=1):
            blind = blind_stretch(image, known, cx, cy, span, count, phase)
            if blind >= BLIND_GORES:
                warnings.append(
                    f"ring {number}: {blind} gore boundaries in a row show no edge in the picture as "
                    "straightened, so the gores' places there were worked out, not seen: a symbol "
                    "there may be read a gore off"
                )
    bits = [c.bits for c in choices]
    beyond = unread_beyond(
        image,
        known,
        cx,
        cy,
        used[-1][1],
        count,
        phase,
        cells.features[candidate.rows, :, :3].reshape(-1, 3),
        canopy_bits(bits, candidate.mirrored).reshape(-1),
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
    hints: _Hints,
    north: float,
) -> _Reading:
    """Read the rings on each likely gore grid in turn: the first reading with no warnings wins,
    else the best of those that decode (see :func:`_better`)."""
    group, rings, codec, flow, spacer = hints.group, hints.rings, hints.codec, hints.flow, hints.spacer
    known_colours = palette_bits(hints.palette)
    errors: list[str] = []
    best_reading: _Reading | None = None
    for count in counts:
        grid = find_gore_grid(spectrum, count)
        step = 2 * math.pi / count
        # The reading starts at the gore whose leading edge is nearest 12 o'clock.
        phase = north + ((grid.phase - north + step / 2) % step) - step / 2
        bands, found, profiles = rings_for(count, phase)
        backgrounds = background_colours(bands)
        if not found:
            errors.append(f"no rings of {count} gores found")
            continue
        ring_bands = trim_unaligned(found, profiles, count)
        if not ring_bands:
            errors.append(f"no ring fits a grid of {count} gores")
            continue
        ring_bands = join_split_rings(image, cx, cy, ring_bands, count, phase)
        ring_bands = drop_gap(image, cx, cy, ring_bands, backgrounds, count, phase)
        zone = unread_zone(bands, ring_bands)
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
            candidates = reading_candidates(
                cells, clean, known_colours, groups_for(count, group), codec, spacer
            )
        except UnreadBand:
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
        # A reading that leaves out a band that is no ring of the code (two fine rings run
        # together read as one colour) would lack that band's lines: only the others are tried.
        whole = []
        for candidate in candidates:
            zone = unread_zone(bands, [ring_bands[r] for r in candidate.rows])
            if zone is None:
                whole.append(candidate)
            elif not first_error:
                first_error = (
                    f"the rings read leave radius {zone[0]:.0f} to {zone[1]:.0f} px (of the picture as "
                    "read) round its centre unread: the pattern there reads as no ring of the code "
                    "(textured gores, or rings too fine for the picture's size run together)"
                )
        decodable: list[tuple[Candidate, Decoded, list[RingChoice]]] = []
        for candidate in whole[:8]:
            decoded, choices, error = decode_candidate(candidate, flow)
            if decoded is None:
                first_error = first_error or (
                    f"{len(candidate.rows)} rings of {count} gores in groups of {candidate.group}: {error}"
                )
                continue
            decodable.append((candidate, decoded, choices))
        if decodable:
            candidate, decoded, choices, rivals = most_plausible(decodable)
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
