"""The English word list the picture reader breaks ties with, as shipped."""

from __future__ import annotations

import gzip
from importlib import resources

from chutecode.picture.dictionary import english_words, is_word

FOLDER = resources.files("chutecode.picture").joinpath("words")


def test_the_list_is_scowls_size_50_words_of_letters_alone():
    words = english_words()
    assert len(words) == 73_445
    assert all(word.isascii() and word.isalpha() and word.isupper() for word in words)


def test_words_and_no_words():
    for word in ("DARE", "mighty", "Things", "HELLO", "world", "Mars", "rover", "STEP"):
        assert is_word(word), word
    for text in ("DASE", "HEHLO", "STET", "RONER", "WTARS", "OIGHTY", ""):
        assert not is_word(text), text


def test_the_file_has_no_time_in_it_is_sorted_and_carries_scowls_notice():
    data = FOLDER.joinpath("english.txt.gz").read_bytes()
    assert data[4:8] == b"\x00\x00\x00\x00"  # no time in the gzip header (scripts/english_words.py)
    lines = gzip.decompress(data).decode("ascii").splitlines()
    assert lines == sorted(set(lines))
    notice = FOLDER.joinpath("SCOWL-COPYRIGHT").read_text(encoding="utf-8")
    assert "Copyright 2000-2011 by Kevin Atkinson" in notice
    assert "provided that the above copyright notice appears in all copies" in notice
