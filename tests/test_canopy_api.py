"""chutecode.make(...) and its Canopy: files, data URIs, Pillow images, terminal previews and
notebook displays, each checked against render() with the same design or decoded from outside."""

from __future__ import annotations

import base64
import io
import math
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

import chutecode
from chutecode import Canopy, DecodeError, RenderError
from chutecode.cli import main
from conftest import SPEC_BOUNDS

ANSI = re.compile(r"\x1b\[[0-9;]*m")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def canopy() -> Canopy:
    return chutecode.make("HELLO MARS", coords="48.8584, 2.2945", palette="midnight", size="60mm")


def _rendered(canopy: Canopy, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(canopy.layout, buffer, canopy.design, format=kind, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["svg", "png", "pdf"])
def test_save_writes_what_render_writes(canopy, kind, tmp_path):
    buffer = io.BytesIO()
    assert canopy.save(buffer, kind) == []
    assert buffer.getvalue() == _rendered(canopy, kind)
    target = tmp_path / f"canopy.{kind}"
    assert canopy.save(target) == [str(target)]
    assert target.read_bytes() == _rendered(canopy, kind)


def test_save_takes_format_as_another_name_for_kind_and_overrides(canopy):
    by_kind, by_format = io.BytesIO(), io.BytesIO()
    canopy.save(by_kind, kind="svg", palette="mars")
    canopy.save(by_format, format="svg", palette="mars")
    assert by_kind.getvalue() == by_format.getvalue() == _rendered(canopy, "svg", palette="mars")
    assert by_kind.getvalue() != _rendered(canopy, "svg")
    with pytest.raises(RenderError, match="kind='svg' and format='png' disagree"):
        canopy.save(io.BytesIO(), kind="svg", format="png")
    with pytest.raises(RenderError, match="give format="):
        canopy.save(io.BytesIO())


def test_inline_svg_has_no_declaration_and_parses(canopy):
    full, inline = canopy.svg(), canopy.svg(inline=True)
    assert full.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert not inline.startswith("<?xml") and "<?xml" not in inline
    root = ET.fromstring(inline)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert full.endswith(inline)
    # Embedded in an HTML page as it is.
    html = f"<!doctype html><html><body><p>canopy</p>{inline}</body></html>"
    assert html.count("<svg") == 1


def test_svg_data_uris_decode_to_the_svg(canopy):
    uri = canopy.svg_data_uri()
    head, _, data = uri.partition(",")
    assert head == "data:image/svg+xml;charset=utf-8"
    assert '"' not in data and "<" not in data and " " not in data   # safe inside an HTML attribute
    assert urllib.parse.unquote(data) == canopy.svg(inline=True)
    head, _, data = canopy.svg_data_uri("base64").partition(",")
    assert head == "data:image/svg+xml;base64"
    assert base64.b64decode(data).decode("utf-8") == canopy.svg(inline=True)
    with pytest.raises(RenderError, match="encoding 'hex' is not known"):
        canopy.svg_data_uri("hex")


def test_png_data_uri_decodes_to_the_png_render_draws(canopy):
    head, _, data = canopy.png_data_uri().partition(",")
    assert head == "data:image/png;base64"
    assert base64.b64decode(data) == _rendered(canopy, "png")
    # size: the longer side in pixels. 300 px over a 60 mm canopy is 300 / 60 * 25.4 = 127 dpi.
    small = base64.b64decode(canopy.png_data_uri(size=300).partition(",")[2])
    assert small == _rendered(canopy, "png", dpi=127)
    assert Image.open(io.BytesIO(small)).size == (300, 300)


def test_to_pil_size_and_mode(canopy):
    image = canopy.to_pil(size=256)
    assert (image.size, image.mode) == ((256, 256), "RGB")
    assert canopy.to_pil().size == (709, 709)   # 60 mm at 300 dpi: 60 / 25.4 * 300 = 708.7
    clear = canopy.replace(transparent=True).to_pil(size=128)
    assert (clear.size, clear.mode) == ((128, 128), "RGBA")
    # A page: the longer side is the size asked for; A4 is 210 x 297 mm.
    page = canopy.replace(page="a4", caption=True).to_pil(size=594)
    assert page.size == (420, 594)
    assert image.getpixel((128, 128)) == (5, 7, 13)   # the vent shows midnight's background, #05070D
    for bad in (0, -3, 2.5, "10cm", True):
        with pytest.raises(RenderError, match="longer side in pixels"):
            canopy.to_pil(size=bad)


def test_replace_changes_the_design_only(canopy):
    other = canopy.replace(palette="mars")
    assert other.layout is canopy.layout and other.design.palette == "mars"
    assert canopy.design.palette == "midnight"


def _coloured_fraction(layout) -> float:
    """The share of the canopy's gore area that is coloured (bits 1), from the bits and SPEC's rings."""
    ones = total = 0.0
    for ring, (lo, hi) in zip(layout.rings, SPEC_BOUNDS, strict=True):
        area = math.pi * (hi**2 - lo**2)
        ones += area * ring.bits.count("1") / len(ring.bits)
        total += area
    return ones / total


def test_plain_terminal_preview_has_the_width_and_the_coloured_share(perseverance):
    out = io.StringIO()   # not a terminal: plain text
    Canopy(perseverance).terminal(out, width=80)
    text = out.getvalue()
    assert "\x1b" not in text
    lines = text.splitlines()
    assert len(lines) == 40 and {len(line) for line in lines} == {80}
    gores = sum(line.count("#") + line.count(".") for line in lines)
    assert abs(sum(line.count("#") for line in lines) / gores - _coloured_fraction(perseverance)) < 0.03
    assert lines[20][40] == " "   # the vent, at the centre


def test_colour_terminal_preview_is_true_colour_half_blocks(perseverance):
    out = io.StringIO()
    Canopy(perseverance).terminal(out, width=40, colour=True)
    text = out.getvalue()
    assert "\x1b[38;2;" in text and "\x1b[48;2;" in text
    lines = text.splitlines()
    assert len(lines) == 20
    assert all(line.endswith("\x1b[0m") for line in lines)
    cells = [ANSI.sub("", line) for line in lines]
    assert {len(cell) for cell in cells} == {40}
    assert set("".join(cells)) <= {"\u2580", "\u2584", " "}
    # Perseverance orange #D9532B is painted somewhere.
    assert "38;2;217;83;43" in text or "48;2;217;83;43" in text


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_preview_chooses_colour_for_terminals_only(perseverance, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    tty = _FakeTerminal()
    Canopy(perseverance).terminal(tty, width=20)
    assert "\x1b[" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _FakeTerminal()
    Canopy(perseverance).terminal(plain, width=20)
    assert "\x1b" not in plain.getvalue()
    with pytest.raises(RenderError, match="width 3 is not valid"):
        Canopy(perseverance).terminal(io.StringIO(), width=3)


def test_show_command_prints_a_preview(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["show", "HELLO MARS", "--coords", "48.8584, 2.2945", "--width", "30"])
    assert exit_info.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 15 and {len(line) for line in lines} == {30}
    assert any("#" in line for line in lines)
    with pytest.raises(SystemExit):
        main(["show", "--ansi", "-w", "20", "--palette", "mars"])
    assert "\x1b[38;2;" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["show", "-w", "2"])
    assert exit_info.value.code == 2
    assert "--width" in capsys.readouterr().err


def test_notebook_reprs(canopy):
    svg = canopy._repr_svg_()
    assert not svg.startswith("<?xml")
    ET.fromstring(svg)
    bare = chutecode.make("HI")._repr_svg_()
    assert 'width="120mm"' in bare     # a notebook-sized canopy when the design gives no size
    png = canopy._repr_png_()
    assert png.startswith(PNG_SIGNATURE)
    assert Image.open(io.BytesIO(png)).size == (480, 480)


def _turned(bits: str, gores: int) -> str:
    return bits[gores:] + bits[:gores]


def test_canopy_from_decoded_is_the_canopy_that_was_read(perseverance):
    # Each ring read from its own gore, as a person reading a photo ring by ring might.
    read = [_turned(ring.bits, 7 * number) for number, ring in enumerate(perseverance.rings, start=1)]
    decoded = chutecode.decode(read)
    assert decoded.bits == tuple(read)
    assert Canopy.from_decoded(decoded).layout == perseverance
    assert Canopy.from_decoded(decoded, palette="mars").design.palette == "mars"
    bare = chutecode.Decoded(decoded.message, decoded.coordinates, decoded.codec, decoded.flow, decoded.rings)
    with pytest.raises(DecodeError, match="carries no bits"):
        Canopy.from_decoded(bare)


def test_show_prints_a_decoding_as_its_canopy_and_table(perseverance):
    out = io.StringIO()
    chutecode.show(chutecode.decode(perseverance), out, width=30)
    text = out.getvalue()
    assert "message  DARE MIGHTY THINGS" in text
    assert text.splitlines()[0].strip() and len(text.splitlines()[0]) == 30


def test_decoded_shows_itself_in_ipython_as_canopy_and_table(perseverance):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    assert chutecode.register_notebook_display(shell)
    data, _ = shell.display_formatter.format(chutecode.decode(perseverance))
    html = data["text/html"]
    assert "<svg" in html and "<?xml" not in html and "<table>" in html
    assert "DARE MIGHTY THINGS" in html and "34°11&#x27;58&quot;N" in html
    assert html.count("<tr>") == 4 + len(perseverance.rings)
    # The canopy is drawn with its symbols on their groups: the letters of the message are there.
    assert all(f">{letter}</text>" in html for letter in "DAREMIGHTYTHINGS")


def test_importing_chutecode_inside_ipython_teaches_it_decodings():
    script = ("from IPython.core.interactiveshell import InteractiveShell\n"
              "shell = InteractiveShell.instance()\n"
              "import chutecode\n"
              "data, _ = shell.display_formatter.format(chutecode.decode(chutecode.encode('HI')))\n"
              "print('text/html' in data and '<svg' in data['text/html'])\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "True", result.stderr
