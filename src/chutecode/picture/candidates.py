"""The ways to read a picture's gores as bits (colours taken as 1 or 0, direction, group size,
codec), likeliest first, and the one to give among those that decode."""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from chutecode.errors import DecodeError, ImageReadError
from chutecode.picture.gores import Cells, cell_clusters, likelihoods
from chutecode.picture.locate import SAME_COLOUR
from chutecode.picture.soft import Option, RingChoice, SymbolSet, finish, ring_options, symbol_sets
from chutecode.ringcode.decoder import Alternative, Decoded, decode

#: Most colour clusters tried as bits (2 ** n - 2 polarity assignments).
MAX_CLUSTERS = 6


#: Most share of the clearly read gores a reading may correct.
MAX_CORRECTED = 0.06


#: Most share of the gores a reading may fill in from the code (unclear, hidden, cut off).
MAX_GUESSED = 0.25


def palette_bits(palette: Any) -> list[tuple[np.ndarray, int]]:
    """Colours with a known bit from a palette hint: a mapping, an object or a name."""
    from PIL import ImageColor

    if palette is None:
        return []
    if isinstance(palette, str):
        palette = named_palette(palette)
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


def named_palette(name: str) -> Any:
    """A palette of chutecode\'s by name, for a palette hint given as a name."""
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


def polarities(centres: np.ndarray, known: list[tuple[np.ndarray, int]]) -> list[tuple[int, ...]]:
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


def for_pictures(message: str) -> str:
    """Drop the decoder's advice on ``alignment=``: a picture's rings share one radius."""
    at = message.find("alignment=")
    if at < 0:
        return message
    cut = max(message.rfind("; ", 0, at), message.rfind(": ", 0, at))
    return message[:cut] if cut > 0 else message


def groups_for(gores: int, hint: int | None) -> list[int]:
    """Group sizes to try: the hint, else 10, else the divisors of the gore count from 8 to 16."""
    if hint is not None:
        return [hint]
    if gores % 10 == 0:
        return [10]
    return [g for g in range(8, 17) if gores % g == 0][:2]


@dataclass
class Candidate:
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


def ring_candidates(
    l0: np.ndarray, l1: np.ndarray, rows: list[int], symbols: SymbolSet, group: int, mirrored: bool
) -> Candidate:
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
    return Candidate(total, rows, a0, a1, chosen, symbols, group, mirrored, spiral)


class UnreadBand(Exception):
    """A band between rings of the code that is no gap and reads as no ring."""


def lost_between(rows: list[int], labels: np.ndarray) -> list[int]:
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


def hiding_clusters(labels: np.ndarray, clusters: int) -> list[int]:
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
        if where.sum() < max(3, 0.05 * labels.size) and longest_run(where) < 6:
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


def longest_run(mask: np.ndarray) -> int:
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


def code_rows(l0: np.ndarray, l1: np.ndarray) -> list[int]:
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


def reading_candidates(
    cells: Cells,
    clean: np.ndarray,
    known: list[tuple[np.ndarray, int]],
    groups: list[int],
    codec: str | None,
    spacer: int | None,
) -> list[Candidate]:
    """Every reading worth decoding, likeliest first."""
    features, inside = cells.features, cells.inside
    rings, gores = features.shape[:2]
    seeds = np.repeat(clean, gores) & (inside.reshape(-1) > 0.9)
    labels, centres, spread = cell_clusters(
        features.reshape(-1, features.shape[-1]), seeds, MAX_CLUSTERS, SAME_COLOUR
    )
    if len(centres) < 2:
        return []
    hiders = hiding_clusters(labels.reshape(rings, gores), len(centres))
    if hiders and len(centres) - len(hiders) >= 2:
        # Cells of a colour confined to one sector across the rings are hidden (the riser, a
        # hand, a descent stage): they say nothing of their bits.
        hidden = np.isin(labels.reshape(rings, gores), hiders)
        centres = np.delete(centres, hiders, axis=0)
        inside = np.where(hidden, 0.0, inside).astype(np.float32)
    assignments = polarities(centres[:, :3], known)
    found: list[Candidate] = []
    quick: list[tuple[float, tuple[int, ...]]] = []
    grid = labels.reshape(rings, gores)
    for polarity in assignments:
        l0, l1 = likelihoods(features, inside, centres, spread, polarity)
        rows = code_rows(l0, l1)
        if not rows or lost_between(rows, grid):
            continue
        best = -math.inf
        for group in groups:
            for symbols in symbol_sets(group, codec, spacer):
                if symbols.name == "ascii" and codec is None:
                    continue  # the same groups as letters: ranked with them
                best = max(best, ring_candidates(l0, l1, rows, symbols, group, False).loglik)
        quick.append((best, polarity))
    quick.sort(key=lambda item: -item[0])
    if not quick and any(
        lost_between(code_rows(*likelihoods(features, inside, centres, spread, p)), grid) for p in assignments
    ):
        raise UnreadBand()
    for _, polarity in quick[:6]:
        l0, l1 = likelihoods(features, inside, centres, spread, polarity)
        rows = code_rows(l0, l1)
        for group in groups:
            for symbols in symbol_sets(group, codec, spacer):
                for mirrored in (False, True):
                    found.append(
                        replace(ring_candidates(l0, l1, rows, symbols, group, mirrored), polarity=polarity)
                    )
    found.sort(key=lambda c: -c.loglik)
    return found


def decode_candidate(candidate: Candidate, flow: str | None) -> tuple[Decoded | None, list[RingChoice], str]:
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
            error = error or for_pictures(str(exc))
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
        reread, again, _ = decode_candidate(words, "words")
        if reread is not None:
            candidate.spiral = words.spiral
            return reread, again, ""
    return None, choices, error


def most_plausible(
    decodable: list[tuple[Candidate, Decoded, list[RingChoice]]],
) -> tuple[Candidate, Decoded, list[RingChoice], list[Alternative]]:
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

    def rank(item: tuple[Candidate, Decoded, list[RingChoice]]) -> tuple[object, ...]:
        candidate, decoded, choices = item
        ones = sum(choice.bits.count("1") for choice in choices)
        used, controls, symbols, ones = plausibility(decoded, ones)
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
            why = how_else(candidate, other)
            rivals.append(Alternative(rival.message, rival.coordinates, rival.flow, why))
    return candidate, decoded, choices, rivals


def how_else(chosen: Candidate, other: Candidate) -> str:
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


def plausibility(decoded: Decoded, ones: int) -> tuple[int, ...]:
    """How plausible a decoding is as a message, best highest (see :func:`most_plausible`)."""
    used = sum(1 for ring in decoded.rings if ring.kind != "padding")
    controls = sum(1 for ch in decoded.message if unicodedata.category(ch).startswith("C"))
    symbols = sum(len(ring.symbols) for ring in decoded.rings)
    return used, -controls, -symbols, ones
