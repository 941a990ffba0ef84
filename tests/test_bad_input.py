"""Bad input, through the API and the command line: the error class or exit code,
and the fragment the one-line message must show."""

from __future__ import annotations

import re

import pytest

from chutecode import (
    CapacityError,
    CodecError,
    CoordinateError,
    DecodeError,
    SchemeError,
    decode,
    encode,
)
from chutecode.cli import main

API_CASES = [
    (lambda: encode("SUPERCALIFRAGILISTIC"), CapacityError,
     "word 'SUPERCALIFRAGILISTIC' has 20 symbols, a ring of 80 gores holds 8: use flow='stream', "
     "more gores (--gores 200) or fewer letters"),
    (lambda: encode("DARE MIGHTY THINGS", rings=2), CapacityError, "rings=2 holds 2: use rings=3"),
    (lambda: encode("", None), CapacityError, "is empty"),
    (lambda: encode("   "), CapacityError, "is empty"),
    (lambda: encode("MARS2020"), CodecError, "'2' at position 5"),
    (lambda: encode("Жар", transliterate=False), CodecError, "pass transliterate=True"),
    (lambda: encode("tab\x07bell", codec="ascii"), CodecError, "not printable ASCII"),
    (lambda: encode("X", codec="morse"), SchemeError, "codec 'morse' is not known: use one of letters"),
    (lambda: encode("X", flow="spiral"), SchemeError, "flow 'spiral' is not known"),
    (lambda: encode("X", gores=85), SchemeError, "gores 85 is not a multiple of the group size 10: "
                                                 "use 80 or 90"),
    (lambda: encode("X", gores=0), SchemeError, "gores 0 is not valid"),
    (lambda: encode("X", group=-10), SchemeError, "group -10 is not valid"),
    (lambda: encode("X", spacer=10), SchemeError, "spacer 10 is not valid: use 1 to 9"),
    (lambda: encode("X", spacer=6), SchemeError, "spacer 6 leaves 4 data bits"),
    (lambda: encode("X", codec="utf8", spacer=3), SchemeError, "needs 8"),
    (lambda: encode("X", group=7, gores=70), SchemeError, "group 7 is too small"),
    (lambda: encode("X", rings=0), CapacityError, "rings 0 is not valid"),
    (lambda: encode("X", coords="95 0 0 N 0 0 0 E"), CoordinateError, "latitude '95'"),
    (lambda: encode("X", coords="10, 181"), CoordinateError, "longitude '181'"),
    (lambda: encode("X", coords="10 61 0 N 5 0 0 E"), CoordinateError, "minutes '61'"),
    (lambda: encode("X", coords="10 1 75 N 5 0 0 E"), CoordinateError, "seconds '75'"),
    (lambda: encode("X", coords="the moon"), CoordinateError, "'the moon' could not be read"),
    (lambda: encode("X", coords=(1.0, 200.0)), CoordinateError, "longitude 200.0 is out of range"),
    (lambda: encode("X", coords="1 0 0 N 150 0 0 E", strict=True), CoordinateError,
     "does not fit 7 data bits"),
    (lambda: encode("X", coords=(1.0, 2.0), gores=60), CapacityError,
     "coordinate ring needs 8 groups"),
    (lambda: decode(["0" * 80, "1"]), DecodeError, "different gore counts"),
    (lambda: decode(["2" * 80]), DecodeError, "other than 0 and 1"),
    (lambda: decode(["1" * 80]), DecodeError, "every ring is fill"),
    (lambda: decode(["0000000100" * 8], alignment="sideways"), DecodeError, "alignment 'sideways'"),
]


@pytest.mark.parametrize("call, error, fragment", API_CASES, ids=[c[2][:40] for c in API_CASES])
def test_api_errors(call, error, fragment):
    with pytest.raises(error) as info:
        call()
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)
    assert "\n" not in str(info.value)


CLI_CASES = [
    (["encode", "SUPERCALIFRAGILISTIC"], 2, "has 20 symbols"),
    (["encode", "X", "--coords", "95 0 0 N 0 0 0 E"], 2, "latitude '95'"),
    (["encode", "X", "--gores", "85"], 2, "not a multiple of the group size"),
    (["encode", "X", "--codec", "morse"], 2, "'morse' is not one of"),
    (["encode", "X", "--rings", "many"], 2, "'many' is not a valid integer"),
    (["encode"], 2, "Missing argument 'MESSAGE'"),
    (["encode", "X", "--bogus"], 2, "No such option"),
    (["frobnicate"], 2, "No such command 'frobnicate'"),
    (["decode"], 2, "give one source"),
    (["decode", "--bits", "/nonexistent/rings.txt"], 1, "/nonexistent/rings.txt"),
    (["encode", "X", "-o", "/nonexistent/dir/out.txt"], 1, "/nonexistent/dir"),
]


@pytest.mark.parametrize("args, code, fragment", CLI_CASES, ids=[" ".join(c[0]) for c in CLI_CASES])
def test_cli_errors(args, code, fragment, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    captured = capsys.readouterr()
    assert info.value.code == code
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]
    assert not re.search("Traceback", captured.err)


def test_cli_bad_bits_from_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("0101\n0101010101\n"))
    with pytest.raises(SystemExit) as info:
        main(["decode", "--bits", "-"])
    assert info.value.code == 2
    assert "different gore counts" in capsys.readouterr().err


def test_debug_shows_the_traceback():
    with pytest.raises(CapacityError):
        main(["--debug", "encode", "SUPERCALIFRAGILISTIC"])
