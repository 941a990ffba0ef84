"""Reading rings back: alignment, the spiral, inference and refusals."""

from __future__ import annotations

import pytest

from chutecode import DecodeError, decode, encode


def turn(bits: str, k: int) -> str:
    return bits[k:] + bits[:k]


def test_full_ring_is_placed_by_the_shared_rotation():
    # Ring 2 holds exactly 8 letters: no terminator, so only the other rings anchor it.
    layout = encode("GO SPACIOUS WORLD", coords=(10.0, 20.0))
    bits = [ring.bits for ring in layout.rings]
    assert "t" not in layout.rings[1].roles
    for k in (0, 13, 40, 79):
        decoded = decode([turn(b, k) for b in bits], alignment="shared")
        assert decoded.message == "GO SPACIOUS WORLD"
        assert {ring.rotation for ring in decoded.rings} == {k}
    # auto takes the rotation the anchored rings agree on, too
    assert decode([turn(b, 5) for b in bits]).message == "GO SPACIOUS WORLD"


def test_full_ring_without_anchor_is_reported_as_ambiguous():
    layout = encode("GO SPACIOUS WORLD")
    bits = [turn(layout.rings[0].bits, 3), turn(layout.rings[1].bits, 50), layout.rings[2].bits]
    with pytest.raises(DecodeError, match="ring 2 is full of symbols and nothing anchors"):
        decode(bits, alignment="independent")


def test_reference_alignment_reads_full_rings_from_gore_zero():
    layout = encode("SPACIOUS")
    assert decode([layout.rings[0].bits], alignment="reference").message == "SPACIOUS"
    with pytest.raises(DecodeError, match="nothing anchors"):
        decode([turn(layout.rings[0].bits, 20)], alignment="independent")


def test_auto_alignment_reads_an_unanchored_ring_as_given_and_lists_the_others():
    # One 8-letter word: no terminator, no other ring. Read from gore 20 (group 2), the
    # ring says "ACIOUSSP" as given; the seven other starts are listed, SPACIOUS among them.
    decoded = decode([turn(encode("SPACIOUS").rings[0].bits, 20)])
    assert decoded.message == "ACIOUSSP"
    assert not decoded.certain
    # In order of rotation; the reading turned back by the 20 gores it was turned by is SPACIOUS.
    assert [a.message for a in decoded.alternatives] == [
        "PACIOUSS", "SPACIOUS", "SSPACIOU", "USSPACIO", "OUSSPACI", "IOUSSPAC", "CIOUSSPA"]
    assert decoded.alternatives[1].why == "ring 1 turned by 20 gores"


def test_shared_alignment_refuses_rings_read_from_different_gores():
    bits = [ring.bits for ring in encode("DARE MIGHTY", coords=(1.0, 1.0)).rings]
    with pytest.raises(DecodeError, match="do not share one rotation"):
        decode([bits[0], turn(bits[1], 10), bits[2]], alignment="shared")


def test_codec_and_flow_are_inferred():
    assert decode([r.bits for r in encode("Hi, Mars!", codec="ascii", flow="stream").rings]).codec == "ascii"
    decoded = decode([r.bits for r in encode("Мир да", codec="utf8").rings])
    assert (decoded.message, decoded.codec, decoded.flow) == ("Мир да", "utf8", "words")
    decoded = decode([r.bits for r in encode("A B", flow="stream").rings])
    assert (decoded.message, decoded.flow) == ("A B", "stream")


def test_wide_longitude_is_read_back():
    layout = encode("KIWI", coords="36 50 54 S 174 45 48 E")
    for k in (0, 31):
        decoded = decode([turn(r.bits, k) for r in layout.rings])
        assert decoded.coords_text == "36°50'54\"S 174°45'48\"E"


def test_whitespace_inside_transcribed_rings_is_ignored():
    bits = [ring.bits for ring in encode("DARE").rings]
    spaced = [" ".join(b[i:i + 10] for i in range(0, 80, 10)) for b in bits]
    assert decode(spaced).message == "DARE"


def test_coordinates_hint():
    layout = encode("ABCNDEFW")   # an 8-letter word shaped like a place
    bits = [ring.bits for ring in layout.rings]
    assert decode(bits, coordinates=False, alignment="reference").message == "ABCNDEFW"
    with pytest.raises(DecodeError, match="does not read as a place"):
        decode([r.bits for r in encode("DARE").rings], coordinates=True)


@pytest.mark.parametrize("source, fragment", [
    ([], "not a list of ring bit strings"),
    ("0101", "not a list of ring bit strings"),
    (["0" * 80, "0" * 70], "different gore counts"),
    (["01x1" * 20], "other than 0 and 1"),
    (["0" * 85], "do not split into groups of 10"),
    (["1" * 80], "every ring is fill"),
    (["0101010101" * 8], "no reading"),
])
def test_unreadable_bits(source, fragment):
    with pytest.raises(DecodeError, match=fragment):
        decode(source)


def test_a_place_that_reads_two_ways_takes_the_shared_rotation():
    # 5°00'00"N 14°00'00"E is the symbol ring 5 0 0 N 14 0 0 E; started four groups
    # later it reads 0°00'14"N 0°00'05"E. Only the line's rotation tells them apart.
    layout = encode("A", coords=(5.0, 14.0), flow="stream")
    for k in (0, 9, 55):
        bits = [r.bits[k:] + r.bits[:k] for r in layout.rings]
        decoded = decode(bits, alignment="shared", flow="stream")
        assert decoded.coords_text == "5°00'00\"N 14°00'00\"E"
    with pytest.raises(DecodeError, match="reads as more than one place"):
        decode([layout.rings[0].bits, layout.rings[1].bits[30:] + layout.rings[1].bits[:30]],
               alignment="independent")


def test_misread_spaces_are_refused():
    # A stream ring of letters with two zero groups in a row reads "A  B": no message has that.
    ring = "".join("000" + format(v, "07b") for v in (1, 0, 0, 2)) + "0001111111" + "1" * 30
    with pytest.raises(DecodeError, match="two in a row"):
        decode([ring], flow="stream")


def test_eight_letter_words_read_as_words_and_as_a_stream():
    # SPACIOUS fills ring 1 and WORLD follows at group 0: "SPACIOUS WORLD" in the words flow
    # and "SPACIOUSWORLD" as a stream are the same bits, so the reading says so.
    words = encode("SPACIOUS WORLD")
    stream = encode("SPACIOUSWORLD", flow="stream")
    assert [r.bits for r in words.rings] == [r.bits for r in stream.rings]
    decoded = decode([r.bits for r in words.rings])
    assert (decoded.message, decoded.flow, decoded.certain) == ("SPACIOUS WORLD", "words", False)
    assert [(a.message, a.flow, a.why) for a in decoded.alternatives] == [
        ("SPACIOUSWORLD", "stream", "read as one stream (flow='stream'): the same bits")]
    assert decode([r.bits for r in words.rings], flow="stream").alternatives == ()
    assert decode(words).certain   # a layout knows its flow


def test_an_outer_ring_that_reads_as_a_place_or_a_word():
    # J=10, N=14, E=5: the word JJJNJJJE is also the place 10°10'10"N 10°10'10"E.
    decoded = decode([r.bits for r in encode("HELLO", coords="10 10 10 N 10 10 10 E").rings])
    assert (decoded.message, decoded.coords_text) == ("HELLO", "10°10'10\"N 10°10'10\"E")
    assert [(a.message, a.coords_text) for a in decoded.alternatives] == [("HELLO JJJNJJJE", None)]
    assert "ring 2 read as a word, not a place (coordinates=False)" == decoded.alternatives[0].why
    assert decode([r.bits for r in encode("HELLO", coords=(34.2, -118.2)).rings]).certain


def test_alternatives_are_in_the_json(capsys):
    data = decode([r.bits for r in encode("SPACIOUS WORLD").rings]).to_dict()
    assert data["certain"] is False
    assert data["alternatives"] == [{"message": "SPACIOUSWORLD", "coords": None, "flow": "stream",
                                     "why": "read as one stream (flow='stream'): the same bits"}]
    assert decode([r.bits for r in encode("DARE").rings]).to_dict()["alternatives"] == []


def test_the_command_line_prints_the_other_readings(tmp_path, capsys):
    from chutecode.cli import main

    bits = tmp_path / "rings.txt"
    bits.write_text("\n".join(r.bits for r in encode("SPACIOUS WORLD").rings) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["decode", "--bits", str(bits)])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert out.splitlines()[:5] == [
        "message  SPACIOUS WORLD",
        "place    (none)",
        "codec    letters, flow words",
        "NOT CERTAIN: the same bits also read 1 other way:",
        "   1. 'SPACIOUSWORLD', no place, flow stream: read as one stream (--flow stream): the same bits",
    ]
    with pytest.raises(SystemExit):
        main(["decode", "--bits", str(bits), "--flow", "stream"])
    assert "NOT CERTAIN" not in capsys.readouterr().out


def test_no_coordinates_reads_the_outer_ring_as_a_word(tmp_path, capsys):
    from chutecode.cli import main

    bits = tmp_path / "rings.txt"
    bits.write_text("\n".join(r.bits for r in encode("ABCNDEFW").rings), encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["decode", "--bits", str(bits), "--no-coordinates", "--alignment", "reference"])
    assert capsys.readouterr().out.startswith("message  ABCNDEFW\nplace    (none)\n")


def test_a_terminator_ring_ends_a_stream():
    bits = [r.bits for r in encode("SPACIOUSSPACIOUS", flow="stream").rings]
    decoded = decode(bits)
    assert (decoded.message, decoded.flow, len(decoded.rings)) == ("SPACIOUSSPACIOUS", "stream", 3)
    assert decoded.rings[2].text == "" and decoded.rings[2].symbols == ()
    with pytest.raises(DecodeError, match="ring 1 ends its line before the last message ring"):
        decode([r.bits for r in encode("DARE").rings] + [bits[2]])
