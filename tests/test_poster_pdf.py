"""Print-ready PDFs read back with pypdf: page boxes, metadata, pages, vectors only, determinism."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pypdf
import pytest

import chutecode

PT = 72 / 25.4  # points per millimetre
IN = 72  # points per inch


def pdf(layout, **options) -> pypdf.PdfReader:
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format="pdf", **options)
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue()))


def box(rect) -> tuple[float, float, float, float]:
    return (float(rect.left), float(rect.bottom), float(rect.right), float(rect.top))


def within_a_point(actual, expected):
    assert actual == pytest.approx(expected, abs=1.0), (actual, expected)


def test_a3_with_3mm_bleed(perseverance):
    page = pdf(perseverance, page="a3", bleed="3mm", caption=True).pages[0]
    bleed = 3 * PT  # 8.50 pt
    width, height = 297 * PT, 420 * PT  # 841.89 x 1190.55 pt
    within_a_point(box(page.mediabox), (0, 0, width + 2 * bleed, height + 2 * bleed))
    within_a_point(box(page.bleedbox), (0, 0, width + 2 * bleed, height + 2 * bleed))
    within_a_point(box(page.trimbox), (bleed, bleed, bleed + width, bleed + height))


def test_a3_with_3mm_bleed_and_crop_marks(perseverance):
    page = pdf(perseverance, page="a3", bleed="3mm", crop_marks=True).pages[0]
    media, bleed_box, trim = box(page.mediabox), box(page.bleedbox), box(page.trimbox)
    within_a_point((trim[2] - trim[0], trim[3] - trim[1]), (841.89, 1190.55))
    within_a_point([b - t for b, t in zip(bleed_box, trim, strict=True)], (-3 * PT, -3 * PT, 3 * PT, 3 * PT))
    # a slug beyond the bleed holds the marks: at least 5 mm of marks on every side
    slug = bleed_box[0] - media[0]
    assert slug >= 5 * PT
    within_a_point(media, (0, 0, trim[2] + trim[0], trim[3] + trim[1]))
    assert bleed_box[0] == pytest.approx(media[0] + slug) and bleed_box[3] == pytest.approx(media[3] - slug)


def test_24x36in_and_500x500mm(perseverance):
    poster = pdf(perseverance, page="24x36in", caption=True).pages[0]
    within_a_point(box(poster.trimbox), (0, 0, 24 * IN, 36 * IN))
    within_a_point(box(poster.mediabox), (0, 0, 1728, 2592))
    square = pdf(perseverance, page="500x500mm", bleed="5mm").pages[0]
    within_a_point(box(square.trimbox), (5 * PT, 5 * PT, 505 * PT, 505 * PT))
    within_a_point(box(square.mediabox), (0, 0, 510 * PT, 510 * PT))


def test_bare_canopy_page_is_the_canopy(perseverance):
    page = pdf(perseverance, size="20cm").pages[0]
    within_a_point(box(page.mediabox), (0, 0, 200 * PT, 200 * PT))
    within_a_point(box(page.trimbox), (0, 0, 200 * PT, 200 * PT))


def test_metadata(perseverance):
    reader = pdf(perseverance, page="a4", author="Room 12", subject="Our parachute")
    meta = reader.metadata
    assert meta.title == "DARE MIGHTY THINGS"
    assert meta.author == "Room 12" and meta.subject == "Our parachute"
    assert meta.creator == f"chutecode {chutecode.__version__}"
    assert meta.creation_date == datetime(2021, 2, 18, 20, 55, tzinfo=UTC)
    assert pdf(perseverance, page="a4", title="Dare").metadata.title == "Dare"
    # without a subject: what the code says
    assert "34°11'58\"N" in pdf(perseverance, page="a4").metadata.subject


def test_timestamp_option(perseverance):
    before = datetime.now(UTC).replace(microsecond=0)
    stamped = pdf(perseverance, page="a4", timestamp=True).metadata.creation_date
    assert stamped >= before and stamped.year >= 2024
    fixed = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert pdf(perseverance, page="a4", timestamp=fixed).metadata.creation_date == fixed


def test_vectors_and_text_only(perseverance):
    reader = pdf(
        perseverance,
        page="a3",
        bleed="3mm",
        crop_marks=True,
        caption=True,
        subtitle=True,
        legend=True,
        footer=True,
    )
    page = reader.pages[0]
    assert list(page.images) == []
    text = page.extract_text()
    assert "DARE MIGHTY THINGS" in text and "How to read the code" in text


def test_byte_identical_twice(perseverance):
    def once() -> bytes:
        buffer = io.BytesIO()
        chutecode.render(
            perseverance,
            buffer,
            format="pdf",
            page="a3",
            bleed="3mm",
            crop_marks=True,
            caption=True,
            subtitle=True,
            legend=True,
        )
        return buffer.getvalue()

    assert once() == once()


def test_render_pages_one_page_a_design(tmp_path, perseverance):
    hello = chutecode.encode("HELLO MARS")
    target = tmp_path / "book.pdf"
    written = chutecode.render_pages(
        [perseverance, (hello, {"caption": "Second"}), hello], target, page="a5", caption=True
    )
    assert written == [str(target)]
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == 3
    texts = [p.extract_text() for p in reader.pages]
    assert "DARE MIGHTY THINGS" in texts[0] and "Second" in texts[1] and "HELLO MARS" in texts[2]
    for page in reader.pages:
        within_a_point(box(page.trimbox), (0, 0, 148 * PT, 210 * PT))
    assert reader.metadata.creator == f"chutecode {chutecode.__version__}"


def test_render_pages_needs_one_bleed(tmp_path, perseverance):
    with pytest.raises(chutecode.PrintError, match="same bleed"):
        chutecode.render_pages(
            [perseverance, (perseverance, {"bleed": "3mm"})], tmp_path / "x.pdf", page="a5"
        )
    assert list(tmp_path.iterdir()) == []


def test_render_pages_other_formats_write_numbered_files(tmp_path, perseverance):
    written = chutecode.render_pages(
        [perseverance, chutecode.encode("HI")], tmp_path / "p.svg", page="a6", caption=True
    )
    assert [p.rsplit("/", 1)[-1] for p in written] == ["p-1.svg", "p-2.svg"]
    assert ">HI<" in (tmp_path / "p-2.svg").read_text()
    with pytest.raises(chutecode.RenderError, match="output path"):
        chutecode.render_pages([perseverance, perseverance], io.BytesIO(), format="svg")
