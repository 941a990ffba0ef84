from __future__ import annotations

import json
import os

import pypdf
import pytest
from PIL import Image

from chutecode import PALETTES
from chutecode.cli import main
from conftest import gore_centre


def run(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


def test_render_alone_makes_the_classic_design(tmp_path, capsys, reference):
    target = tmp_path / "poster.pdf"
    code, _, err = run(["render", "-o", str(target)], capsys)
    assert code == 0 and "wrote" in err
    meta = pypdf.PdfReader(target).metadata
    assert meta.title == "DARE MIGHTY THINGS"
    assert "34°11'58\"N 118°10'31\"W" in meta.subject


def test_default_output_is_canopy_png(tmp_path, capsys, monkeypatch, reference):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["render", "--size", "400px"], capsys)
    assert code == 0
    assert os.listdir(tmp_path) == ["canopy.png"]
    assert "400x400 px" in err
    image = Image.open(tmp_path / "canopy.png").convert("RGB")
    pal = PALETTES["perseverance"]
    for ring_index, ring in enumerate(reference["rings"]):    # the coordinate ring is there too
        for gore, bit in enumerate(ring["bits"]):
            assert image.getpixel(gore_centre(400, ring_index, gore)) == (pal.one if bit == "1" else pal.zero)


def test_default_output_follows_format(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["render", "-f", "svg", "-q"], capsys)[0] == 0
    assert os.listdir(tmp_path) == ["canopy.svg"]


def test_message_options(tmp_path, capsys):
    target = tmp_path / "hello.svg"
    code, _, _ = run(["render", "HELLO MARS", "--coords", "18 26 40 N 77 27 0 E", "-o", str(target),
                      "--palette", "midnight", "--size", "10cm", "--style", "disk", "--equal", "area",
                      "--annotate", "--seam-width", "0", "--start-angle", "10", "--gore-offset", "1"],
                     capsys)
    assert code == 0
    text = target.read_text()
    assert 'width="100mm"' in text and "<title>HELLO MARS</title>" in text
    assert 'class="seams"' not in text and "#f2c14e" in text      # midnight's gold


def test_message_without_coords_has_no_place(tmp_path, capsys):
    target = tmp_path / "x.svg"
    assert run(["render", "HELLO", "-o", str(target)], capsys)[0] == 0
    assert "place:" not in target.read_text()
    assert run(["render", "--coords", "none", "-o", str(target)], capsys)[0] == 0
    assert "place:" not in target.read_text() and "DARE MIGHTY THINGS" in target.read_text()


def test_colour_option(tmp_path, capsys, reference):
    target = tmp_path / "c.png"
    code, _, _ = run(["render", "-o", str(target), "--size", "400px", "--colour", "one=rgb(0, 0, 255)",
                      "--color", "zero=yellow"], capsys)
    assert code == 0
    image = Image.open(target).convert("RGB")
    bits = reference["rings"][0]["bits"]
    assert image.getpixel(gore_centre(400, 0, bits.index("1"))) == (0, 0, 255)
    assert image.getpixel(gore_centre(400, 0, bits.index("0"))) == (255, 255, 0)


def test_layout_file(tmp_path, capsys):
    layout = tmp_path / "layout.json"
    assert run(["encode", "TEST", "-f", "json", "-o", str(layout)], capsys)[0] == 0
    target = tmp_path / "t.svg"
    assert run(["render", "--layout", str(layout), "-o", str(target)], capsys)[0] == 0
    assert "<title>TEST</title>" in target.read_text()


def test_stdout(capsysbinary):
    with pytest.raises(SystemExit) as info:
        main(["render", "-o", "-", "--format", "svg"])
    assert info.value.code == 0
    assert capsysbinary.readouterr().out.startswith(b"<?xml")


@pytest.mark.parametrize(("args", "fragment"), [
    (["--palette", "neon"], "'neon'"),
    (["--size", "0cm"], "'0cm'"),
    (["--size", "-3in"], "'-3in'"),
    (["--colour", "one=notacolour"], "'notacolour'"),
    (["--colour", "glow=red"], "ROLE=COLOUR"),
    (["--format", "bmp"], "'bmp'"),
    (["--seam-width", "wide"], "'wide'"),
    (["--vent", "5"], "vent 5"),
    (["--size", "5000mm", "--dpi", "1100"], "200000 px a side"),
    (["--size", "2000cm"], "size '2000cm' is 20000 mm, more than the limit of 5000 mm"),
    (["--style", "round"], "'round'"),
])
def test_bad_input_exit_2_one_line_no_file(tmp_path, capsys, args, fragment):
    target = tmp_path / "bad.png"
    code, out, err = run(["render", "-o", str(target), *args], capsys)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and fragment in err
    assert os.listdir(tmp_path) == []


def test_unknown_extension(tmp_path, capsys):
    code, _, err = run(["render", "-o", str(tmp_path / "x.bmp")], capsys)
    assert code == 2 and "'.bmp'" in err
    assert os.listdir(tmp_path) == []


def test_stdout_needs_format(capsys):
    code, _, err = run(["render", "-o", "-"], capsys)
    assert code == 2 and "--format" in err


def test_missing_directory_is_exit_1(tmp_path, capsys):
    code, _, err = run(["render", "-o", str(tmp_path / "no" / "such.png")], capsys)
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1


def test_list_formats(capsys):
    code, out, _ = run(["render", "--list-formats"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()][:5] == ["svg", "png", "pdf", "eps", "ps"]


def test_palettes_command(capsys):
    code, out, _ = run(["palettes"], capsys)
    assert code == 0
    for name, pal in PALETTES.items():
        assert name in out
        assert "#{:02x}{:02x}{:02x}".format(*pal.one) in out
    code, out, _ = run(["palettes", "--json"], capsys)
    data = json.loads(out)
    assert data["perseverance"]["one"] == "#d9532b" and set(data) == set(PALETTES)
