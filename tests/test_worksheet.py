"""Worksheets: page 1 the canopy to decode without its message, page 2 the answer key."""

from __future__ import annotations

import io

import pypdf
import pytest

import chutecode
from chutecode.design.palette import get_palette
from chutecode.design.style import Style
from chutecode.drawing.composition import compose


def page_of(**options):
    """The page of a design made from ``options`` (the one parser of page options)."""
    return chutecode.Design.create(**options).resolved_page


def worksheet_pdf(layout, **options) -> pypdf.PdfReader:
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format="pdf", worksheet=True, **options)
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue()))


def test_page_one_hides_the_message_page_two_shows_it(perseverance):
    reader = worksheet_pdf(perseverance)
    assert len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    for word in ("DARE", "MIGHTY", "THINGS"):
        assert word not in first
    assert "DARE MIGHTY THINGS" in second
    assert "Decode the parachute" in first and "group 1" in first
    # the document's own metadata does not give it away either
    meta = reader.metadata
    assert "DARE" not in meta.title and "DARE" not in meta.subject and "34°" not in meta.subject


def test_worksheet_is_a4_by_default_and_follows_page(perseverance):
    reader = worksheet_pdf(perseverance)
    for page in reader.pages:
        assert float(page.trimbox.width) == pytest.approx(210 * 72 / 25.4, abs=1)
    letter = worksheet_pdf(perseverance, page="letter")
    assert float(letter.pages[0].trimbox.height) == pytest.approx(11 * 72, abs=1)


def test_answer_key_table_is_filled(perseverance):
    comp = compose(
        perseverance, page_of(worksheet="answers"), Style(annotate=True), get_palette("perseverance")
    )
    texts = [t.text for t in comp.block("worksheet-grid").texts]
    # ring 1, groups 1-4: D A R E; then the terminator
    for letter in "DAREMIGHTYTHINGS":
        assert letter in texts
    assert "end" in texts and "118" in texts and "W" in texts
    # the bits of ring 1, group 1 (D = 4: spacer 000, then 0000100)
    assert "".join(texts[texts.index("group 1 · gores 1–10") + 1 :][:10]) == "0000000100"


def test_questions_grid_is_blank_and_readable_on_a4(perseverance):
    comp = compose(perseverance, page_of(worksheet="questions"), Style(), get_palette("perseverance"))
    grid = comp.block("worksheet-grid")
    assert not {"D", "A", "R", "E", "0", "1"} & {t.text for t in grid.texts}
    boxes = [r for r in grid.rects]
    # one box per gore to write a bit in, and one per group for the letter: 4 rings x 8 groups x 11
    assert len(boxes) == 4 * 8 * 11
    assert min(r.w for r in boxes) >= 3.0  # at least 3 mm wide to write in
    numbers = [t.text for t in comp.block("group-numbers").texts]
    assert numbers == [str(n) for n in range(1, 9)]
    for line in comp.texts():
        assert line.bbox.inside(comp.trim_box)
        assert line.bbox.clear_of_disk(comp.canopy_centre, comp.canopy_radius), line.text
    assert comp.canopy_diameter >= 100
    assert comp.paper == (255, 255, 255)


def test_questions_drawing_has_no_message(perseverance):
    svg = io.BytesIO()
    chutecode.render(perseverance, svg, format="svg", worksheet="questions")
    text = svg.getvalue().decode()
    assert "DARE" not in text and "MIGHTY" not in text and "34°" not in text
    assert "<title>Decode the parachute</title>" in text


def test_svg_and_png_worksheets_are_two_files(tmp_path, perseverance):
    written = chutecode.render_pages([perseverance], tmp_path / "ws.svg", worksheet=True)
    assert [p.rsplit("/", 1)[-1] for p in written] == ["ws-1.svg", "ws-2.svg"]
    assert "MIGHTY" not in (tmp_path / "ws-1.svg").read_text()
    assert ">DARE MIGHTY THINGS<" in (tmp_path / "ws-2.svg").read_text()
    chutecode.render(perseverance, tmp_path / "ws.png", worksheet=True, dpi=50)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws-1.png", "ws-1.svg", "ws-2.png", "ws-2.svg"]


def test_worksheet_to_a_stream_needs_pdf(perseverance):
    with pytest.raises(chutecode.RenderError, match="output path"):
        chutecode.render(perseverance, io.BytesIO(), format="png", worksheet=True)


def test_worksheet_without_a_place(tmp_path):
    layout = chutecode.encode("HELLO WORLD")
    reader = worksheet_pdf(layout)
    assert "HELLO" not in reader.pages[0].extract_text()
    assert "HELLO WORLD" in reader.pages[1].extract_text()
