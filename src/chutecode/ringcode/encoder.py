"""The ring encoder: message and place in, :class:`~chutecode.ringcode.layout.Layout` out.

The steps follow SPEC sections 1-4: normalise the text with the codec, split
it into lines (one word a line, or one ring's worth of a stream), lay each
line on its own ring where the previous one ended (the clockwise spiral),
close every partly used ring with a terminator group and fill groups (a
stream that fills its last ring gets one more ring, a terminator and fill),
and add the coordinate ring outermost. Inputs are held to the limits of
:mod:`chutecode.limits` before anything is built.
"""

from __future__ import annotations

from collections.abc import Sequence

from chutecode.errors import CapacityError, CoordinateError, SchemeError
from chutecode.limits import MAX_GORES, MAX_RINGS
from chutecode.ringcode.codec import Codec, get_codec
from chutecode.ringcode.coordinates import Coordinates, parse_coordinates
from chutecode.ringcode.layout import Layout, Ring, Scheme, Symbol

__all__ = ["encode", "make_scheme", "FLOWS", "COORDINATE_SYMBOLS"]

FLOWS = ("words", "stream")

#: Symbols on a coordinate ring: degrees, minutes, seconds and hemisphere, twice.
COORDINATE_SYMBOLS = 8


def make_scheme(
    *, gores: int = 80, group: int = 10, spacer: int | None = None,
    codec: str = "letters", flow: str = "words",
) -> Scheme:
    """Check and build a :class:`Scheme`; raises :class:`SchemeError` when invalid."""
    cdc = get_codec(codec)
    if flow not in FLOWS:
        raise SchemeError(f"flow {flow!r} is not known: use one of {', '.join(FLOWS)}")
    for name, value in (("gores", gores), ("group", group)):
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise SchemeError(f"{name} {value!r} is not valid: use a positive whole number")
    if gores > MAX_GORES:
        raise SchemeError(f"gores {gores} is more than the limit of {MAX_GORES}: use {MAX_GORES} or fewer "
                          "(the real canopy has 80)")
    if group > gores:
        raise SchemeError(f"group {group} is more than the {gores} gores of a ring: use a group size that "
                          "divides the gore count, such as 10")
    if gores % group:
        lower, upper = gores - gores % group, gores - gores % group + group
        hint = f"{lower} or {upper}" if lower and upper <= MAX_GORES else f"{lower or upper}"
        raise SchemeError(
            f"gores {gores} is not a multiple of the group size {group}: use {hint} gores"
        )
    if spacer is None:
        spacer = cdc.default_spacer(group)
        if spacer < 1:
            raise SchemeError(
                f"group {group} is too small for the {codec} codec: it needs {cdc.data_bits} data "
                f"bits and a spacer, so use group {cdc.data_bits + 1} or more, or set a spacer"
            )
    if not isinstance(spacer, int) or isinstance(spacer, bool) or not 1 <= spacer < group:
        raise SchemeError(f"spacer {spacer!r} is not valid: use 1 to {group - 1} for groups of {group}")
    if group - spacer < cdc.min_data_bits:
        raise SchemeError(
            f"spacer {spacer} leaves {group - spacer} data bits, the {codec} codec needs "
            f"{cdc.min_data_bits}: use spacer {group - cdc.min_data_bits} or less"
        )
    return Scheme(gores=gores, group=group, spacer=spacer, codec=codec, flow=flow)


def _group_bits(value: int, spacer: int, data: int) -> str:
    return "0" * spacer + format(value, f"0{data}b")


def build_ring(
    kind: str, values: Sequence[int], labels: Sequence[str], start_group: int,
    scheme: Scheme, *, spacer: int | None = None,
) -> Ring:
    """Lay ``values`` clockwise from ``start_group``, then terminator and fill."""
    spacer = scheme.spacer if spacer is None else spacer
    data = scheme.group - spacer
    count = scheme.groups
    groups: list[tuple[str, str]] = [("1" * scheme.group, "f" * scheme.group)] * count
    symbols = []
    for offset, (value, label) in enumerate(zip(values, labels, strict=True)):
        index = (start_group + offset) % count
        groups[index] = (_group_bits(value, spacer, data), "s" * spacer + "d" * data)
        symbols.append(Symbol(index, value, label))
    if kind != "padding" and len(values) < count:
        index = (start_group + len(values)) % count
        groups[index] = (_group_bits(2**data - 1, spacer, data), "s" * spacer + "t" * data)
    return Ring(
        kind=kind,  # type: ignore[arg-type]
        bits="".join(bits for bits, _ in groups),
        roles="".join(roles for _, roles in groups),
        spacer=spacer,
        data=data,
        start_group=start_group,
        symbols=tuple(symbols),
    )


def _lines(text: str, scheme: Scheme, cdc: Codec) -> list[tuple[int, ...]]:
    """Split normalised text into the symbol values of each line, one line a ring."""
    count = scheme.groups
    if not text:
        return []
    if scheme.flow == "stream":
        values = cdc.encode_text(text)
        return [values[i:i + count] for i in range(0, len(values), count)]
    lines = []
    for word in text.split(" "):
        values = cdc.encode_text(word)
        if len(values) > count:
            need = len(values) * scheme.group
            shorter = "fewer letters" if cdc.name == "letters" else "a shorter word"
            gores = f", more gores (gores={need})" if need <= MAX_GORES else ""
            raise CapacityError(
                f"word {word!r:.60} has {len(values)} symbols, a ring of {scheme.gores} gores holds "
                f"{count}: use flow='stream'{gores} or {shorter}"
            )
        lines.append(values)
    return lines


def _coordinate_ring(
    place: Coordinates, start_group: int, scheme: Scheme, cdc: Codec, strict: bool,
) -> Ring:
    if scheme.groups < COORDINATE_SYMBOLS:
        need = COORDINATE_SYMBOLS * scheme.group
        raise CapacityError(
            f"the coordinate ring needs {COORDINATE_SYMBOLS} groups, a ring of {scheme.gores} "
            f"gores in groups of {scheme.group} holds {scheme.groups}: use gores={need} or more"
        )
    parts = [
        (place.lat_degrees, str(place.lat_degrees)), (place.lat_minutes, str(place.lat_minutes)),
        (place.lat_seconds, str(place.lat_seconds)),
        (cdc.letter_value(place.lat_hemisphere), place.lat_hemisphere),
        (place.lon_degrees, str(place.lon_degrees)), (place.lon_minutes, str(place.lon_minutes)),
        (place.lon_seconds, str(place.lon_seconds)),
        (cdc.letter_value(place.lon_hemisphere), place.lon_hemisphere),
    ]
    values = [v for v, _ in parts]
    # The terminator value (all ones) must stay free, hence ``+ 1``.
    need_bits = (max(values) + 1).bit_length()
    spacer = scheme.spacer
    if need_bits > scheme.data:
        widest = max(values)
        if strict:
            raise CoordinateError(
                f"coordinate value {widest} ({place.text}) does not fit {scheme.data} data bits "
                f"(at most {2**scheme.data - 2}): drop strict mode to widen the coordinate ring "
                f"to {need_bits} data bits, or use a codec with more data bits"
            )
        spacer = scheme.group - need_bits
        if spacer < 1:
            raise CapacityError(
                f"coordinate value {widest} ({place.text}) needs {need_bits} data bits and a "
                f"spacer, more than groups of {scheme.group} hold: use group={need_bits + 1} or more"
            )
    return build_ring("coordinates", values, [label for _, label in parts], start_group,
                      scheme, spacer=spacer)


def encode(
    message: str,
    coords: str | tuple[float, float] | Coordinates | None = None,
    *,
    codec: str = "letters",
    flow: str = "words",
    rings: int | None = None,
    gores: int = 80,
    group: int = 10,
    spacer: int | None = None,
    transliterate: bool = True,
    strict: bool = False,
) -> Layout:
    """Encode a message and an optional place into a canopy :class:`Layout`.

    Args:
        message: the text; normalised by the codec (see :mod:`chutecode.ringcode.codec`).
        coords: a place as text (``34°11'58"N 118°10'31"W``,
            ``34 11 58 N 118 10 31 W``, ``34.1994, -118.1753``), a
            ``(lat, lon)`` pair of floats, or :class:`Coordinates`.
        codec: ``letters``, ``ascii`` or ``utf8``.
        flow: ``words`` (one word a ring, Perseverance) or ``stream``. A stream
            that exactly fills its rings ends with one more ring holding only a
            terminator, so that a reading from any gore is anchored.
        rings: ``None`` for as many rings as the message needs; a number fixes
            the count (unused rings become padding of fill groups).
        gores: gores in every ring; a positive multiple of ``group``.
        group: gores in a group (one symbol).
        spacer: zero bits leading each group; ``None`` picks the codec's
            default (3 for 7-bit codecs and 2 for ``utf8`` in groups of 10).
        transliterate: spell other scripts in Latin letters (``anyascii``)
            for the ``letters`` and ``ascii`` codecs, instead of refusing them.
        strict: refuse a coordinate value that does not fit the data bits
            instead of widening the coordinate ring.

    Raises:
        SchemeError, CodecError, CoordinateError, CapacityError: all
        :class:`~chutecode.errors.ChutecodeError`, with what would be valid.

    Examples:
        >>> encode("DARE").rings[0].bits[:20]
        '00000001000000000001'

    """
    scheme = make_scheme(gores=gores, group=group, spacer=spacer, codec=codec, flow=flow)
    cdc = get_codec(codec)
    text = cdc.normalise(message, transliterate=transliterate)
    place = parse_coordinates(coords) if coords is not None else None
    if not text and place is None:
        raise CapacityError(f"message {message!r} is empty: give at least one character or a place")
    if rings is not None and (not isinstance(rings, int) or isinstance(rings, bool) or rings < 1):
        raise CapacityError(f"rings {rings!r} is not valid: use a positive whole number or None")
    if rings is not None and rings > MAX_RINGS:
        raise CapacityError(f"rings {rings} is more than the limit of {MAX_RINGS}: use {MAX_RINGS} or fewer")
    lines = _lines(text, scheme, cdc)
    # A stream that fills its last ring ends with a ring holding only a terminator: it anchors
    # the rotation of the full rings, which have nothing of their own to anchor it.
    ends_full = scheme.flow == "stream" and bool(lines) and len(lines[-1]) == scheme.groups
    if ends_full:
        lines.append(())
    needed = len(lines) + (place is not None)
    if needed > MAX_RINGS:
        raise CapacityError(
            f"the message needs {needed} rings, more than the limit of {MAX_RINGS}: use "
            + ("flow='stream' (one word a ring is one ring a word)" if flow == "words" else "more gores")
            + " or a shorter message"
        )
    if rings is not None and needed > rings:
        count = len(lines) - ends_full
        what = f"{count} line{'s' * (count != 1)}" + (", the stream's end" if ends_full else "") \
            + (" and the coordinates" if place else "")
        advice = "rings=None" + (", flow='stream'" if flow == "words" else "") + " or more gores"
        raise CapacityError(
            f"the message needs {needed} rings ({what}), rings={rings} holds {rings}: "
            f"use rings={needed}, {advice}"
        )
    built: list[Ring] = []
    start = 0
    for values in lines:
        labels = [cdc.symbol_label(v) for v in values]
        built.append(build_ring("line", values, labels, start, scheme))
        start = (start + len(values)) % scheme.groups
    if rings is not None:
        built.extend(build_ring("padding", [], [], start, scheme) for _ in range(rings - needed))
    if place is not None:
        built.append(_coordinate_ring(place, start, scheme, cdc, strict))
    return Layout(scheme=scheme, rings=tuple(built), message=text, coordinates=place)
