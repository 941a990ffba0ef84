"""Hand-worked examples, written bit by bit from SPEC sections 1-4."""

from __future__ import annotations

import pytest

from chutecode import CapacityError, CoordinateError, decode, encode

T7 = "0001111111"  # terminator, spacer 3 + data 7
F = "1111111111"   # fill


def test_one_word_message():
    # MARS: M=13, A=1, R=18, S=19 in groups 0-3, terminator in group 4, fill after.
    ring = encode("mars").rings[0]
    assert ring.bits == (
        "000" "0001101" "000" "0000001" "000" "0010010" "000" "0010011" + T7 + F * 3
    )
    assert ring.roles == "sssddddddd" * 4 + "ssstttttttt"[:10] + "f" * 30
    assert [(s.group, s.label, s.value) for s in ring.symbols] == [
        (0, "M", 13), (1, "A", 1), (2, "R", 18), (3, "S", 19)]


def test_stream_message_spanning_two_rings():
    # HELLO MARS: H8 E5 L12 L12 O15 space0 M13 A1 | R18 S19, then terminator and fill.
    layout = encode("Hello Mars", flow="stream")
    assert [ring.bits for ring in layout.rings] == [
        "000" "0001000" "000" "0000101" "000" "0001100" "000" "0001100"
        "000" "0001111" "000" "0000000" "000" "0001101" "000" "0000001",
        "000" "0010010" "000" "0010011" + T7 + F * 5,
    ]
    assert [ring.start_group for ring in layout.rings] == [0, 0]
    assert layout.rings[1].roles == "sssddddddd" * 2 + "ssstttttttt"[:10] + "f" * 50
    assert decode(layout).message == "HELLO MARS"


def test_words_spiral_starts_each_line_where_the_last_ended():
    # AB ends at group 2, so CDEFGHI (7 letters) starts at 2 and wraps to group 0;
    # its terminator is in group 1; the next line starts at group 1.
    layout = encode("AB CDEFGHI J")
    assert [ring.start_group for ring in layout.rings] == [0, 2, 1]
    ring2 = layout.rings[1]
    assert ring2.bits[0:10] == "000" "0001001"     # I = 9 wrapped to group 0
    assert ring2.bits[10:20] == T7
    assert ring2.bits[20:30] == "000" "0000011"    # C = 3 at group 2
    assert ring2.roles[10:20] == "ssstttttttt"[:10]
    assert layout.rings[2].bits[10:20] == "000" "0001010"  # J = 10 at group 1


def test_southern_eastern_place_with_longitude_above_127():
    # SYDNEY fills groups 0-5, terminator in 6, fill in 7; the place continues the
    # spiral from group 6. Longitude 151 needs 8 data bits: spacer 2 on that ring.
    layout = encode("Sydney", coords="33 51 27 S 151 12 55 E")
    line, place = layout.rings
    assert line.bits == (
        "000" "0010011" "000" "0011001" "000" "0000100" "000" "0001110" "000" "0000101"
        "000" "0011001" + T7 + F
    )
    assert (place.spacer, place.data, place.start_group) == (2, 8, 6)
    by_group = {
        0: "00" "00011011",  # 27 seconds of latitude
        1: "00" "00010011",  # S = 19
        2: "00" "10010111",  # 151 degrees of longitude
        3: "00" "00001100",  # 12 minutes
        4: "00" "00110111",  # 55 seconds
        5: "00" "00000101",  # E = 5
        6: "00" "00100001",  # 33 degrees of latitude
        7: "00" "00110011",  # 51 minutes
    }
    assert place.bits == "".join(by_group[g] for g in range(8))
    assert place.roles == "ssdddddddd" * 8
    decoded = decode([ring.bits for ring in layout.rings])
    assert decoded.coords_text == "33°51'27\"S 151°12'55\"E"
    assert decoded.latitude == pytest.approx(-(33 + 51 / 60 + 27 / 3600))
    assert decoded.longitude == pytest.approx(151 + 12 / 60 + 55 / 3600)


def test_strict_mode_refuses_to_widen_the_coordinate_ring():
    with pytest.raises(CoordinateError, match="151"):
        encode("SYDNEY", coords="33 51 27 S 151 12 55 E", strict=True)


def test_longitude_below_127_keeps_the_scheme():
    place = encode("X", coords=(10.0, -126.5)).rings[-1]
    assert (place.spacer, place.data) == (3, 7)


def test_longitude_127_widens_because_all_ones_is_the_terminator():
    place = encode("X", coords=(10.0, -127.0)).rings[-1]
    assert (place.spacer, place.data) == (2, 8)
    assert place.start_group == 1          # after the one-letter line
    assert place.bits[50:60] == "00" "01111111"  # longitude degrees, the fifth symbol


def test_decimal_and_tuple_coordinates_round_to_whole_seconds():
    layout = encode("JPL", coords="34.1994, -118.1753")
    assert layout.coordinates.text == "34°11'58\"N 118°10'31\"W"
    assert encode("JPL", coords=(34.1994, -118.1753)).coordinates == layout.coordinates


def test_fixed_ring_count_pads_before_the_coordinate_ring():
    layout = encode("GO", coords=(1.0, 2.0), rings=4)
    assert [ring.kind for ring in layout.rings] == ["line", "padding", "padding", "coordinates"]
    assert layout.rings[1].bits == "1" * 80 and layout.rings[1].roles == "f" * 80
    assert layout.rings[3].start_group == 2
    decoded = decode([ring.bits for ring in layout.rings])
    assert decoded.message == "GO" and decoded.coords_text == "1°00'00\"N 2°00'00\"E"


def test_fixed_ring_count_too_small_is_a_capacity_error():
    with pytest.raises(CapacityError, match="needs 4 rings"):
        encode("DARE MIGHTY THINGS", coords=(1.0, 2.0), rings=3)


def test_more_gores_hold_longer_words_and_a_terminated_place():
    layout = encode("PERSEVERANCE", coords=(0.5, 0.5), gores=120)
    assert layout.scheme.groups == 12
    place = layout.rings[1]
    assert place.start_group == 0          # 12 letters fill the ring: back to group 0
    assert place.roles[80:90] == "ssstttttttt"[:10] and place.roles[90:] == "f" * 30


def test_utf8_uses_eight_data_bits_and_spacer_two():
    layout = encode("Мир", codec="utf8")
    ring = layout.rings[0]
    assert (layout.scheme.spacer, layout.scheme.data) == (2, 8)
    # "М" is 0xD0 0x9C in UTF-8; three letters are six bytes, then the terminator.
    assert ring.bits[:20] == "00" "11010000" "00" "10011100"
    assert ring.bits[60:70] == "00" "11111111"
    assert decode(layout).message == "Мир"


def test_transliteration_and_accents_in_letters():
    assert encode("Café Ünïcode").message == "CAFE UNICODE"
    assert encode("Москва").message == "MOSKVA"


def test_a_stream_that_fills_its_rings_ends_with_a_terminator_ring():
    # SPACIOUS fills the 8 groups of ring 1; ring 2 holds the terminator at group 0 (where the
    # stream ended) and fill: it anchors the rotation of ring 1, which has nothing of its own.
    layout = encode("SPACIOUS", flow="stream")
    s, p, a, c, i, o, u = 19, 16, 1, 3, 9, 15, 21
    assert layout.rings[0].bits == "".join("000" + format(v, "07b") for v in (s, p, a, c, i, o, u, s))
    assert layout.rings[1].bits == T7 + F * 7
    assert layout.rings[1].roles == "ssstttttttt"[:10] + "f" * 70
    assert (layout.rings[1].kind, layout.rings[1].symbols, layout.rings[1].start_group) == ("line", (), 0)
    for k in (0, 10, 33, 79):
        turned = [ring.bits[k:] + ring.bits[:k] for ring in layout.rings]
        decoded = decode(turned)
        assert (decoded.message, decoded.flow, decoded.certain) == ("SPACIOUS", "stream", True)
        assert {ring.rotation for ring in decoded.rings} == {k}


def test_the_terminator_ring_follows_every_full_stream_and_no_other():
    assert len(encode("SPACIOUSSPACIOUS", flow="stream").rings) == 3
    assert len(encode("SPACIOUS ", flow="stream").rings) == 2      # the trailing space is dropped
    assert len(encode("SPACIOU", flow="stream").rings) == 1
    assert len(encode("SPACIOUS").rings) == 1                        # words: nothing changes
    # With a fixed ring count the terminator ring takes the place of the first padding ring.
    layout = encode("SPACIOUS", coords=(1.0, 2.0), flow="stream", rings=4)
    assert [ring.kind for ring in layout.rings] == ["line", "line", "padding", "coordinates"]
    assert layout.rings[1].bits == T7 + F * 7 and layout.rings[2].bits == F * 8
