"""Round-trip properties: decode(encode(m, c)) gives m and c back, from any reading."""

from __future__ import annotations

import string

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from chutecode import ChutecodeError, DecodeError, decode, encode

HALF_SECOND = 0.5 / 3600 + 1e-9

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
places = st.one_of(st.none(), st.tuples(latitudes, longitudes))


def words(alphabet: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    word = st.text(alphabet, min_size=1, max_size=max_size)
    return st.lists(word, min_size=1, max_size=5).map(" ".join)


letter_words = words(st.sampled_from(string.ascii_uppercase), 8)
ascii_words = words(st.characters(min_codepoint=33, max_codepoint=126), 8)
utf8_words = words(
    st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), 2
).filter(lambda text: all(len(w.encode()) <= 8 for w in text.split(" ")))
letter_stream = st.text(st.sampled_from(string.ascii_uppercase + " "), min_size=1, max_size=40)
ascii_stream = st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=40)
utf8_stream = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=15)

cases = st.one_of(
    st.tuples(st.just("letters"), st.just("words"), letter_words),
    st.tuples(st.just("letters"), st.just("stream"), letter_stream),
    st.tuples(st.just("ascii"), st.just("words"), ascii_words),
    st.tuples(st.just("ascii"), st.just("stream"), ascii_stream),
    st.tuples(st.just("utf8"), st.just("words"), utf8_words),
    st.tuples(st.just("utf8"), st.just("stream"), utf8_stream),
)


def check_place(decoded, place):
    if place is None:
        assert decoded.coordinates is None
        return
    assert abs(decoded.latitude - place[0]) <= HALF_SECOND
    assert abs(decoded.longitude - place[1]) <= HALF_SECOND


@settings(max_examples=300, deadline=None)
@given(case=cases, place=places)
def test_layout_round_trip(case, place):
    codec, flow, message = case
    normalised = " ".join(message.split())
    assume(normalised)
    layout = encode(message, place, codec=codec, flow=flow)
    decoded = decode(layout)
    assert decoded.message == layout.message
    if codec != "letters":
        import unicodedata
        assert decoded.message == unicodedata.normalize("NFC", normalised)
    check_place(decoded, place)


@settings(max_examples=300, deadline=None)
@given(case=cases, place=places, rotation=st.integers(0, 79))
def test_bits_read_from_one_unknown_radius(case, place, rotation):
    codec, flow, message = case
    assume(" ".join(message.split()))
    layout = encode(message, place, codec=codec, flow=flow)
    anchored = any("t" in ring.roles for ring in layout.rings) or place is not None
    assume(anchored)
    bits = [ring.bits[rotation:] + ring.bits[:rotation] for ring in layout.rings]
    decoded = decode(bits, codec=codec, flow=flow, alignment="shared",
                     coordinates=place is not None)
    assert decoded.message == layout.message
    assert {ring.rotation for ring in decoded.rings} == {rotation}
    check_place(decoded, place)


@settings(max_examples=200, deadline=None)
@given(case=cases, place=places, data=st.data())
def test_each_ring_read_from_its_own_gore(case, place, data):
    codec, flow, message = case
    assume(" ".join(message.split()))
    layout = encode(message, place, codec=codec, flow=flow)
    assume(all(ring.kind != "line" or "t" in ring.roles for ring in layout.rings))
    rotations = [data.draw(st.integers(0, 79)) for _ in layout.rings]
    bits = [ring.bits[k:] + ring.bits[:k] for ring, k in zip(layout.rings, rotations, strict=True)]
    try:
        decoded = decode(bits, codec=codec, flow=flow, alignment="independent",
                         coordinates=place is not None)
    except DecodeError as exc:
        # A place like 5 0 0 N 14 0 0 E also reads 0 0 14 N 0 0 5 E from four groups
        # on: read on its own, the ring must say so rather than guess.
        assert "reads as more than one place" in str(exc)
        return
    assert decoded.message == layout.message
    check_place(decoded, place)


@settings(max_examples=500, deadline=None)
@given(rings=st.lists(st.text("01", min_size=80, max_size=80), min_size=1, max_size=5),
       codec=st.sampled_from([None, "letters", "ascii", "utf8"]),
       alignment=st.sampled_from(["auto", "independent", "shared", "reference"]))
def test_decoder_never_crashes_on_random_bits(rings, codec, alignment):
    try:
        decode(rings, codec=codec, alignment=alignment)
    except DecodeError:
        pass


@settings(max_examples=300, deadline=None)
@given(rings=st.lists(st.sampled_from(
    ["0001111111", "1111111111", "0000000100", "0000010011", "0000000000", "0010010111"]),
    min_size=8, max_size=8).map("".join).map(lambda r: [r]) | st.lists(
    st.text("01", min_size=1, max_size=30), min_size=1, max_size=3))
def test_decoder_never_crashes_on_group_shaped_bits(rings):
    try:
        decode(rings)
    except DecodeError:
        pass


# Words of 8 letters fill a ring; N, S, E and W make outer rings that read as places.
full_words = st.lists(st.text(st.sampled_from(string.ascii_uppercase + "NSEW" * 3), min_size=1, max_size=8),
                      min_size=1, max_size=4).map(" ".join)
small_places = st.tuples(st.integers(0, 26).map(float), st.integers(0, 26).map(float))
any_layout = st.one_of(
    cases, st.tuples(st.just("letters"), st.sampled_from(["words", "stream"]), full_words),
    st.tuples(st.sampled_from(["ascii", "utf8"]), st.just("stream"),
              st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=8, max_size=8)),
)


@settings(max_examples=600, deadline=None)
@given(case=any_layout, place=st.one_of(places, small_places), gores=st.sampled_from([80, 80, 100, 120]),
       padding=st.sampled_from([None, 0, 1]))
# A word of one ring that, read from another group, is a place (1°01'01"S 127°01'01"E) whose
# values are no letters: the word was not among the other readings.
@example(case=("letters", "words", "AAEAAAS"), place=None, gores=80, padding=None)
def test_every_layout_reads_back_from_gore_zero_without_hints(case, place, gores, padding):
    """decode([r.bits for r in rings]) gives back the message and place, or lists them among
    the other readings: never a silent wrong answer."""
    codec, flow, message = case
    assume(" ".join(message.split()))
    try:
        layout = encode(message, place, codec=codec, flow=flow, gores=gores)
        if padding is not None:
            layout = encode(message, place, codec=codec, flow=flow, gores=gores,
                            rings=len(layout.rings) + padding)
    except ChutecodeError:
        assume(False)
    decoded = decode([ring.bits for ring in layout.rings])
    wanted = (layout.message, layout.coordinates)
    readings = [(decoded.message, decoded.coordinates)] + [(a.message, a.coordinates)
                                                           for a in decoded.alternatives]
    assert wanted in readings
    assert decoded.certain == (len(readings) == 1)
