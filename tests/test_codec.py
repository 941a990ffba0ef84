"""Codecs: normalisation, symbol values and refusals."""

from __future__ import annotations

import pytest

from chutecode import CodecError
from chutecode.ringcode.codec import get_codec

letters, ascii_, utf8 = get_codec("letters"), get_codec("ascii"), get_codec("utf8")


def test_letter_values_follow_the_alphabet():
    assert letters.encode_text("AZ M") == (1, 26, 0, 13)
    assert letters.decode_symbols((4, 1, 18, 5)) == "DARE"


@pytest.mark.parametrize("raw, normalised", [
    ("dare  mighty\tthings", "DARE MIGHTY THINGS"),
    ("  Crème brûlée ", "CREME BRULEE"),
    ("Straße", "STRASSE"),
    ("Ελλάδα", "ELLADA"),
    ("東京", "DONGJING"),
])
def test_letters_normalisation(raw, normalised):
    assert letters.normalise(raw) == normalised


def test_letters_without_transliteration_strips_accents_only():
    assert letters.normalise("Crème", transliterate=False) == "CREME"
    with pytest.raises(CodecError, match=r"'Ж' at position 3 of 'МЖ'|'М' at position 1"):
        letters.normalise("МЖ", transliterate=False)


def test_letters_refuse_digits_with_a_hint():
    with pytest.raises(CodecError, match=r"'2' at position 5 .*codec='ascii'"):
        letters.normalise("MARS2020")


def test_ascii_keeps_case_and_punctuation():
    assert ascii_.normalise("Hello, Mars!") == "Hello, Mars!"
    assert ascii_.encode_text("A~") == (65, 126)
    assert ascii_.normalise("Zürich") == "Zurich"
    with pytest.raises(CodecError, match="not ASCII"):
        ascii_.normalise("Zürich", transliterate=False)


def test_utf8_is_bytes():
    assert utf8.encode_text("é") == (0xC3, 0xA9)
    assert utf8.decode_symbols((0xC3, 0xA9)) == "é"
    with pytest.raises(CodecError, match="not valid UTF-8"):
        utf8.decode_symbols((0xC3,))


def test_terminator_value_is_never_a_symbol():
    for codec in (letters, ascii_):
        assert not codec.is_symbol(127, allow_space=True)
    assert not utf8.is_symbol(255, allow_space=True)
    assert not letters.is_symbol(0, allow_space=False) and letters.is_symbol(0, allow_space=True)


def test_utf8_refuses_control_characters():
    with pytest.raises(CodecError, match="control character"):
        utf8.normalise("bell\x07")
    assert not utf8.is_symbol(0x00, allow_space=False) and not utf8.is_symbol(0x7F, allow_space=False)


@pytest.mark.parametrize("raw, normalised", [
    ("CAFE\u0301", "CAFE"),              # E + a combining acute accent is the letter É
    ("cafe\u0301 cre\u0300me", "CAFE CREME"),
    ("\u0627", "A"),                     # ARABIC LETTER ALEF, which the table spells with nothing
    ("\u0633\u0644\u0627\u0645", "SLAM"),  # salaam: seen, lam, alef, meem
    ("\u0623\u062d\u0645\u062f", "AHMD"),  # Ahmad: alef with hamza above, hah, meem, dal
    ("\u0671", "A"),                     # ALEF WASLA
])
def test_letters_normalise_unicode_first_and_read_alef(raw, normalised):
    assert letters.normalise(raw) == normalised


def test_a_decomposed_accent_is_one_letter_in_every_codec():
    assert ascii_.normalise("Cafe\u0301") == "Cafe"
    assert utf8.normalise("Cafe\u0301") == "Café" and len(utf8.normalise("Cafe\u0301")) == 4
    with pytest.raises(CodecError, match=r"'é' at position 4 of 'Café' is not ASCII"):
        ascii_.normalise("Cafe\u0301", transliterate=False)


@pytest.mark.parametrize("char", ["\u05e2", "\u0639", "\u02bb"])  # Hebrew ayin, Arabic ain, ʻokina
def test_a_letter_that_transliterates_to_nothing_says_so(char):
    with pytest.raises(CodecError, match="is a letter that transliterates to no Latin letter: leave it out, "
                                         "or use codec='utf8' to keep it"):
        letters.normalise(f"A{char}B")
    assert utf8.normalise(f"A{char}B") == f"A{char}B"


@pytest.mark.parametrize("codec", [letters, ascii_, utf8])
@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_control_characters_get_advice_that_works(codec, char):
    # No codec takes a control character, so the advice is to remove it, not another codec.
    with pytest.raises(CodecError, match="is a control character: remove it") as info:
        codec.normalise(f"A{char}B")
    assert "codec=" not in str(info.value)


def test_whitespace_controls_are_spaces():
    assert letters.normalise("A\tB\nC\x85D") == "A B C D"
