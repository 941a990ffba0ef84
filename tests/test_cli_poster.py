"""``chutecode render`` with page options: posters, print files, worksheets and bad input."""

from __future__ import annotations

import os

import pypdf
import pytest
from PIL import Image

from chutecode import PAGE_SIZES
from chutecode.cli import main
from cmyk_profile import build_cmyk_profile


def run(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


def test_classic_poster(tmp_path, capsys):
    target = tmp_path / "poster.pdf"
    code, _, err = run(
        ["render", "--page", "a3", "--caption", "--subtitle", "--legend", "-o", str(target)], capsys
    )
    assert code == 0 and "297 x 420 mm" in err
    reader = pypdf.PdfReader(target)
    text = reader.pages[0].extract_text()
    assert "DARE MIGHTY THINGS" in text and "How to read the code" in text
    assert float(reader.pages[0].trimbox.width) == pytest.approx(841.89, abs=1)


def test_plain_render_is_unchanged(tmp_path, capsys):
    target = tmp_path / "poster.pdf"
    assert run(["render", "-o", str(target)], capsys)[0] == 0
    page = pypdf.PdfReader(target).pages[0]
    assert float(page.mediabox.width) == pytest.approx(200 * 72 / 25.4, abs=0.5)
    assert page.extract_text().strip() == ""


def test_print_options(tmp_path, capsys):
    target = tmp_path / "print.pdf"
    code, _, err = run(
        [
            "render",
            "--page",
            "a4",
            "--landscape",
            "--bleed",
            "3mm",
            "--crop-marks",
            "--caption-text",
            "Our parachute",
            "--subtitle",
            "--footer",
            "--margin",
            "12mm",
            "--title",
            "Parachute",
            "--author",
            "Room 12",
            "--subject",
            "Class project",
            "--font",
            "DejaVu Sans",
            "-o",
            str(target),
        ],
        capsys,
    )
    assert code == 0, err
    reader = pypdf.PdfReader(target)
    page = reader.pages[0]
    assert float(page.trimbox.width) == pytest.approx(297 * 72 / 25.4, abs=1)
    assert float(page.bleedbox.width) == pytest.approx(303 * 72 / 25.4, abs=1)
    assert float(page.mediabox.width) > float(page.bleedbox.width) + 10 * 72 / 25.4
    assert "Our parachute" in page.extract_text()
    meta = reader.metadata
    assert (meta.title, meta.author, meta.subject) == ("Parachute", "Room 12", "Class project")


def test_png_page(tmp_path, capsys):
    target = tmp_path / "poster.png"
    code, _, err = run(["render", "--page", "letter", "--caption", "-o", str(target)], capsys)
    assert code == 0 and "2550x3300 px" in err
    with Image.open(target) as image:
        assert image.size == (2550, 3300)


def test_worksheet(tmp_path, capsys):
    target = tmp_path / "ws.pdf"
    code, _, err = run(["render", "--worksheet", "-o", str(target)], capsys)
    assert code == 0 and "worksheet" in err
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == 2
    assert "DARE" not in reader.pages[0].extract_text()
    assert "DARE MIGHTY THINGS" in reader.pages[1].extract_text()
    code, _, err = run(["render", "--worksheet", "-o", str(tmp_path / "ws.svg")], capsys)
    assert code == 0 and "ws-1.svg and" in err
    assert (tmp_path / "ws-1.svg").exists() and (tmp_path / "ws-2.svg").exists()


def test_cmyk_tiff(tmp_path, capsys):
    profile = tmp_path / "press.icc"
    profile.write_bytes(build_cmyk_profile())
    target = tmp_path / "poster.tif"
    code, _, err = run(
        [
            "render",
            "--page",
            "a6",
            "--dpi",
            "72",
            "--caption",
            "--cmyk-profile",
            str(profile),
            "-o",
            str(target),
        ],
        capsys,
    )
    assert code == 0, err
    with Image.open(target) as image:
        assert image.mode == "CMYK" and image.size == (298, 420)


def test_help_lists_every_page_size(capsys):
    code, out, _ = run(["render", "--help"], capsys)
    assert code == 0
    flat = " ".join(out.split())
    assert ", ".join(PAGE_SIZES) in flat
    for option in (
        "--landscape",
        "--bleed",
        "--crop-marks",
        "--caption",
        "--subtitle",
        "--legend",
        "--footer",
        "--font",
        "--title",
        "--author",
        "--subject",
        "--timestamp",
        "--cmyk-profile",
        "--worksheet",
    ):
        assert option in out


@pytest.mark.parametrize(
    ("args", "name", "fragment"),
    [
        (["--page", "b5"], "x.pdf", "a0, a1, a2, a3, a4, a5, a6, letter"),
        (["--page", "a4", "--bleed", "-3mm"], "x.pdf", "'-3mm'"),
        (["--page", "a4", "--font", "Nonexistent Sans 9"], "x.pdf", "'Nonexistent Sans 9'"),
        (["--page", "a4", "--margin", "1 furlong"], "x.pdf", "furlong"),
        (["--landscape"], "x.pdf", "landscape needs a page"),
        ([], "x.tif", "needs a CMYK ICC profile"),
        (["--cmyk-profile", "/nonexistent/press.icc"], "x.tif", "'/nonexistent/press.icc'"),
        (["--page", "a4", "--size", "30cm"], "x.pdf", "at most"),
        (["--page", "30x30mm", "--caption", "--subtitle", "--legend", "--footer"], "x.pdf", "larger page"),
        (["--worksheet", "-f", "png", "-o", "-"], None, "output path"),
    ],
)
def test_bad_input_exit_2_one_line_no_file(tmp_path, capsys, args, name, fragment):
    out = ["-o", str(tmp_path / name)] if name else []
    code, _, err = run(["render", *out, *args], capsys)
    assert code == 2
    assert fragment in err and err.count("\n") == 1 and err.startswith("error:")
    assert os.listdir(tmp_path) == []
