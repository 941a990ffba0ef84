"""Photo-like canopy pictures for testing the picture reader.

The simulator makes the kinds of picture people try to decode: chutecode's own renders, other
generators' drawings (words in fixed slots, a place ring restarting at the top, chevron ring
edges, a narrow outer band, outlines and hatching only, letters and "?" badges on the gores),
photos seen from below (slightly elliptical, suspension lines, a hidden sector, a lighting
gradient, a dark gap, video compression), and degradations: perspective up to 35 degrees, noise,
blur, JPEG down to quality 15, lines across, crops, ink on a gore, a page around a small canopy.

Every picture carries the message and place it was made from (the encoder's input, never the
reader's output). The painter here is independent of chutecode's renderers: it draws ring bits
as cells with cairo, gore 0 of every ring at 12 o'clock turned by ``rotation_deg``, clockwise.

    >>> cases = list(make_cases(20, seed=1))          # doctest: +SKIP
    >>> cases[0].kind, cases[0].message               # doctest: +SKIP
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import cairocffi as cairo
import numpy as np
from PIL import Image, ImageColor, ImageDraw, ImageFilter

import chutecode

#: Messages and places the pictures say (place None: no place ring).
MESSAGES: tuple[tuple[str, str | None], ...] = (
    ("DARE MIGHTY THINGS", "34 11 58 N 118 10 31 W"),
    ("HELLO WORLD", "51 28 40 N 0 0 5 W"),
    ("ONE SMALL STEP", "0 41 15 N 23 26 0 E"),
    ("TO THE STARS", "28 34 21 N 80 38 57 W"),
    ("ROVER LANDS", "18 26 40 N 77 27 0 E"),
    ("MARS", None),
)

#: The picture classes, each a function of the random generator (see :func:`make_cases`).
KINDS = (
    "render",
    "generator",
    "photo",
    "perspective",
    "degraded",
    "lines",
    "occluded",
    "cropped",
    "screenshot",
    "ink",
)


@dataclass(frozen=True)
class Case:
    """One simulated picture and what it says."""

    kind: str
    label: str
    image: Image.Image
    message: str
    coords: str | None


def coords_text(coords: str | None) -> str | None:
    """The place as the decoder writes it (DMS text), made by the coordinates parser."""
    if coords is None:
        return None
    return chutecode.encode("A", coords=coords).coordinates.text


# --- painting ring bits -------------------------------------------------------------------------


def _rgb(colour: str | tuple[int, int, int]) -> tuple[float, float, float]:
    if isinstance(colour, str):
        colour = ImageColor.getrgb(colour)[:3]
    return colour[0] / 255, colour[1] / 255, colour[2] / 255


def real_canopy_edges(count: int, band: float = 0.1) -> list[tuple[float, float]]:
    """Ring edges as fractions of the radius: disk rings from 0.09 to 0.80, gap, band of ``band``."""
    disk = count - 1
    if disk == 0:
        return [(0.09, 1.0)]
    edges = [0.09 + (0.80 - 0.09) * i / disk for i in range(disk + 1)]
    return [(edges[i], edges[i + 1]) for i in range(disk)] + [(1.0 - band, 1.0)]


def paint(
    rings: Sequence[str],
    size: int,
    *,
    edges: Sequence[tuple[float, float]] | None = None,
    one: str = "#DF6A33",
    zero: str = "#FFFFFF",
    background: str = "#FFFFFF",
    gap: str | None = None,
    rotation_deg: float = 0.0,
    outline: str | None = None,
    outline_px: float = 1.5,
    hatch: bool = False,
    chevron: float = 0.0,
    badges: int = 0,
    letters: bool = False,
    group: int = 10,
    seed: int = 0,
    margin: float = 0.03,
) -> Image.Image:
    """Paint ring bits (innermost first) as a canopy in a square picture of ``size`` px.

    ``chevron`` pushes the edges between disk rings outwards at each gore's middle by that share
    of the radius (the real canopy's panel shape); ``hatch`` draws 1 gores as hatching in the
    outline colour instead of filling them; ``badges`` puts that many "?" badges on gores;
    ``letters`` writes each group's letter on it.
    """
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, size, size)
    ctx = cairo.Context(surface)
    ctx.set_source_rgb(*_rgb(background))
    ctx.paint()
    centre = size / 2
    radius = size / 2 * (1 - margin)
    edges = list(edges or real_canopy_edges(len(rings)))
    gores = len(rings[0])
    step = 2 * math.pi / gores
    base = math.radians(rotation_deg) - math.pi / 2
    disk_outer = max(b for a, b in edges[:-1]) if len(edges) > 1 else edges[-1][1]
    if gap is not None and len(edges) > 1:
        ctx.set_source_rgb(*_rgb(gap))
        ctx.arc(centre, centre, edges[-1][0] * radius, 0, 2 * math.pi)
        ctx.arc_negative(centre, centre, disk_outer * radius, 2 * math.pi, 0)
        ctx.fill()

    def edge_radius(fraction: float, t: float) -> float:
        # t in [0, 1] across a gore; chevrons only on edges inside the disk.
        inside = edges[0][0] < fraction < disk_outer - 1e-9
        bump = chevron * (1 - abs(2 * t - 1)) if inside else 0.0
        return (fraction + bump) * radius

    def cell(k: int, inner: float, outer: float) -> None:
        ctx.new_path()
        samples = 8
        for i in range(samples + 1):
            t = i / samples
            angle = base + (k + t) * step
            r = edge_radius(inner, t)
            ctx.line_to(centre + r * math.cos(angle), centre + r * math.sin(angle))
        for i in range(samples, -1, -1):
            t = i / samples
            angle = base + (k + t) * step
            r = edge_radius(outer, t)
            ctx.line_to(centre + r * math.cos(angle), centre + r * math.sin(angle))
        ctx.close_path()

    line = outline or "#202020"
    for bits, (inner, outer) in zip(rings, edges, strict=True):
        for k, bit in enumerate(bits):
            cell(k, inner, outer)
            if bit == "1" and hatch:
                ctx.set_source_rgb(*_rgb(zero))
                ctx.fill_preserve()
                ctx.save()
                ctx.clip()
                ctx.set_source_rgb(*_rgb(line))
                ctx.set_line_width(max(1.0, size / 700))
                spacing = max(3.0, size / 180)
                for offset in np.arange(-size, size, spacing):
                    ctx.move_to(offset, 0)
                    ctx.line_to(offset + size, size)
                ctx.stroke()
                ctx.restore()
            else:
                ctx.set_source_rgb(*_rgb(one if bit == "1" else zero))
                ctx.fill()
            if outline is not None:
                cell(k, inner, outer)
                ctx.set_source_rgb(*_rgb(outline))
                ctx.set_line_width(outline_px)
                ctx.stroke()
    rng = np.random.default_rng(seed)
    if letters:
        ctx.set_source_rgb(0.1, 0.1, 0.1)
        for bits, (inner, outer) in zip(rings, edges, strict=True):
            mid = (inner + outer) / 2 * radius
            ctx.set_font_size(max(5.0, min(0.35 * (outer - inner) * radius, 0.6 * mid * step * group / 4)))
            for g in range(gores // group):
                value = int(bits[g * group + 3 : (g + 1) * group], 2)
                text = chr(64 + value) if 1 <= value <= 26 else ""
                if not text:
                    continue
                angle = base + (g + 0.5) * group * step
                extents = ctx.text_extents(text)
                ctx.move_to(
                    centre + mid * math.cos(angle) - extents[2] / 2,
                    centre + mid * math.sin(angle) + extents[3] / 2,
                )
                ctx.show_text(text)
    for _ in range(badges):
        ring = int(rng.integers(0, len(rings)))
        inner, outer = edges[ring]
        k = int(rng.integers(0, gores))
        mid = (inner + outer) / 2 * radius
        angle = base + (k + 0.5) * step
        x, y = centre + mid * math.cos(angle), centre + mid * math.sin(angle)
        badge = 0.32 * min((outer - inner) * radius, mid * step)
        ctx.arc(x, y, badge, 0, 2 * math.pi)
        ctx.set_source_rgb(1, 1, 1)
        ctx.fill_preserve()
        ctx.set_source_rgb(0.1, 0.1, 0.1)
        ctx.set_line_width(1)
        ctx.stroke()
        ctx.set_font_size(badge * 1.5)
        extents = ctx.text_extents("?")
        ctx.move_to(x - extents[2] / 2, y + extents[3] / 2)
        ctx.show_text("?")
    surface.flush()
    data = bytes(surface.get_data())
    image = Image.frombuffer("RGBA", (size, size), data, "raw", "BGRA", surface.get_stride(), 1)
    return image.convert("RGB")


def slot_bits(
    words: Sequence[str],
    coords: str | None,
    slots: Sequence[int],
    place_group: int = 0,
    gores: int = 80,
    group: int = 10,
) -> list[str]:
    """Ring bits with each word at a fixed group (not the spiral), and the place ring from
    ``place_group``: the layouts of generators that put words in the real canopy's slots."""
    count = gores // group

    def ring(values: Sequence[int], start: int) -> str:
        groups = ["1" * group] * count
        for i, v in enumerate(values):
            groups[(start + i) % count] = "000" + format(v, "07b")
        if len(values) < count:
            groups[(start + len(values)) % count] = "0001111111"
        return "".join(groups)

    rings = [ring([ord(c) - 64 for c in word], slot) for word, slot in zip(words, slots, strict=False)]
    if coords is not None:
        place = chutecode.encode("A", coords=coords).rings[-1]
        values = [s.value for s in place.symbols]
        rings.append(ring(values, place_group))
    return rings


def turned(bits: str, gores_turn: int) -> str:
    """A ring's bits turned clockwise by whole gores (gore 0 moves to ``gores_turn``)."""
    return bits[-gores_turn:] + bits[:-gores_turn] if gores_turn else bits


# --- what happens to a picture ---------------------------------------------------------------------


def homography_tilt(
    size: tuple[int, int], tilt_deg: float, axis_deg: float, distance: float = 2.2
) -> np.ndarray:
    """Homography (plane pixels -> picture pixels) of a picture's plane turned by ``tilt_deg`` about
    an axis at ``axis_deg`` through its middle, seen by a camera ``distance`` half-widths away."""
    w, h = size
    half = max(w, h) / 2
    t, a = math.radians(tilt_deg), math.radians(axis_deg)
    ux, uy = math.cos(a), math.sin(a)
    c, s = math.cos(t), math.sin(t)
    rot = np.array(
        [
            [c + ux * ux * (1 - c), ux * uy * (1 - c), uy * s],
            [ux * uy * (1 - c), c + uy * uy * (1 - c), -ux * s],
            [-uy * s, ux * s, c],
        ]
    )
    f = distance * half
    k = np.diag([f, f, 1.0])
    plane = np.column_stack([rot[:, 0], rot[:, 1], [0, 0, distance * half]])
    to_centre = np.array([[1, 0, -w / 2], [0, 1, -h / 2], [0, 0, 1]])
    back = np.array([[1, 0, w / 2], [0, 1, h / 2], [0, 0, 1]])
    return back @ k @ plane @ to_centre


def warp(
    image: Image.Image, forward: np.ndarray, fill: tuple[int, int, int] = (255, 255, 255)
) -> Image.Image:
    """The picture seen through ``forward`` (source pixels -> new pixels), same size, fitted to it."""
    w, h = image.size
    corners = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1], [w, h, 1]], dtype=float)
    mapped = (forward @ corners.T).T
    mapped = mapped[:, :2] / mapped[:, 2:3]
    lo, hi = mapped.min(axis=0), mapped.max(axis=0)
    scale = min(w / (hi[0] - lo[0]), h / (hi[1] - lo[1]))
    fit = np.array(
        [
            [scale, 0, -lo[0] * scale + (w - (hi[0] - lo[0]) * scale) / 2],
            [0, scale, -lo[1] * scale + (h - (hi[1] - lo[1]) * scale) / 2],
            [0, 0, 1],
        ]
    )
    inverse = np.linalg.inv(fit @ forward)
    inverse = inverse / inverse[2, 2]
    return image.transform(
        image.size,
        Image.Transform.PERSPECTIVE,
        tuple(inverse.ravel()[:8]),
        resample=Image.Resampling.BICUBIC,
        fillcolor=fill,
    )


def squash(image: Image.Image, ratio: float, angle_deg: float, fill: tuple[int, int, int]) -> Image.Image:
    """Shrink the picture to ``ratio`` along the direction ``angle_deg``: a canopy seen slightly off axis."""
    a = math.radians(angle_deg)
    u = np.array([math.cos(a), math.sin(a)])
    m = np.eye(2) - (1 - ratio) * np.outer(u, u)
    w, h = image.size
    forward = np.eye(3)
    forward[:2, :2] = m
    forward[:2, 2] = np.array([w / 2, h / 2]) - m @ np.array([w / 2, h / 2])
    return warp(image, forward, fill)


def gradient(image: Image.Image, strength: float, angle_deg: float) -> Image.Image:
    """Light falling off across the picture: brightness from ``1`` to ``1 - strength``."""
    w, h = image.size
    a = math.radians(angle_deg)
    ys, xs = np.mgrid[0:h, 0:w]
    t = ((xs - w / 2) * math.cos(a) + (ys - h / 2) * math.sin(a)) / max(w, h) + 0.5
    gain = 1 - strength * np.clip(t, 0, 1)
    return Image.fromarray(
        np.clip(np.asarray(image, dtype=np.float32) * gain[..., None], 0, 255).astype(np.uint8)
    )


def noise(image: Image.Image, sigma: float, rng: np.random.Generator) -> Image.Image:
    """Gaussian noise of ``sigma`` (0-255 levels) on every channel."""
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels + rng.normal(0, sigma, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def blur(image: Image.Image, radius: float) -> Image.Image:
    """Gaussian blur."""
    return image.filter(ImageFilter.GaussianBlur(radius))


def jpeg(image: Image.Image, quality: int) -> Image.Image:
    """The picture after a JPEG round trip at ``quality``."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def lines(
    image: Image.Image,
    count: int,
    rng: np.random.Generator,
    width: int = 2,
    colour: tuple[int, int, int] = (40, 40, 40),
) -> Image.Image:
    """Straight lines drawn right across the picture at random."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    for _ in range(count):
        a = rng.uniform(0, math.pi)
        cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
        dx, dy = math.cos(a) * w, math.sin(a) * h
        draw.line([(cx - dx, cy - dy), (cx + dx, cy + dy)], fill=colour, width=width)
    return out


def suspension_lines(
    image: Image.Image, count: int, rng: np.random.Generator, colour: tuple[int, int, int] = (70, 60, 55)
) -> Image.Image:
    """Lines from the canopy's rim to a point near its middle: suspension lines seen from below."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    hub = (w / 2 + rng.uniform(-0.05, 0.05) * w, h / 2 + rng.uniform(-0.05, 0.05) * h)
    offset = rng.uniform(0, 2 * math.pi)
    for i in range(count):
        a = offset + 2 * math.pi * i / count
        rim = (w / 2 + 0.485 * w * math.cos(a), h / 2 + 0.485 * h * math.sin(a))
        draw.line([rim, hub], fill=colour, width=1)
    return out


def hide_sector(
    image: Image.Image, start_deg: float, width_deg: float, colour: tuple[int, int, int], reach: float = 0.55
) -> Image.Image:
    """A wedge from the middle past the rim hidden by something in front (riser, descent stage)."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    points = [(w / 2, h / 2)]
    for k in range(13):
        a = math.radians(start_deg + width_deg * k / 12 - 90)
        points.append((w / 2 + reach * w * math.cos(a), h / 2 + reach * h * math.sin(a)))
    draw.polygon(points, fill=colour)
    return out


def crop(image: Image.Image, side: str, share: float) -> Image.Image:
    """Cut ``share`` of the width (or height) off one side."""
    w, h = image.size
    cut = int(round(share * (w if side in "lr" else h)))
    box = {"l": (cut, 0, w, h), "r": (0, 0, w - cut, h), "t": (0, cut, w, h), "b": (0, 0, w, h - cut)}[side]
    return image.crop(box)


def ink(
    image: Image.Image, centre: tuple[float, float], radius: float, colour: tuple[int, int, int]
) -> Image.Image:
    """A round blot of ink."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    x, y = centre
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    return out


def on_page(canopy: Image.Image, page: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    """The canopy on a web page: a header bar, lines of text, buttons and a sidebar around it."""
    w, h = page
    out = Image.new("RGB", page, (246, 246, 248))
    draw = ImageDraw.Draw(out)
    draw.rectangle([0, 0, w, 48], fill=(36, 41, 47))
    draw.text((16, 16), "Parachute message generator", fill=(255, 255, 255))
    side = int(w * 0.22)
    draw.rectangle([0, 48, side, h], fill=(232, 234, 238))
    for i in range(12):
        draw.text((12, 70 + 26 * i), f"Option {i + 1}: value", fill=(60, 60, 60))
    x = side + int(rng.integers(20, max(21, w - side - canopy.width - 20)))
    y = 60 + int(rng.integers(0, max(1, h - 60 - canopy.height - 80)))
    out.paste(canopy, (x, y))
    ty = min(h - 60, y + canopy.height + 12)
    draw.text((x, ty), "Your message: encode it in the canopy", fill=(30, 30, 30))
    draw.rounded_rectangle([x, ty + 20, x + 140, ty + 46], radius=6, fill=(223, 106, 51))
    draw.text((x + 14, ty + 26), "Download PNG", fill=(255, 255, 255))
    return out


# --- the cases --------------------------------------------------------------------------------------


def rendered(layout: chutecode.Layout, size: int, **design: object) -> Image.Image:
    """chutecode's PNG of ``layout``, ``size`` px square, with the design options given."""
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format="png", size=f"{size}px", dpi=96, **design)  # type: ignore[arg-type]
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def _layout(index: int) -> tuple[chutecode.Layout, str, str | None]:
    message, coords = MESSAGES[index % len(MESSAGES)]
    return chutecode.encode(message, coords=coords), message, coords


def _base(rng: np.random.Generator, size: int) -> tuple[Image.Image, str, str | None, tuple[int, int, int]]:
    """A chutecode render or a painted canopy, and its background colour."""
    layout, message, coords = _layout(int(rng.integers(0, len(MESSAGES))))
    if rng.random() < 0.5:
        palette = str(rng.choice(sorted(chutecode.PALETTES)))
        style = str(rng.choice(["dgb", "disk"]))
        image = rendered(layout, size, palette=palette, style=style, start_angle=float(rng.uniform(0, 360)))
        background = chutecode.PALETTES[palette].background
        return image, message, coords, background
    bits = [ring.bits for ring in layout.rings]
    image = paint(
        bits,
        size,
        rotation_deg=float(rng.uniform(0, 360)),
        gap="#FFFFFF",
        outline="#808080" if rng.random() < 0.5 else None,
        outline_px=1.0,
    )
    return image, message, coords, (255, 255, 255)


def make_case(kind: str, rng: np.random.Generator, small: bool = True) -> Case:
    """One picture of a class (see :data:`KINDS`), at the small sizes a test can afford."""
    size = int(rng.integers(480, 620)) if small else int(rng.integers(1200, 1600))
    if kind == "render":
        image, message, coords, _ = _base(rng, size)
        return Case(kind, "clean", image, message, coords)
    if kind == "generator":
        return _generator(rng, size)
    if kind == "photo":
        return _photo(rng, size)
    image, message, coords, background = _base(rng, size)
    label = ""
    if kind == "perspective":
        tilt = float(rng.uniform(10, 35))
        image = warp(image, homography_tilt(image.size, tilt, float(rng.uniform(0, 180))), background)
        label = f"tilt {tilt:.0f}"
    elif kind == "degraded":
        sigma = float(rng.uniform(5, 20))
        image = blur(image, float(rng.uniform(0.3, 1.2)))
        image = noise(image, sigma, rng)
        quality = int(rng.integers(15, 60))
        image = jpeg(image, quality)
        label = f"noise {sigma:.0f} jpeg {quality}"
    elif kind == "lines":
        image = lines(image, int(rng.integers(2, 7)), rng, width=int(rng.integers(1, 4)))
        label = "lines"
    elif kind == "occluded":
        width = float(rng.uniform(6, 16))
        image = hide_sector(image, float(rng.uniform(0, 360)), width, (60, 62, 66))
        label = f"sector {width:.0f} deg"
    elif kind == "cropped":
        share = float(rng.uniform(0.01, 0.03))
        image = crop(image, str(rng.choice(list("lrtb"))), share)
        label = f"crop {share:.1%}"
    elif kind == "screenshot":
        small_size = int(rng.integers(200, 400))
        image = on_page(
            image.resize((small_size, small_size), Image.Resampling.LANCZOS),
            (int(rng.integers(800, 1280)), int(rng.integers(600, 800))),
            rng,
        )
        label = f"{small_size} px on a page"
    elif kind == "ink":
        w, h = image.size
        a = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(0.25, 0.75) * w / 2
        image = ink(image, (w / 2 + r * math.cos(a), h / 2 + r * math.sin(a)), w * 0.012, (25, 25, 90))
        label = "ink"
    else:
        raise ValueError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
    return Case(kind, label, image, message, coords)


def _generator(rng: np.random.Generator, size: int) -> Case:
    """Other generators' drawings: layouts off the spiral and drawing styles chutecode does not use."""
    index = int(rng.integers(0, len(MESSAGES) - 1))
    message, coords = MESSAGES[index]
    layout = chutecode.encode(message, coords=coords)
    style = str(rng.choice(["slots", "restart", "chevron", "narrow", "hatch", "letters", "badges"]))
    bits = [ring.bits for ring in layout.rings]
    if style == "slots":
        words = message.split()
        bits = slot_bits(words, coords, [0, 4, 2, 6][: len(words)])
    elif style == "restart":
        bits = bits[:-1] + slot_bits([], coords, [], 0)
    options: dict[str, object] = {
        "rotation_deg": float(rng.uniform(0, 360)),
        "outline": "#7F7F7F",
        "outline_px": 1.2,
        "gap": "#FFFFFF",
    }
    if style == "chevron":
        options.update(
            chevron=float(rng.uniform(0.02, 0.05)),
            outline=None,
            background="#2A2A2A",
            gap="#2A2A2A",
            one="#FF6A00",
        )
    elif style == "narrow":
        options.update(
            edges=real_canopy_edges(len(bits), band=float(rng.uniform(0.025, 0.04))),
            outline=None,
            background="#2A2A2A",
            gap="#2A2A2A",
        )
    elif style == "hatch":
        options.update(hatch=True, outline="#000000", one="#FFFFFF")
    elif style == "letters":
        options.update(letters=True)
    elif style == "badges":
        options.update(badges=int(rng.integers(1, 4)), seed=int(rng.integers(0, 1 << 30)))
    image = paint(bits, size, **options)  # type: ignore[arg-type]
    return Case("generator", style, image, message, coords)


def _photo(rng: np.random.Generator, size: int) -> Case:
    """A landing-video frame: the canopy from below, off axis, lines, a hidden sector, a dark gap."""
    layout, message, coords = _layout(int(rng.integers(0, len(MESSAGES) - 1)))
    bits = [ring.bits for ring in layout.rings]
    sky = (int(rng.integers(150, 200)), int(rng.integers(120, 160)), int(rng.integers(100, 140)))
    image = paint(
        bits,
        size,
        rotation_deg=float(rng.uniform(0, 360)),
        one="#D9542B",
        zero="#F4F1EC",
        background="#{:02x}{:02x}{:02x}".format(*sky),
        gap="#2B2522",
        margin=0.06,
    )
    image = suspension_lines(image, int(rng.choice([20, 40, 80])), rng)
    image = hide_sector(image, float(rng.uniform(0, 360)), float(rng.uniform(5, 12)), (70, 66, 64))
    image = squash(image, float(rng.uniform(0.88, 0.97)), float(rng.uniform(0, 180)), sky)
    image = gradient(image, float(rng.uniform(0.15, 0.35)), float(rng.uniform(0, 360)))
    image = noise(blur(image, 0.8), 4, rng)
    image = jpeg(image, int(rng.integers(30, 70)))
    return Case("photo", "frame", image, message, coords)


def make_cases(
    count: int, seed: int = 12, kinds: Sequence[str] = KINDS, small: bool = True
) -> Iterator[Case]:
    """``count`` pictures, the classes taken in turn, from one seed (the same every run)."""
    rng = np.random.default_rng(seed)
    for index in range(count):
        yield make_case(kinds[index % len(kinds)], rng, small)
