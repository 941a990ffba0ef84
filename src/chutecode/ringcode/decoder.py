"""The ring decoder: ring bits back to the message and the place (SPEC section 5).

A decoder gets bits, not context. Each ring may have been read from any gore,
so every ring is parsed on its own: the terminator and fill groups fix where
a line ends, the hemisphere letters fix the coordinate ring, and the spiral
(each line starts where the previous one ended) turns that into the rotation
of the reading. A ring full of symbols has nothing of its own to fix where its
line starts; it is placed by the rotation the other rings share. When nothing
anchors it, the default alignment reads it as given (from gore 0) and lists
the other readings in :attr:`Decoded.alternatives`; so does a reading that is
truly ambiguous (an 8-letter word a ring reads as words or as one stream, an
outer ring that reads as a place or as a word). Never a silent pick.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from chutecode.errors import ChutecodeError, CodecError, DecodeError
from chutecode.limits import MAX_ALTERNATIVES, MAX_GORES, MAX_RINGS
from chutecode.ringcode.codec import CODECS, Codec, get_codec
from chutecode.ringcode.coordinates import Coordinates
from chutecode.ringcode.encoder import COORDINATE_SYMBOLS, FLOWS
from chutecode.ringcode.layout import Layout

__all__ = ["decode", "Decoded", "DecodedRing", "Alternative", "Alignment"]

Alignment = Literal["auto", "independent", "shared", "reference"]
ALIGNMENTS = ("auto", "independent", "shared", "reference")


@dataclass(frozen=True)
class DecodedRing:
    """What one ring said.

    Attributes:
        number: the ring's number, 1 for the innermost.
        kind: ``line``, ``coordinates`` or ``padding``.
        rotation: gores to add to an index of the reading to get the gore
            index of the canopy (0 when the reading began at the reference
            gore); ``None`` for padding.
        start_group: the group where the ring's first symbol sits.
        spacer: spacer bits of its groups.
        data: data bits of its groups.
        symbols: symbol values in reading order.
        text: the ring's text (a line, or the place in DMS).
    """

    number: int
    kind: str
    rotation: int | None
    start_group: int
    spacer: int
    data: int
    symbols: tuple[int, ...]
    text: str

    # --- how sure a reading from a picture is (chutecode.picture sets these; bits leave them empty) ---
    #: the chance that every symbol of the ring is right (0-1), ``None`` when read from bits.
    confidence: float | None = None
    #: per symbol, in the order of ``symbols``, the chance that its value is right.
    symbol_confidence: tuple[float, ...] = ()
    #: gores (canopy gore numbers, 0 = gore 0) whose colour read clearly but against the code's
    #: structure, and were corrected.
    corrected: tuple[int, ...] = ()
    #: gores that could not be read (hidden, outside the picture, unclear) and were filled in.
    guessed: tuple[int, ...] = ()
    # --- end of picture-reading fields ---


@dataclass(frozen=True)
class Alternative:
    """Another reading of the same bits: its message, place and flow, and what differs.

    Attributes:
        message: the message this reading gives.
        coordinates: the place it gives, or ``None``.
        flow: ``words`` or ``stream``.
        why: what was read otherwise, e.g. ``ring 2 turned by 30 gores``.
    """

    message: str
    coordinates: Coordinates | None
    flow: str
    why: str

    @property
    def coords_text(self) -> str | None:
        """The place as DMS text, or ``None``."""
        return None if self.coordinates is None else self.coordinates.text

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {"message": self.message, "coords": self.coords_text, "flow": self.flow, "why": self.why}


@dataclass(frozen=True)
class Decoded:
    """A decoded canopy: message, place and per-ring details.

    ``alternatives`` lists the other readings of the same bits when the reading
    is not certain (a full ring that nothing anchors, words or one stream, a
    place or a word); it is empty when the bits read one way only.
    """

    message: str
    coordinates: Coordinates | None
    codec: str
    flow: str
    rings: tuple[DecodedRing, ...]
    #: Each ring's bits as they were read, innermost first (what ``Canopy.from_decoded`` redraws).
    bits: tuple[str, ...] = field(default=(), repr=False)
    alternatives: tuple[Alternative, ...] = ()

    @property
    def certain(self) -> bool:
        """True when the bits read one way only (no :attr:`alternatives`)."""
        return not self.alternatives

    # --- how sure a reading from a picture is (chutecode.picture sets these; bits leave them empty) ---
    #: the least confidence of any ring (0-1), ``None`` when read from bits.
    confidence: float | None = None
    #: what a reader should know before trusting the reading: one sentence each.
    warnings: tuple[str, ...] = ()
    # --- end of picture-reading fields ---

    @property
    def latitude(self) -> float | None:
        """Latitude in decimal degrees, or ``None`` without a coordinate ring."""
        return None if self.coordinates is None else self.coordinates.latitude

    @property
    def longitude(self) -> float | None:
        """Longitude in decimal degrees, or ``None`` without a coordinate ring."""
        return None if self.coordinates is None else self.coordinates.longitude

    @property
    def coords_text(self) -> str | None:
        """The place as DMS text, or ``None`` without a coordinate ring."""
        return None if self.coordinates is None else self.coordinates.text

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {
            "message": self.message,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "coords": self.coords_text,
            "codec": self.codec,
            "flow": self.flow,
            "rings": [
                {
                    "ring": r.number, "kind": r.kind, "rotation": r.rotation,
                    "start_group": r.start_group, "spacer": r.spacer, "data": r.data,
                    "symbols": list(r.symbols), "text": r.text,
                }
                for r in self.rings
            ],
            "certain": self.certain,
            "alternatives": [alternative.to_dict() for alternative in self.alternatives],
        } | _picture_fields(self)


def _picture_fields(decoded: Decoded) -> dict[str, object]:
    """The picture-reading fields of :meth:`Decoded.to_dict`: present only when a picture was read."""
    if decoded.confidence is None and not decoded.warnings:
        return {}
    return {
        "confidence": None if decoded.confidence is None else round(decoded.confidence, 4),
        "warnings": list(decoded.warnings),
        "ring_confidence": [
            {
                "ring": r.number,
                "confidence": None if r.confidence is None else round(r.confidence, 4),
                "symbol_confidence": [round(c, 4) for c in r.symbol_confidence],
                "corrected_gores": list(r.corrected),
                "guessed_gores": list(r.guessed),
            }
            for r in decoded.rings
        ],
    }


# --- parsing one ring ------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """One way to read a ring: its symbols in order and where the first sits."""

    kind: str                 # "line", "full", "coordinates", "padding"
    symbols: tuple[int, ...]
    first_gore: int           # index in the reading of the first symbol's first gore
    spacer: int


def _classify(chunk: str, spacer: int) -> int | str | None:
    """A group's class: ``"F"`` fill, ``"T"`` terminator, a value, or None."""
    if chunk.count("1") == len(chunk):
        return "F"
    if chunk[:spacer].count("0") != spacer:
        return None
    data = chunk[spacer:]
    if data.count("1") == len(data):
        return "T"
    return int(data, 2)


def _readings(bits: str, group: int, spacer: int) -> list[_Reading]:
    """Every structurally valid reading of a ring (SPEC sections 1 and 3)."""
    gores = len(bits)
    count = gores // group
    out: list[_Reading] = []
    for phase in range(group):
        turned = bits[phase:] + bits[:phase]
        classes = [_classify(turned[i * group:(i + 1) * group], spacer) for i in range(count)]
        if any(c is None for c in classes):
            continue
        terminators = [i for i, c in enumerate(classes) if c == "T"]
        if not terminators:
            if all(c == "F" for c in classes):
                out.append(_Reading("padding", (), phase, spacer))
            elif not any(c == "F" for c in classes):
                for start in range(count):
                    order = classes[start:] + classes[:start]
                    out.append(_Reading("full", tuple(order), (phase + start * group) % gores, spacer))  # type: ignore[arg-type]
            continue
        if len(terminators) > 1:
            continue
        t = terminators[0]
        order = classes[t + 1:] + classes[:t]  # after the terminator, round to it
        fills = 0
        while fills < len(order) and order[fills] == "F":
            fills += 1
        symbols = order[fills:]
        if any(c == "F" for c in symbols):
            continue
        # No symbols: a terminator and fill only, the ring that ends a stream which filled its rings.
        first = (t + 1 + fills) % count
        out.append(_Reading("line", tuple(symbols), (phase + first * group) % gores, spacer))  # type: ignore[arg-type]
    return out


def _coordinates(symbols: Sequence[int], codec: Codec) -> Coordinates | None:
    if len(symbols) != COORDINATE_SYMBOLS:
        return None
    hemis = {codec.letter_value(h): h for h in "NSEW"}
    lat_h, lon_h = hemis.get(symbols[3]), hemis.get(symbols[7])
    if lat_h not in ("N", "S") or lon_h not in ("E", "W"):
        return None
    try:
        return Coordinates(symbols[0], symbols[1], symbols[2], lat_h,  # type: ignore[arg-type]
                           symbols[4], symbols[5], symbols[6], lon_h)  # type: ignore[arg-type]
    except ChutecodeError:
        return None


# --- the whole canopy ------------------------------------------------------


@dataclass
class _Ring:
    """Work state of one ring while the canopy is decoded."""

    number: int
    kind: str
    readings: list[_Reading]
    start_group: int = 0
    chosen: _Reading | None = None


def _clean(source: Sequence[str]) -> list[str]:
    if isinstance(source, str) or not isinstance(source, Sequence) or not source:
        raise DecodeError(
            f"rings {source!r:.60} are not a list of ring bit strings: give one string of 0 and 1 a ring"
        )
    if len(source) > MAX_RINGS:
        raise DecodeError(f"{len(source)} rings are more than the limit of {MAX_RINGS}: give at most "
                          f"{MAX_RINGS} ring bit strings")
    rings = []
    for number, raw in enumerate(source, start=1):
        if not isinstance(raw, str):
            raise DecodeError(f"ring {number} is {raw!r:.60}, not a string of 0 and 1")
        bits = "".join(raw.split()) if len(raw) <= 4 * MAX_GORES else raw
        if len(bits) > MAX_GORES:
            raise DecodeError(f"ring {number} has {len(bits)} bits, more than the limit of {MAX_GORES} "
                              "gores: give one ring a line")
        bad = set(bits) - {"0", "1"}
        if bad or not bits:
            raise DecodeError(
                f"ring {number} {raw[:40]!r} has characters other than 0 and 1"
                + (f" ({''.join(sorted(bad))[:10]!r})" if bad else "")
            )
        rings.append(bits)
    lengths = {len(bits) for bits in rings}
    if len(lengths) != 1:
        raise DecodeError(
            f"rings have different gore counts ({', '.join(str(len(b)) for b in rings)}): "
            "every ring of a canopy has the same number of gores"
        )
    return rings


def decode(
    source: Layout | Sequence[str],
    *,
    codec: str | None = None,
    flow: str | None = None,
    group: int | None = None,
    spacer: int | None = None,
    alignment: Alignment = "auto",
    coordinates: bool | None = None,
) -> Decoded:
    """Read a canopy back: its message, its place and how each ring was read.

    Args:
        source: a :class:`Layout`, or ring bit strings innermost first, each
            possibly read from any gore (whitespace inside a string is ignored).
        codec: ``letters``, ``ascii`` or ``utf8``; ``None`` tries them in turn.
        flow: ``words`` or ``stream``; ``None`` takes ``stream`` when a line
            holds a space symbol and ``words`` otherwise.
        group: gores in a group; ``None`` means 10.
        spacer: spacer bits; ``None`` means the codec's default.
        alignment: how the readings relate. ``independent``: each ring was
            read from its own arbitrary gore. ``shared``: all rings were read
            from one, unknown, radius (a photo). ``reference``: every ring was
            read from gore 0. ``auto`` (default) is ``independent``, except
            that a full ring takes the rotation that all anchored rings agree on.
        coordinates: whether the outermost ring is a coordinate ring; ``None``
            tells it by its content (hemisphere letters and valid ranges).

    Raises:
        DecodeError: naming the ring that could not be read and why.
    """
    if isinstance(source, Layout):
        scheme = source.scheme
        bits = [ring.bits for ring in source.rings]
        codec = codec or scheme.codec
        flow = flow or scheme.flow
        group = group or scheme.group
        spacer = spacer if spacer is not None else scheme.spacer
        alignment = "reference"
        coordinates = source.coordinates is not None
    else:
        bits = _clean(source)
    if alignment not in ALIGNMENTS:
        raise DecodeError(f"alignment {alignment!r} is not known: use one of {', '.join(ALIGNMENTS)}")
    if flow is not None and flow not in FLOWS:
        raise DecodeError(f"flow {flow!r} is not known: use one of {', '.join(FLOWS)}")
    group = 10 if group is None else group
    gores = len(bits[0])
    if not isinstance(group, int) or group < 2 or gores % group:
        raise DecodeError(
            f"rings of {gores} gores do not split into groups of {group!r}: "
            "pass the group size the canopy uses (a divisor of the gore count)"
        )
    if spacer is not None and (not isinstance(spacer, int) or isinstance(spacer, bool)):
        raise DecodeError(f"spacer {spacer!r:.40} is not valid: give a whole number of bits, or None")
    if coordinates not in (None, True, False):
        raise DecodeError(f"coordinates {coordinates!r:.40} is not valid: give True, False or None")
    codecs = [get_codec(codec)] if codec is not None else list(CODECS.values())
    failures: list[tuple[int, str, DecodeError]] = []
    for cdc in codecs:
        sp = spacer if spacer is not None else cdc.default_spacer(group)
        if not 1 <= sp < group or group - sp < cdc.min_data_bits:
            failures.append((0, cdc.name, DecodeError(
                f"spacer {sp} does not suit the {cdc.name} codec in groups of {group}")))
            continue
        progress = _Progress()
        try:
            return _decode_with(bits, cdc, flow, group, sp, alignment, coordinates, progress)
        except DecodeError as exc:
            failures.append((progress.stage, cdc.name, exc))
        if flow is None and progress.stage == 2:
            # Words were guessed (no space symbol) but do not form text: a stream may
            # (a character whose bytes run from one full ring to the next).
            try:
                return _decode_with(bits, cdc, "stream", group, sp, alignment, coordinates, _Progress())
            except DecodeError:
                pass
    # Report the codec that read furthest: its error says what is really wrong.
    furthest = max(stage for stage, _, _ in failures)
    best = [(name, exc) for stage, name, exc in failures if stage == furthest]
    if len(best) == 1 and codec is not None:
        raise best[0][1]
    raise DecodeError("; ".join(f"read as {name}: {exc}" for name, exc in best))


class _Progress:
    """How far a decoding got: 0 ring structure, 1 symbols, 2 placing the lines."""

    stage = 0


def _decode_with(
    bits: list[str], cdc: Codec, flow: str | None, group: int, spacer: int, alignment: str,
    coordinates: bool | None, progress: _Progress,
) -> Decoded:
    gores = len(bits[0])
    count = gores // group
    flow_given = flow
    rings = [_Ring(n, "", _readings(b, group, spacer)) for n, b in enumerate(bits, start=1)]

    # The outermost ring is the coordinate ring when its content says so; its
    # data may be one bit wider (a longitude of 128° or more).
    last = rings[-1]
    coordinate_readings: list[_Reading] = []
    for sp in ((spacer, spacer - 1) if spacer > 1 else (spacer,)) if coordinates is not False else ():
        for r in _readings(bits[-1], group, sp) if sp != spacer else last.readings:
            if r.kind in ("line", "full") and _coordinates(r.symbols, cdc) is not None:
                coordinate_readings.append(r)
        if coordinate_readings:
            break
    as_text = last.readings  # the outer ring's readings as groups of the message, kept for below
    if coordinate_readings:
        last.kind = "coordinates"
        last.readings = coordinate_readings
    elif coordinates:
        raise DecodeError(
            f"ring {last.number}, the outermost, does not read as a place: it needs degrees, "
            "minutes, seconds and a hemisphere letter (N/S, then E/W) in 8 groups"
        )

    # Classify every other ring, and check that each is readable at all.
    for ring in rings:
        if ring.kind:
            continue
        if not ring.readings:
            raise DecodeError(
                f"ring {ring.number} has no reading in groups of {group} with a {spacer}-bit "
                f"spacer: a group is {spacer} zeros and {group - spacer} data bits, a terminator "
                f"or a fill of ones"
            )
        kinds = {r.kind for r in ring.readings}
        if kinds == {"padding"}:
            ring.kind = "padding"
        elif "line" in kinds:
            ring.kind = "line"
            ring.readings = [r for r in ring.readings if r.kind == "line"]
        else:
            ring.kind = "full"

    message_rings = [r for r in rings if r.kind in ("line", "full")]
    if not message_rings and last.kind != "coordinates":
        raise DecodeError("no ring holds a message or a place: every ring is fill")

    progress.stage = 1
    # Flow: a space symbol, or a ring that only ends the stream, means the stream flow.
    ends = [ring for ring in message_rings if all(not r.symbols for r in ring.readings)]
    if flow is None:
        has_space = any(cdc.space in r.symbols for ring in message_rings for r in ring.readings)
        flow = "stream" if has_space or ends else "words"
    for ring in message_rings:
        ring.readings = [
            r for r in ring.readings
            if all(cdc.is_symbol(v, allow_space=flow == "stream") for v in r.symbols)
        ]
        if not ring.readings:
            raise DecodeError(
                f"ring {ring.number} holds values that are not {cdc.name} symbols"
                + (" (a space needs the stream flow)" if flow == "words" else "")
            )
        lengths = {len(r.symbols) for r in ring.readings}
        if len(lengths) > 1:
            raise DecodeError(f"ring {ring.number} reads as lines of {sorted(lengths)} symbols: ambiguous")
    if ends and flow == "words":
        raise DecodeError(f"ring {ends[0].number} holds only a terminator, which ends a stream that fills "
                          "its rings: use flow='stream'")
    if ends and (ends[0] is not message_rings[-1] or len(message_rings) == 1):
        raise DecodeError(f"ring {ends[0].number} holds only a terminator, which only follows the full "
                          "rings of a stream")
    if flow == "stream":
        for ring in message_rings[:-1]:
            if ring.kind != "full":
                raise DecodeError(
                    f"ring {ring.number} ends its line before the last message ring: "
                    "not a stream (try flow='words')"
                )

    progress.stage = 2
    # The spiral: every line starts where the previous one ended.
    start = 0
    for ring in rings:
        ring.start_group = start
        if ring.kind in ("line", "full"):
            start = (start + len(ring.readings[0].symbols)) % count

    def rotation_of(ring: _Ring, reading: _Reading) -> int:
        return (ring.start_group * group - reading.first_gore) % gores

    # A ring anchors itself when all its readings agree on the symbols and the
    # rotation: a line with a terminator, a place fixed by its hemisphere
    # letters. The others (full rings, a place that reads two ways) take the
    # rotation the anchored rings share.
    anchors: list[_Ring] = []
    loose: list[_Ring] = []
    for ring in rings:
        if ring.kind == "padding":
            continue
        if len({(r.symbols, rotation_of(ring, r)) for r in ring.readings}) == 1:
            ring.chosen = ring.readings[0]
            anchors.append(ring)
        else:
            loose.append(ring)

    shared: int | None = None
    anchored = {rotation_of(r, r.chosen) for r in anchors if r.chosen is not None}
    if alignment == "reference":
        shared = 0
        for ring in anchors:
            if ring.chosen is not None and rotation_of(ring, ring.chosen) != 0:
                raise DecodeError(
                    f"ring {ring.number} does not start where the spiral puts it "
                    f"(group {ring.start_group}) when read from gore 0"
                )
    elif alignment in ("shared", "auto") and len(anchored) == 1:
        shared = anchored.pop()
    elif alignment == "shared" and len(anchored) > 1:
        raise DecodeError(
            f"the rings do not share one rotation (they read at {sorted(anchored)} gores): "
            "use alignment='independent' for rings read from different gores"
        )

    # Readings of the rings that nothing anchors: with alignment='auto' the one read
    # from gore 0 (as given) first, the others become the alternatives.
    open_rings: list[tuple[_Ring, list[_Reading]]] = []
    for ring in loose:
        if shared is not None:
            fitting = [r for r in ring.readings if rotation_of(ring, r) == shared]
            if not fitting:
                raise DecodeError(
                    f"ring {ring.number} has no reading at the rotation of the other rings "
                    f"({shared} gores)"
                )
            ring.chosen = fitting[0]
            continue
        orders = sorted({r.symbols for r in ring.readings})
        as_given = sorted(ring.readings, key=lambda r: (rotation_of(ring, r) != 0, rotation_of(ring, r)))
        if len(orders) == 1:
            ring.chosen = as_given[0]
            continue
        if alignment == "auto":
            distinct: dict[tuple[int, ...], _Reading] = {}
            for reading in as_given:
                distinct.setdefault(reading.symbols, reading)
            ring.chosen = as_given[0]
            open_rings.append((ring, list(distinct.values())))
            continue
        advice = ("give the rings as read from gore 0 (alignment='reference') or from one radius "
                  "(alignment='shared')")
        if ring.kind == "coordinates":
            places = sorted({p.text for p in (_coordinates(o, cdc) for o in orders) if p})
            raise DecodeError(f"ring {ring.number} reads as more than one place "
                              f"({', '.join(places)}) and nothing anchors it: {advice}")
        shown = ", ".join(repr(_safe_text(order, cdc)) for order in orders[:4])
        raise DecodeError(
            f"ring {ring.number} is full of symbols and nothing anchors where its line starts: "
            f"it reads as {shown}{' ...' if len(orders) > 4 else ''}; {advice}"
        )

    decoded, others = _readings_of(rings, open_rings, cdc, flow, group, rotation_of)
    others.extend(_flow_alternatives(decoded, rings, cdc, flow_given))
    # The outer ring may read as a line of the message too: from any group where its values are
    # all symbols of the codec (the place's own groups, or others: the letters of AAEAAAS, read
    # from its fourth group, make 1°01'01"S 127°01'01"E).
    if coordinates is None and last.kind == "coordinates" and any(
            r.kind in ("line", "full") and all(cdc.is_symbol(v, allow_space=True) for v in r.symbols)
            for r in (*as_text, *coordinate_readings)):
        others.extend(_line_alternatives(bits, cdc, flow_given, group, spacer, alignment))
    return replace(_with_alternatives(decoded, others), bits=tuple(bits))


def _readings_of(
    rings: list[_Ring], open_rings: list[tuple[_Ring, list[_Reading]]], cdc: Codec, flow: str,
    group: int, rotation_of: Callable[[_Ring, _Reading], int],
) -> tuple[Decoded, list[Alternative]]:
    """The first reading that forms text, and the readings that differ from it in one open ring."""
    choices: list[tuple[str, dict[int, _Reading]]] = [("", {})]
    for ring, candidates in open_rings:
        for reading in candidates:
            if reading is not ring.chosen:
                rotation = rotation_of(ring, reading)
                choices.append((f"ring {ring.number} turned by {rotation} gores", {ring.number: reading}))
    found: list[tuple[str, Decoded]] = []
    error: DecodeError | None = None
    for why, changes in choices[:10 * MAX_ALTERNATIVES]:
        saved = {ring.number: ring.chosen for ring in rings if ring.number in changes}
        for ring in rings:
            if ring.number in changes:
                ring.chosen = changes[ring.number]
        try:
            found.append((why, _assemble(rings, cdc, flow, group, rotation_of)))
        except DecodeError as exc:
            error = error or exc
        finally:
            for ring in rings:
                if ring.number in saved:
                    ring.chosen = saved[ring.number]
        if len(found) > MAX_ALTERNATIVES:
            break
    if not found:
        assert error is not None
        raise error
    first = found[0][1]
    why_first = found[0][0]
    others = [Alternative(d.message, d.coordinates, d.flow, why) for why, d in found[1:]]
    if why_first:  # the reading as given did not form text: say which ring was turned
        others.insert(0, Alternative(first.message, first.coordinates, first.flow, why_first))
    return first, others


def _flow_alternatives(decoded: Decoded, rings: list[_Ring], cdc: Codec,
                       flow_given: str | None) -> list[Alternative]:
    """Words read as one stream: full rings then a line give the same bits either way."""
    lines = [ring for ring in rings if ring.kind in ("line", "full")]
    if flow_given is not None or decoded.flow != "words" or len(lines) < 2 \
            or any(ring.kind != "full" for ring in lines[:-1]):
        return []
    values = [v for ring in lines for v in (ring.chosen.symbols if ring.chosen else ())]
    try:
        message = cdc.decode_symbols(values)
    except CodecError:
        return []
    why = "read as one stream (flow='stream'): the same bits"
    return [Alternative(message, decoded.coordinates, "stream", why)]


def _line_alternatives(bits: list[str], cdc: Codec, flow: str | None, group: int, spacer: int,
                       alignment: str) -> list[Alternative]:
    """The outer ring read as a line of the message instead of a place."""
    try:
        other = _decode_with(bits, cdc, flow, group, spacer, alignment, False, _Progress())
    except DecodeError:
        return []
    why = f"ring {len(bits)} read as a word, not a place (coordinates=False)"
    return [Alternative(other.message, None, other.flow, why),
            *(Alternative(a.message, a.coordinates, a.flow, f"{why}; {a.why}") for a in other.alternatives)]


def _with_alternatives(decoded: Decoded, others: list[Alternative]) -> Decoded:
    """``decoded`` with the distinct other readings, at most :data:`MAX_ALTERNATIVES`."""
    seen = {(decoded.message, decoded.coords_text)}
    kept: list[Alternative] = []
    for alternative in others:
        key = (alternative.message, alternative.coords_text)
        if key not in seen:
            seen.add(key)
            kept.append(alternative)
    if not kept:
        return decoded
    return dataclasses.replace(decoded, alternatives=tuple(kept[:MAX_ALTERNATIVES]))


def _safe_text(values: Sequence[int], cdc: Codec) -> str:
    try:
        return cdc.decode_symbols(values)
    except CodecError:
        return " ".join(cdc.symbol_label(v) for v in values)


def _assemble(
    rings: list[_Ring], cdc: Codec, flow: str, group: int,
    rotation_of: Callable[[_Ring, _Reading], int],
) -> Decoded:
    lines: list[tuple[int, ...]] = []
    details = []
    place: Coordinates | None = None
    for ring in rings:
        if ring.kind == "padding":
            details.append(DecodedRing(ring.number, "padding", None, ring.start_group,
                                       ring.readings[0].spacer, group - ring.readings[0].spacer, (), ""))
            continue
        chosen = ring.chosen
        assert chosen is not None
        kind = "coordinates" if ring.kind == "coordinates" else "line"
        if kind == "coordinates":
            place = _coordinates(chosen.symbols, cdc)
            text = place.text if place else ""
        else:
            lines.append(chosen.symbols)
            text = _safe_text(chosen.symbols, cdc)
        details.append(DecodedRing(ring.number, kind, rotation_of(ring, chosen), ring.start_group,
                                   chosen.spacer, group - chosen.spacer, chosen.symbols, text))
    try:
        if flow == "stream":
            message = cdc.decode_symbols([v for line in lines for v in line])
        else:
            message = " ".join(cdc.decode_symbols(line) for line in lines)
    except CodecError as exc:
        raise DecodeError(f"the lines do not form {cdc.name} text: {exc}") from None
    if message != " ".join(message.split()):
        raise DecodeError(
            f"the rings read as {message[:60]!r}, which has spaces at an end or two in a row: "
            "no encoded message has them, so the bits are misread"
        )
    return Decoded(message=message, coordinates=place, codec=cdc.name, flow=flow, rings=tuple(details))
