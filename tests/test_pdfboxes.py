"""Print boxes and metadata of finished PDFs, read back with pypdf."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import cairocffi as cairo
import pytest
from pypdf import PdfReader

import chutecode
from chutecode.errors import ChutecodeError, PrintError
from chutecode.renderers.pdf import FIXED_DATE, PdfMetadata, concat_pdfs, finish_pdf, pdf_date

MM = 72 / 25.4  # points per millimetre


def cairo_pdf(
    width_pt: float,
    height_pt: float,
    *,
    pages: int = 1,
    text: str = "chute",
    version: int | None = None,
    create_date: str | None = None,
) -> bytes:
    """A PDF drawn with cairo: a full-sheet colour, a disk and a line of text per page."""
    buffer = io.BytesIO()
    surface = cairo.PDFSurface(buffer, width_pt, height_pt)
    if version is not None:
        surface.restrict_to_version(version)
    if create_date is not None:
        surface.set_metadata(cairo.PDF_METADATA_CREATE_DATE, create_date)
    context = cairo.Context(surface)
    for number in range(pages):
        context.set_source_rgb(0.9, 0.4, 0.1)
        context.paint()
        context.set_source_rgb(1, 1, 1)
        context.arc(width_pt / 2, height_pt / 2, min(width_pt, height_pt) / 3, 0, 6.2832)
        context.fill()
        context.set_source_rgb(0, 0, 0)
        context.select_font_face("DejaVu Sans")
        context.set_font_size(24)
        context.move_to(40, 60)
        context.show_text(f"{text} {number + 1}")
        surface.show_page()
    surface.finish()
    return buffer.getvalue()


def boxes(page) -> tuple[list[float], list[float], list[float]]:
    return (
        [float(v) for v in page.mediabox],
        [float(v) for v in page.trimbox],
        [float(v) for v in page.bleedbox],
    )


# Hand-worked boxes in points (1 mm = 72 / 25.4 pt), page drawn at page + 2 x (bleed + slug).
CASES = {
    # A3 (297 x 420 mm) with 3 mm bleed: sheet 303 x 426 mm.
    "a3+3mm": dict(
        sheet=(858.898, 1207.559),
        bleed=3,
        slug=0,
        media=[0, 0, 858.898, 1207.559],
        trim=[8.504, 8.504, 850.394, 1199.055],
        bleed_box=[0, 0, 858.898, 1207.559],
    ),
    # 24 x 36 in (1728 x 2592 pt) with an eighth of an inch (9 pt) of bleed.
    "24x36in+1/8in": dict(
        sheet=(1746, 2610),
        bleed=3.175,
        slug=0,
        media=[0, 0, 1746, 2610],
        trim=[9, 9, 1737, 2601],
        bleed_box=[0, 0, 1746, 2610],
    ),
    # 500 x 500 mm (1417.323 pt) with 3 mm bleed and a 5 mm slug for crop marks: sheet 516 mm.
    "500x500mm+3mm+5mm slug": dict(
        sheet=(1462.677, 1462.677),
        bleed=3,
        slug=5,
        media=[0, 0, 1462.677, 1462.677],
        trim=[22.677, 22.677, 1440.0, 1440.0],
        bleed_box=[14.173, 14.173, 1448.504, 1448.504],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_boxes_within_a_point(name: str) -> None:
    case = CASES[name]
    finished = finish_pdf(cairo_pdf(*case["sheet"]), bleed_mm=case["bleed"], slug_mm=case["slug"])
    reader = PdfReader(io.BytesIO(finished))
    assert len(reader.pages) == 1
    media, trim, bleed = boxes(reader.pages[0])
    assert media == pytest.approx(case["media"], abs=1.0)
    assert trim == pytest.approx(case["trim"], abs=1.0)
    assert bleed == pytest.approx(case["bleed_box"], abs=1.0)
    # and much closer than a point in fact
    assert trim == pytest.approx(case["trim"], abs=0.01)


def test_trim_is_the_page_size() -> None:
    finished = finish_pdf(cairo_pdf(303 * MM, 426 * MM), bleed_mm=3)
    _, trim, _ = boxes(PdfReader(io.BytesIO(finished)).pages[0])
    assert (trim[2] - trim[0]) / MM == pytest.approx(297, abs=0.01)
    assert (trim[3] - trim[1]) / MM == pytest.approx(420, abs=0.01)


def test_no_bleed_gives_three_equal_boxes() -> None:
    finished = finish_pdf(cairo_pdf(595.276, 841.89))
    media, trim, bleed = boxes(PdfReader(io.BytesIO(finished)).pages[0])
    assert media == trim == bleed == pytest.approx([0, 0, 595.276, 841.89], abs=0.01)


def test_content_is_kept() -> None:
    finished = finish_pdf(cairo_pdf(400, 400, text="DARE MIGHTY THINGS"), bleed_mm=3)
    text = PdfReader(io.BytesIO(finished)).pages[0].extract_text()
    assert "DARE MIGHTY THINGS 1" in text


def test_metadata_defaults() -> None:
    finished = finish_pdf(cairo_pdf(400, 400), metadata=PdfMetadata(title="DARE MIGHTY THINGS"))
    info = PdfReader(io.BytesIO(finished)).metadata
    assert info.title == "DARE MIGHTY THINGS"
    assert info.creator == f"chutecode {chutecode.__version__}"
    assert "pypdf" in info.producer and "cairo" in info.producer
    assert info["/CreationDate"] == "D:20210218205500+00'00'"
    assert info.creation_date == datetime(2021, 2, 18, 20, 55, tzinfo=UTC)
    assert info.modification_date == info.creation_date
    assert info.author is None and info.subject is None  # empty fields are left out


def test_metadata_fields_and_timestamp() -> None:
    moment = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    meta = PdfMetadata(
        title="Café ✓ Ωmega",
        author="Ada",
        subject="Ring code poster",
        keywords="parachute, mars2020",
        creator="my tool",
        producer="my press",
        timestamp=moment,
    )
    info = PdfReader(io.BytesIO(finish_pdf(cairo_pdf(400, 400), metadata=meta))).metadata
    assert info.title == "Café ✓ Ωmega"
    assert info.author == "Ada"
    assert info.subject == "Ring code poster"
    assert info["/Keywords"] == "parachute, mars2020"
    assert info.creator == "my tool"
    assert info.producer == "my press"
    assert info["/CreationDate"] == "D:20240506070809+02'00'"
    assert info.creation_date == moment


def test_cairo_dates_do_not_leak() -> None:
    early = cairo_pdf(400, 400, create_date="2001-01-01T00:00:00Z")
    late = cairo_pdf(400, 400, create_date="2030-12-31T23:59:59Z")
    assert early != late
    assert finish_pdf(early) == finish_pdf(late)
    assert b"2001" not in finish_pdf(early)


def test_pdf_date_format() -> None:
    assert pdf_date(FIXED_DATE) == "D:20210218205500+00'00'"
    assert pdf_date(datetime(1999, 12, 31, 23, 0, 1)) == "D:19991231230001+00'00'"  # naive is UTC
    west = timezone(-timedelta(hours=7, minutes=30))
    assert pdf_date(datetime(2020, 7, 30, 4, 50, tzinfo=west)) == "D:20200730045000-07'30'"


@pytest.mark.parametrize(
    "version, header", [(cairo.PDF_VERSION_1_4, "%PDF-1.4"), (cairo.PDF_VERSION_1_5, "%PDF-1.5")]
)
def test_header_version_is_kept(version: int, header: str) -> None:
    source = cairo_pdf(400, 400, version=version)
    assert source.startswith(header.encode())
    finished = finish_pdf(source, bleed_mm=3)
    assert finished.startswith(header.encode() + b"\n")
    assert PdfReader(io.BytesIO(finished)).pdf_header == header


def test_multi_page_concatenation() -> None:
    first = cairo_pdf(300 * MM, 400 * MM, text="first")
    second = cairo_pdf(200 * MM, 250 * MM, pages=2, text="second", version=cairo.PDF_VERSION_1_4)
    third = cairo_pdf(216 * MM, 216 * MM, text="third")
    finished = concat_pdfs([first, second, third], bleed_mm=3, metadata=PdfMetadata(title="three designs"))
    reader = PdfReader(io.BytesIO(finished))
    assert len(reader.pages) == 4
    assert reader.pdf_header == "%PDF-1.5"  # the highest of the inputs
    assert reader.metadata.title == "three designs"
    expected = [("first 1", 294, 394), ("second 1", 194, 244), ("second 2", 194, 244), ("third 1", 210, 210)]
    for page, (text, trim_w, trim_h) in zip(reader.pages, expected, strict=True):
        media, trim, bleed = boxes(page)
        assert text in page.extract_text()
        assert (trim[2] - trim[0]) / MM == pytest.approx(trim_w, abs=0.01)
        assert (trim[3] - trim[1]) / MM == pytest.approx(trim_h, abs=0.01)
        assert trim[0] == pytest.approx(3 * MM, abs=0.01)
        assert bleed == media


def test_same_input_gives_identical_bytes() -> None:
    source = cairo_pdf(303 * MM, 426 * MM)
    meta = PdfMetadata(title="DARE MIGHTY THINGS", author="JPL")
    once = finish_pdf(source, bleed_mm=3, metadata=meta)
    assert once == finish_pdf(source, bleed_mm=3, metadata=meta)
    assert b"/ID" not in once
    pages = [cairo_pdf(200, 300, text="a"), cairo_pdf(300, 200, pages=2, text="b")]
    assert concat_pdfs(pages, bleed_mm=2) == concat_pdfs(pages, bleed_mm=2)


def test_identical_bytes_across_processes(tmp_path: Path) -> None:
    source = tmp_path / "in.pdf"
    source.write_bytes(cairo_pdf(303 * MM, 426 * MM, pages=2))
    script = (
        "import sys; from chutecode.renderers.pdf import concat_pdfs, PdfMetadata; "
        "data = open(sys.argv[1], 'rb').read(); "
        "open(sys.argv[2], 'wb').write(concat_pdfs([data, data], bleed_mm=3, slug_mm=2, "
        "metadata=PdfMetadata(title='t', subject='s')))"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(source), str(out)], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(PdfReader(io.BytesIO(outputs[0])).pages) == 4


def test_unreadable_pdf() -> None:
    with pytest.raises(PrintError, match="cannot be read"):
        finish_pdf(b"this is not a pdf")


@pytest.mark.parametrize("bleed, slug", [(200, 0), (100, 100), (150, 0.1)])
def test_bleed_leaving_no_page(bleed: float, slug: float) -> None:
    with pytest.raises(PrintError, match="leave no page"):
        finish_pdf(cairo_pdf(300 * MM, 300 * MM), bleed_mm=bleed, slug_mm=slug)


@pytest.mark.parametrize("bleed", [-1, float("nan"), float("inf"), "3mm"])
def test_bad_bleed(bleed: object) -> None:
    with pytest.raises(PrintError) as info:
        finish_pdf(cairo_pdf(400, 400), bleed_mm=bleed)  # type: ignore[arg-type]
    assert repr(bleed) in str(info.value)
    assert isinstance(info.value, ChutecodeError)


def test_no_pdfs() -> None:
    with pytest.raises(PrintError, match="at least one"):
        concat_pdfs([])
