"""Bad input, through the API and the command line: the error class or exit code, the
fragment the one-line message must show, and nothing left behind.

Every case runs in an empty folder of its own (the working folder too) holding only
the inputs its ``setup`` wrote; afterwards that folder must hold exactly those inputs,
byte for byte, and no temporary file anywhere. Batch cases that fail a row keep the
batch's own report (``report.csv``, ``manifest.json``), and nothing else.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import chutecode
from chutecode import (
    CapacityError,
    ChutecodeError,
    CodecError,
    CoordinateError,
    DecodeError,
    LayoutError,
    PrintError,
    RenderError,
    SchemeError,
    StyleError,
    UnitError,
    batch,
    decode,
    encode,
)
from chutecode.batch.lock import folder_lock
from chutecode.cli import main
from chutecode.cli.speak import cli_words
from chutecode.errors import BatchError, OutputError

LAYOUT = encode("DARE")
END_OF_STREAM = [ring.bits for ring in encode("SPACIOUS", flow="stream").rings]


def layout_json(rings: int) -> str:
    """A layout's JSON with ``rings`` tiny rings (each refused long before it is read)."""
    head = {"format": "chutecode-layout", "version": 1, "message": "X", "coordinates": None,
            "scheme": {"gores": 80, "group": 10, "spacer": 3, "data": 7, "codec": "letters", "flow": "words"}}
    return json.dumps(head)[:-1] + ', "rings": [' + ",".join(["{}"] * rings) + "]}"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def write(name: str, data: str | bytes) -> Callable[[Path], None]:
    """A setup step: write an input file ``name`` into the case's folder."""
    def setup(folder: Path) -> None:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return setup


def rows(*cells: dict[str, Any]) -> Callable[[Path], None]:
    return write("rows.jsonl", "".join(json.dumps(cell) + "\n" for cell in cells))


def unix_socket(folder: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.svg"))
    server.close()  # the socket file stays, as it does after a server stops


def subfolder(folder: Path) -> None:
    (folder / "posters.svg").mkdir()


ROWS = rows({"message": "A"})


# --- the API ----------------------------------------------------------------------------------

#: (id, call, error class, fragment, setup)
API_CASES: list[tuple[str, Callable[[Path], Any], type[Exception], str, Callable[[Path], None] | None]] = [
    # The ring code
    ("word too long", lambda t: encode("SUPERCALIFRAGILISTIC"), CapacityError,
     "word 'SUPERCALIFRAGILISTIC' has 20 symbols, a ring of 80 gores holds 8: use flow='stream', "
     "more gores (gores=200) or fewer letters", None),
    ("too few rings", lambda t: encode("DARE MIGHTY THINGS", rings=2), CapacityError,
     "rings=2 holds 2: use rings=3", None),
    ("empty", lambda t: encode("", None), CapacityError, "is empty", None),
    ("blank", lambda t: encode("   "), CapacityError, "is empty", None),
    ("digit in letters", lambda t: encode("MARS2020"), CodecError,
     "'2' at position 5 of 'MARS2020' is not a letter: the letters codec takes A-Z and spaces; "
     "use codec='ascii' for digits", None),
    ("no transliteration", lambda t: encode("Жар", transliterate=False), CodecError,
     "pass transliterate=True", None),
    ("control character, ascii", lambda t: encode("tab\x07bell", codec="ascii"), CodecError,
     "'\\x07' at position 4 of 'tab\\x07bell' is a control character: remove it (no codec encodes "
     "control characters)", None),
    ("control character, letters", lambda t: encode("A\x1bB"), CodecError,
     "is a control character: remove it", None),
    ("control character, utf8", lambda t: encode("A\x00B", codec="utf8"), CodecError,
     "is a control character: remove it", None),
    ("letter with no Latin letter", lambda t: encode("عين"), CodecError,
     "'ع' at position 1 of 'عين' is a letter that transliterates to no Latin letter: leave it out, "
     "or use codec='utf8' to keep it", None),
    ("lone surrogate", lambda t: encode("A\ud800", codec="utf8"), CodecError,
     "(a lone surrogate): give well-formed text", None),
    ("message not text", lambda t: encode(b"DARE"), CodecError, "is not text: give a string", None),
    ("message too long", lambda t: encode("A" * 20_001, flow="stream"), CapacityError,
     "message of 20001 characters is longer than the limit of 20000 characters", None),
    ("unknown codec", lambda t: encode("X", codec="morse"), SchemeError,
     "codec 'morse' is not known: use one of letters", None),
    ("unknown flow", lambda t: encode("X", flow="spiral"), SchemeError, "flow 'spiral' is not known", None),
    ("gores not a multiple", lambda t: encode("X", gores=85), SchemeError,
     "gores 85 is not a multiple of the group size 10: use 80 or 90", None),
    ("zero gores", lambda t: encode("X", gores=0), SchemeError, "gores 0 is not valid", None),
    ("a billion gores", lambda t: encode("X", gores=1_000_000_000), SchemeError,
     "gores 1000000000 is more than the limit of 2000", None),
    ("group past the ring", lambda t: encode("X", group=1_000_000_000), SchemeError,
     "group 1000000000 is more than the 80 gores of a ring", None),
    ("negative group", lambda t: encode("X", group=-10), SchemeError, "group -10 is not valid", None),
    ("spacer too wide", lambda t: encode("X", spacer=10), SchemeError, "spacer 10 is not valid: use 1 to 9",
     None),
    ("spacer leaves too few bits", lambda t: encode("X", spacer=6), SchemeError,
     "spacer 6 leaves 4 data bits", None),
    ("utf8 spacer", lambda t: encode("X", codec="utf8", spacer=3), SchemeError, "needs 8", None),
    ("group too small", lambda t: encode("X", group=7, gores=70), SchemeError, "group 7 is too small", None),
    ("zero rings", lambda t: encode("X", rings=0), CapacityError, "rings 0 is not valid", None),
    ("a million rings", lambda t: encode("X", rings=1_000_000), CapacityError,
     "rings 1000000 is more than the limit of 200", None),
    ("too many words", lambda t: encode("A " * 300), CapacityError,
     "the message needs 300 rings, more than the limit of 200: use flow='stream'", None),
    ("stream past the limit", lambda t: encode("AB" * 850, flow="stream"), CapacityError,
     "the message needs 213 rings, more than the limit of 200: use more gores", None),
    ("stream end needs a ring", lambda t: encode("SPACIOUS", flow="stream", rings=1), CapacityError,
     "needs 2 rings (1 line, the stream's end), rings=1 holds 1: use rings=2", None),
    # Places
    ("latitude 95", lambda t: encode("X", coords="95 0 0 N 0 0 0 E"), CoordinateError, "latitude '95'", None),
    ("longitude 181", lambda t: encode("X", coords="10, 181"), CoordinateError, "longitude '181'", None),
    ("minutes 61", lambda t: encode("X", coords="10 61 0 N 5 0 0 E"), CoordinateError, "minutes '61'", None),
    ("seconds 75", lambda t: encode("X", coords="10 1 75 N 5 0 0 E"), CoordinateError, "seconds '75'", None),
    ("the moon", lambda t: encode("X", coords="the moon"), CoordinateError, "'the moon' could not be read",
     None),
    ("longitude 200.0", lambda t: encode("X", coords=(1.0, 200.0)), CoordinateError,
     "longitude 200.0 is out of range", None),
    ("10**400 latitude", lambda t: encode("X", coords=(10**400, 0)), CoordinateError,
     "latitude of 401 digits is out of range: use -90 to 90 degrees", None),
    ("-10**400 longitude", lambda t: encode("X", coords=(0, -10**400)), CoordinateError,
     "longitude of 401 digits is out of range", None),
    ("5000-digit latitude", lambda t: encode("X", coords="9" * 5000 + ", 0"), CoordinateError,
     "latitude '9999999999999999999999999999999999999999…' in", None),
    ("strict wide longitude", lambda t: encode("X", coords="1 0 0 N 150 0 0 E", strict=True), CoordinateError,
     "does not fit 7 data bits", None),
    ("coordinate ring too small", lambda t: encode("X", coords=(1.0, 2.0), gores=60), CapacityError,
     "coordinate ring needs 8 groups", None),
    # Decoding
    ("different gore counts", lambda t: decode(["0" * 80, "1"]), DecodeError, "different gore counts", None),
    ("not bits", lambda t: decode(["2" * 80]), DecodeError, "other than 0 and 1", None),
    ("all fill", lambda t: decode(["1" * 80]), DecodeError, "every ring is fill", None),
    ("unknown alignment", lambda t: decode(["0000000100" * 8], alignment="sideways"), DecodeError,
     "alignment 'sideways'", None),
    ("a ring of a million bits", lambda t: decode(["0" * 1_000_000]), DecodeError,
     "ring 1 has 1000000 bits, more than the limit of 2000 gores", None),
    ("201 rings", lambda t: decode(["0001111111" * 8] * 201), DecodeError,
     "201 rings are more than the limit of 200", None),
    ("one string", lambda t: decode("0101"), DecodeError, "not a list of ring bit strings", None),
    ("stream end read as words", lambda t: decode(END_OF_STREAM, flow="words"), DecodeError,
     "ring 2 holds only a terminator, which ends a stream that fills its rings: use flow='stream'", None),
    ("stream end alone", lambda t: decode(END_OF_STREAM[1:]), DecodeError,
     "ring 1 holds only a terminator, which only follows the full rings of a stream", None),
    # Layouts
    ("layout: 5000-digit number",
     lambda t: chutecode.Layout.from_json('{"format": "chutecode-layout", "version": ' + "1" * 5000 + "}"),
     LayoutError, "a number of thousands of digits, which no layout has", None),
    ("layout: nested 100000 deep", lambda t: chutecode.Layout.from_json(nested(100_000)), LayoutError,
     "nested too deeply", None),
    ("layout: 200000 rings", lambda t: chutecode.Layout.from_json(layout_json(200_000)), LayoutError,
     "layout has 200000 rings, more than the limit of 200", None),
    ("layout: 5 MiB", lambda t: chutecode.Layout.from_json(" " * (5 << 20)), LayoutError,
     "layout JSON of 5 MiB is larger than the limit of 4 MiB", None),
    ("layout: a billion gores",
     lambda t: chutecode.Layout.from_json(layout_json(1).replace('"gores": 80', '"gores": 1000000000')),
     LayoutError, "layout scheme has 1000000000 gores", None),
    ("layout: not text", lambda t: chutecode.Layout.from_json(42), LayoutError, "is not text", None),
    ("layout: not UTF-8", lambda t: chutecode.Layout.from_json(b"\xff\xfe"), LayoutError,
     "could not be parsed", None),
    ("layout: wrong format", lambda t: chutecode.Layout.from_json("{}"), LayoutError,
     'no "format": "chutecode-layout" field', None),
    # Outputs
    ("text stream", lambda t: chutecode.render(LAYOUT, io.StringIO(), format="svg"), OutputError,
     "is a text stream: give a binary stream such as io.BytesIO()", None),
    ("closed stream", lambda t: chutecode.render(LAYOUT, _closed(), format="svg"), OutputError,
     "is closed", None),
    ("read-only stream", lambda t: _render_into_read_only(t / "in.svg"), OutputError, "is not writable",
     write("in.svg", "<svg/>")),
    ("stream without format", lambda t: chutecode.render(LAYOUT, io.BytesIO()), RenderError,
     "stream without a file name: give format=", None),
    ("format contradicts extension", lambda t: chutecode.render(LAYOUT, t / "out.png", format="svg"),
     RenderError, "format='svg' does not match the extension '.png'", None),
    ("format contradicts extension, tif", lambda t: chutecode.render(LAYOUT, t / "out.tif", format="pdf"),
     RenderError, "does not match the extension '.tif'", None),
    ("output is a folder", lambda t: chutecode.render(LAYOUT, t / "posters.svg"), OutputError,
     "is a folder: give a file name inside it", subfolder),
    ("output is a socket", lambda t: chutecode.render(LAYOUT, t / "sock.svg"), OutputError,
     "is a socket: write to a regular file, a character device such as /dev/null, or a FIFO", unix_socket),
    ("output folder missing", lambda t: chutecode.render(LAYOUT, t / "no" / "such" / "x.svg"),
     FileNotFoundError, "no/such/x.svg", None),
    ("unknown extension", lambda t: chutecode.render(LAYOUT, t / "x.bmp"), RenderError,
     "extension '.bmp'", None),
    # Designs and their limits
    ("size 10000 mm", lambda t: chutecode.render(LAYOUT, t / "x.svg", size="10000mm"), UnitError,
     "size '10000mm' is 10000 mm, more than the limit of 5000 mm (PDF pages end at 14,400 pt)", None),
    ("size 0.1 px", lambda t: chutecode.render(LAYOUT, t / "x.svg", size="0.1px"), UnitError,
     "size '0.1px' is 0.00847 mm, less than the limit of 1 mm", None),
    ("page 6000 mm", lambda t: chutecode.render(LAYOUT, t / "x.pdf", page="6000x100mm"), UnitError,
     "page '6000x100mm' is 6000 mm, more than the limit of 5000 mm", None),
    ("page as a tuple", lambda t: chutecode.render(LAYOUT, t / "x.pdf", page=("100mm", "300in")), UnitError,
     "is 7620 mm, more than the limit", None),
    ("PNG of 12 px", lambda t: chutecode.render(LAYOUT, t / "x.png", size="1mm"), RenderError,
     "is smaller than the limit of 16 px a side", None),
    ("dpi 1e300", lambda t: chutecode.render(LAYOUT, t / "x.png", dpi=1e300), UnitError,
     "dpi 1e+300 is more than the limit of 10000", None),
    ("dpi zero", lambda t: chutecode.render(LAYOUT, t / "x.png", dpi=0), UnitError, "dpi 0 is not valid",
     None),
    ("caption of 1001", lambda t: chutecode.render(LAYOUT, t / "x.svg", caption="x" * 1001), PrintError,
     "caption of 1001 characters is longer than the limit of 1000", None),
    ("title of 5000", lambda t: chutecode.render(LAYOUT, t / "x.pdf", title="x" * 5000), PrintError,
     "title of 5000 characters is longer than the limit of 1000", None),
    ("footer of 1001", lambda t: chutecode.render(LAYOUT, t / "x.svg", footer="y" * 1001), PrintError,
     "footer of 1001 characters", None),
    ("subtitle with a surrogate", lambda t: chutecode.render(LAYOUT, t / "x.svg", subtitle="a\ud800"),
     PrintError, "has a lone surrogate '\\ud800' at position 2", None),
    ("colours not text", lambda t: chutecode.render(LAYOUT, t / "x.svg", colours=True), ChutecodeError,
     "colours True is not valid: give ROLE=COLOUR text", None),
    ("profile not a path", lambda t: chutecode.render(LAYOUT, t / "x.tif", cmyk_profile=True), ChutecodeError,
     "cmyk_profile True is not valid: give the path of a CMYK ICC profile", None),
    ("size of 401 digits", lambda t: chutecode.render(LAYOUT, t / "x.svg", size=10**400), UnitError,
     "length of 401 digits is not a length", None),
    ("start angle of 401 digits", lambda t: chutecode.render(LAYOUT, t / "x.svg", start_angle=-10**400),
     StyleError, "start_angle of 401 digits is not valid", None),
    ("empty output path", lambda t: chutecode.render(LAYOUT, "", format="svg"), OutputError,
     "output '' is an empty path", None),
    ("pages not layouts", lambda t: chutecode.render_pages(object(), t / "x.pdf"), RenderError,
     "are not layouts", None),
    ("decode spacer 1.5", lambda t: decode(["0001111111" * 8], spacer=1.5), DecodeError,
     "spacer 1.5 is not valid: give a whole number of bits", None),
    ("not a design", lambda t: chutecode.render(LAYOUT, t / "x.svg", 42), RenderError, "is not a Design",
     None),
    ("unknown option", lambda t: chutecode.render(LAYOUT, t / "x.svg", colour_scheme="x"), ChutecodeError,
     "option 'colour_scheme' is not known", None),
    ("landscape without page", lambda t: chutecode.render(LAYOUT, t / "x.svg", landscape=True), PrintError,
     "landscape needs a page size: give page='a4'", None),
    ("vent 0.99", lambda t: chutecode.render(LAYOUT, t / "x.svg", vent=0.99), StyleError,
     "vent 0.99 is not valid", None),
    # Batches
    ("name template width", lambda t: batch.run(t / "rows.jsonl", t / "out", name="{index:0999999999d}"),
     BatchError, "asks for {index:0999999999d}, wider than the limit of 255 characters", ROWS),
    ("name template length", lambda t: batch.run(t / "rows.jsonl", t / "out", name="{index}" + "x" * 300),
     BatchError, "name template of 307 characters is longer than the limit of 255", ROWS),
    ("nested template field", lambda t: batch.run(t / "rows.jsonl", t / "out", name="{message:>{index}}"),
     BatchError, "has a field inside", ROWS),
    ("combine named .png", lambda t: batch.run(t / "rows.jsonl", t / "out", combine="book.png"), BatchError,
     "combine 'book.png' is a PDF file: give a name ending in .pdf, e.g. combine='book.pdf'",
     ROWS),
    ("contact sheet named .pdf",
     lambda t: batch.run(t / "rows.jsonl", t / "out", formats=("png",), contact_sheet="sheet.pdf"),
     BatchError, "contact_sheet 'sheet.pdf' is a PNG file: give a name ending in .png", ROWS),
    ("combine outside", lambda t: batch.run(t / "rows.jsonl", t / "out", combine="../book.pdf"), BatchError,
     "combine '../book.pdf' leaves the output folder", ROWS),
    ("combine without pdf", lambda t: batch.run(t / "rows.jsonl", t / "out", formats=("svg",),
                                                combine="b.pdf"),
     BatchError, "add pdf to the formats", ROWS),
    ("no rows", lambda t: batch.run([], t / "out"), BatchError, "no rows were given", None),
    ("gif batch", lambda t: batch.run([{"message": "A"}], t / "out", formats=("gif",)), BatchError,
     "format 'gif' is not a batch format", None),
    ("unknown column", lambda t: batch.run([{"message": "A", "colour_scheme": "x"}], t / "out"), BatchError,
     "column 'colour_scheme' is not a design option", None),
    ("rows file not UTF-8", lambda t: batch.run(t / "rows.csv", t / "out"), BatchError,
     "is not UTF-8 text", write("rows.csv", b"message\n\xff\xfe\n")),
    ("folder in use", lambda t: _run_while_locked(t), BatchError,
     "is in use by another batch (process ", ROWS),
    ("rows not a list", lambda t: batch.run(None, t / "out"), BatchError, "rows None are not valid", None),
    ("formats not a list", lambda t: batch.run([{"message": "A"}], t / "out", formats=None), BatchError,
     "formats None are not valid", None),
    ("combine not a name", lambda t: batch.run([{"message": "A"}], t / "out", combine=True), BatchError,
     "combine True is not valid: give a file name such as book.pdf", None),
    ("workers not a number", lambda t: batch.run([{"message": "A"}] * 2, t / "out", workers="2"), BatchError,
     "workers '2' is not valid", None),
    ("scheduler without dask", lambda t: batch.run([{"message": "A"}], t / "out", scheduler="tcp://x:1"),
     BatchError, "needs engine='dask'", None),
]


def _closed() -> io.BytesIO:
    stream = io.BytesIO()
    stream.close()
    return stream


def _render_into_read_only(path: Path) -> None:
    with open(path, "rb") as stream:
        chutecode.render(LAYOUT, stream, format="svg")


def _run_while_locked(folder: Path) -> None:
    out = folder / "out"
    out.mkdir()
    with folder_lock(out):
        batch.run(folder / "rows.jsonl", out)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the sha256 of its bytes (sockets and folders by kind)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_socket():
            found[key] = "socket"
        elif path.is_dir():
            found[key] = "folder"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """An empty folder that is also the working folder."""
    folder = tmp_path / "case"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("call, error, fragment, setup", [c[1:] for c in API_CASES],
                         ids=[c[0] for c in API_CASES])
def test_api_errors(call, error, fragment, setup, sandbox):
    if setup is not None:
        setup(sandbox)
    before = snapshot(sandbox)
    with pytest.raises(error) as info:
        call(sandbox)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
    assert isinstance(info.value, ChutecodeError) or isinstance(info.value, OSError) and \
        info.value.filename and ".part" not in str(info.value.filename)
    after = snapshot(sandbox)
    after.pop("out", None)  # a batch's output folder may be made (empty) before a row is read
    assert after == before
    assert ".part" not in message


# --- the command line -------------------------------------------------------------------------

#: (id, arguments, exit code, fragment, setup); ``{t}`` in an argument is the case's folder.
CLI_CASES: list[tuple[str, list[str], int, str, Callable[[Path], None] | None]] = [
    ("word too long", ["encode", "SUPERCALIFRAGILISTIC"], 2,
     "has 20 symbols, a ring of 80 gores holds 8: use --flow stream, more gores (--gores 200) or fewer "
     "letters", None),
    ("too few rings", ["encode", "DARE MIGHTY THINGS", "--rings", "2"], 2,
     "--rings 2 holds 2: use --rings 3, no --rings, --flow stream or more gores", None),
    ("latitude 95", ["encode", "X", "--coords", "95 0 0 N 0 0 0 E"], 2, "latitude '95'", None),
    ("gores not a multiple", ["encode", "X", "--gores", "85"], 2, "not a multiple of the group size", None),
    ("unknown codec", ["encode", "X", "--codec", "morse"], 2, "'morse' is not one of", None),
    ("rings not a number", ["encode", "X", "--rings", "many"], 2, "'many' is not a valid integer", None),
    ("missing message", ["encode"], 2, "Missing argument 'MESSAGE'", None),
    ("unknown option", ["encode", "X", "--bogus"], 2, "No such option", None),
    ("unknown command", ["frobnicate"], 2, "No such command 'frobnicate'", None),
    ("digit in letters", ["encode", "MARS2020"], 2, "use --codec ascii for digits and punctuation", None),
    ("no transliteration", ["encode", "Жар", "--no-transliterate"], 2,
     "pass --transliterate to spell it in Latin letters, or use --codec utf8", None),
    ("letter with no Latin letter", ["encode", "ع"], 2,
     "is a letter that transliterates to no Latin letter: leave it out, or use --codec utf8", None),
    ("control character", ["encode", "A\x07B"], 2, "is a control character: remove it", None),
    ("a billion gores", ["encode", "X", "--gores", "1000000000"], 2,
     "gores 1000000000 is more than the limit of 2000", None),
    ("a million rings", ["render", "X", "--rings", "1000000", "-o", "x.svg"], 2,
     "rings 1000000 is more than the limit of 200", None),
    ("encode into a folder", ["encode", "X", "-o", "posters.svg"], 2, "is a folder", subfolder),
    ("encode into a missing folder", ["encode", "X", "-o", "/nonexistent/dir/out.txt"], 1,
     "cannot use '/nonexistent/dir/out.txt': No such file or directory", None),
    # decode
    ("no source", ["decode"], 2, "give one source", None),
    ("missing bits file", ["decode", "--bits", "/nonexistent/rings.txt"], 1, "/nonexistent/rings.txt", None),
    ("bits file of a million bits", ["decode", "--bits", "big.txt"], 2,
     "ring 1 has 1000000 bits, more than the limit of 2000 gores", write("big.txt", "0" * 1_000_000 + "\n")),
    ("bits file of 5 MiB", ["decode", "--bits", "huge.txt"], 2,
     "bits file 'huge.txt' is larger than the limit of 4 MiB", write("huge.txt", "\n" * (5 << 20))),
    ("bits file not UTF-8", ["decode", "--bits", "latin1.txt"], 2,
     "bits file 'latin1.txt' is not UTF-8 text (byte 0xe9 at position 2): save it as UTF-8",
     write("latin1.txt", b"0\xe9\n")),
    ("201 rings", ["decode", "--bits", "many.txt"], 2, "201 rings are more than the limit of 200",
     write("many.txt", ("0001111111" * 8 + "\n") * 201)),
    ("stream end as words", ["decode", "--bits", "end.txt", "--flow", "words"], 2,
     "holds only a terminator, which ends a stream that fills its rings: use --flow stream",
     write("end.txt", "\n".join(END_OF_STREAM))),
    ("layout of 200000 rings", ["decode", "--layout", "big.json"], 2,
     "layout has 200000 rings, more than the limit of 200", write("big.json", layout_json(200_000))),
    ("layout nested", ["render", "--layout", "nested.json", "-o", "x.svg"], 2, "nested too deeply",
     write("nested.json", nested(100_000))),
    ("layout not UTF-8", ["render", "--layout", "latin1.json", "-o", "x.svg"], 2,
     "layout file 'latin1.json' is not UTF-8 text", write("latin1.json", b'{"message": "\xe9"}')),
    ("layout with a 5000-digit number", ["decode", "--layout", "digits.json"], 2,
     "a number of thousands of digits", write("digits.json", '{"version": ' + "7" * 5000 + "}")),
    ("coordinates for a picture", ["decode", "x.png", "--coordinates"], 2,
     "--coordinates and --no-coordinates apply to --bits only", None),
    # render: outputs
    ("format contradicts extension", ["render", "X", "-f", "svg", "-o", "out.png"], 2,
     "--format svg does not match the extension '.png' of 'out.png' (PNG): name the file .svg, or leave "
     "out --format to write PNG", None),
    ("output is a folder", ["render", "X", "-o", "posters.svg"], 2, "is a folder: give a file name inside it",
     subfolder),
    ("output is a socket", ["render", "X", "-o", "sock.svg"], 2, "'sock.svg' is a socket", unix_socket),
    ("output folder missing", ["render", "X", "-o", "/nonexistent/dir/x.svg"], 1,
     "cannot use '/nonexistent/dir/x.svg': No such file or directory", None),
    ("name longer than the system's", ["render", "X", "-o", "n" * 252 + ".svg"], 1,
     f"cannot use '{'n' * 252}.svg': File name too long", None),
    ("no extension", ["render", "X", "-o", "poster"], 2,
     "has no file extension: add one (.apng, .eps, .gif, .jpeg, .jpg, .pdf, .png, .ps, .svg, .tif, "
     ".tiff) or give a format with --format", None),
    ("stdout without format", ["render", "X", "-o", "-"], 2, "-o - (standard output) needs --format", None),
    ("tiff without a profile", ["render", "X", "-o", "x.tif"], 2,
     "needs a CMYK ICC profile: give --cmyk-profile press.icc from your print shop", None),
    # render: design limits
    ("size 10000 mm", ["render", "--size", "10000mm", "-o", "x.pdf"], 2,
     "Invalid value for '--size': size '10000mm' is 10000 mm, more than the limit of 5000 mm", None),
    ("size 0.1 px", ["render", "--size", "0.1px", "-o", "x.png"], 2, "less than the limit of 1 mm", None),
    ("PNG of 8 px", ["render", "--size", "2mm", "--dpi", "100", "-o", "x.png"], 2,
     "image of 8x8 px (2 x 2 mm at 100 dpi) is smaller than the limit of 16 px a side", None),
    ("page 6000 mm", ["render", "--page", "6000x6000mm", "-o", "x.pdf"], 2,
     "Invalid value for '--page': page '6000x6000mm' is 6000 mm, more than the limit of 5000 mm", None),
    ("dpi 1e300", ["render", "--dpi", "1e300", "-o", "x.png"], 2, "is more than the limit of 10000", None),
    ("caption of 1001", ["render", "--page", "a4", "--caption-text", "c" * 1001, "-o", "x.pdf"], 2,
     "Invalid value for '--caption-text': caption of 1001 characters is longer than the limit of 1000",
     None),
    ("title of 1001", ["render", "--title", "t" * 1001, "-o", "x.pdf"], 2,
     "title of 1001 characters is longer than the limit of 1000", None),
    ("landscape without page", ["render", "--landscape", "-o", "x.pdf"], 2,
     "landscape needs a page size: give --page a4 (or another) too", None),
    ("5000-digit latitude", ["render", "X", "--coords", "9" * 5000 + ", 0", "-o", "x.svg"], 2,
     "latitude '9999999999999999999999999999999999999999…' in", None),
    # batch
    ("template width", ["batch", "rows.jsonl", "--out", "out", "--name", "{index:0999999999d}"], 2,
     "wider than the limit of 255 characters", ROWS),
    ("combine named .png", ["batch", "rows.jsonl", "--out", "out", "--combine", "book.png"], 2,
     "combine 'book.png' is a PDF file: give a name ending in .pdf, e.g. --combine book.pdf", ROWS),
    ("contact sheet named .pdf", ["batch", "rows.jsonl", "--out", "out", "-f", "png", "--contact-sheet",
                                  "sheet.pdf"], 2,
     "contact_sheet 'sheet.pdf' is a PNG file: give a name ending in .png, e.g. --contact-sheet sheet.png",
     ROWS),
    ("combine outside", ["batch", "rows.jsonl", "--out", "out", "--combine", "../book.pdf"], 2,
     "leaves the output folder", ROWS),
    ("folder in use", ["batch", "rows.jsonl", "--out", "out"], 2,
     "is in use by another batch (process ", ROWS),
    ("row of a million rings", ["batch", "rows.jsonl", "--out", "out", "-f", "svg"], 1,
     "FAILED: rings 1000000 is more than the limit of 200", rows({"message": "A", "rings": 1000000})),
    ("row of a billion gores", ["batch", "rows.jsonl", "--out", "out", "-f", "svg"], 1,
     "FAILED: gores 1000000000 is more than the limit of 2000",
     rows({"message": "A", "gores": "1000000000"})),
    ("row with a long caption", ["batch", "rows.jsonl", "--out", "out", "-f", "svg"], 1,
     "column 'caption' has 'cccccccccccccccccccccccccccccccccccccccc…': caption of 1001 characters is "
     "longer than the limit of 1000", rows({"message": "A", "page": "a6", "caption": "c" * 1001})),
]

#: Cases whose command runs while another batch holds the output folder.
LOCKED = {"folder in use"}
#: Batch cases that fail a row: the batch's own report stays, no poster does.
ROW_FAILURES = {"row of a million rings", "row of a billion gores", "row with a long caption"}


@pytest.mark.parametrize("name, args, code, fragment, setup", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_errors(name, args, code, fragment, setup, sandbox, capsys):
    if setup is not None:
        setup(sandbox)
    before = snapshot(sandbox)
    with pytest.raises(SystemExit) as info:
        if name in LOCKED:
            (sandbox / "out").mkdir()
            with folder_lock(sandbox / "out"):
                main(args)
        else:
            main(args)
    captured = capsys.readouterr()
    assert info.value.code == code
    if name in ROW_FAILURES:
        # Rows that fail while running are reported as they fail; a bad cell before the row runs.
        assert fragment in captured.out or "1 failed in out (see out/report.csv)" in captured.out
        report = (sandbox / "out" / "report.csv").read_text(encoding="utf-8")
        assert fragment.removeprefix("FAILED: ") in report
        assert sorted(p.name for p in (sandbox / "out").iterdir()) == ["manifest.json", "report.csv"]
        after = {k: v for k, v in snapshot(sandbox).items() if not k.startswith("out")}
        assert after == before
        return
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]
    assert "Traceback" not in captured.err and ".part" not in captured.err
    assert cli_words(lines[0]) == lines[0], "the message names an option as Python does"
    after = snapshot(sandbox)
    if name in LOCKED:
        after.pop("out")
    assert after == before


def test_the_table_is_large_enough():
    assert len(API_CASES) + len(CLI_CASES) >= 80
    assert len({c[0] for c in API_CASES}) == len(API_CASES)
    assert len({c[0] for c in CLI_CASES}) == len(CLI_CASES)


def test_cli_bad_bits_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("0101\n0101010101\n"))
    with pytest.raises(SystemExit) as info:
        main(["decode", "--bits", "-"])
    assert info.value.code == 2
    assert "different gore counts" in capsys.readouterr().err


def test_debug_shows_the_traceback():
    with pytest.raises(CapacityError):
        main(["--debug", "encode", "SUPERCALIFRAGILISTIC"])


def test_cli_words_leaves_quoted_values_alone():
    assert cli_words("character '=' at position 3 of 'rings=2': use codec='ascii'") == (
        "character '=' at position 3 of 'rings=2': use --codec ascii")
    assert cli_words("pass transliterate=True, or rings=None") == "pass --transliterate, or no --rings"
    assert cli_words("read as a word (coordinates=False)") == "read as a word (--no-coordinates)"
    assert re.fullmatch(r"--seam-width 0\.3mm", cli_words("seam_width=0.3mm"))
