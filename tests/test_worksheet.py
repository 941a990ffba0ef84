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


def _grid_answers(comp, layout):
    """The answer boxes of the key in reading order: the texts inside each group's answer box."""
    grid = comp.block("worksheet-grid")
    answer_boxes = [r for r in grid.rects if r.stroke_width > grid.rects[0].stroke_width * 1.2]
    out = []
    for box in answer_boxes:
        inside = [t for t in grid.texts if box.x <= (t.bbox.x0 + t.bbox.x1) / 2 <= box.x + box.w
                  and box.y <= (t.bbox.y0 + t.bbox.y1) / 2 <= box.y + box.h]
        out.append(tuple(t.text for t in sorted(inside, key=lambda t: t.y)))
    return out


def test_utf8_answer_key_shows_each_bytes_character():
    layout = chutecode.encode("До зірок", codec="utf8", flow="stream")
    comp = compose(layout, page_of(worksheet="answers", lang="uk"), Style(annotate=True),
                   get_palette("perseverance"))
    # Worked by hand from the Unicode table: Д U+0414 = D0 94, о U+043E = D0 BE, з U+0437 = D0 B7,
    # і U+0456 = D1 96, р U+0440 = D1 80, к U+043A = D0 BA (UTF-8 bytes, in decimal below).
    expected = [("Д", "208"), ("Д", "148"), ("о", "208"), ("о", "190"), ("␣", "32"), ("з", "208"),
                ("з", "183"), ("і", "209"), ("і", "150"), ("р", "209"), ("р", "128"), ("о", "208"),
                ("о", "190"), ("к", "208"), ("к", "186"), ("кінець",)]
    assert _grid_answers(comp, layout)[:16] == expected


def test_worksheets_explain_the_codec_in_use():
    letters = compose(chutecode.encode("HELLO"), page_of(worksheet="questions"), Style(),
                      get_palette("perseverance"))
    text = " ".join(t.text for t in letters.block("instructions").texts)
    assert "letter" in text and "UTF-8" not in text
    strip = [t.text for t in letters.block("alphabet").texts]
    assert ["A", "1"] == strip[:2] and ["Z", "26"] == strip[50:52]
    utf8 = compose(chutecode.encode("До зірок", codec="utf8", flow="stream"),
                   page_of(worksheet="questions", lang="uk"), Style(), get_palette("perseverance"))
    text = " ".join(t.text for t in utf8.block("instructions").texts)
    assert "UTF-8" in text and "128" in text and "110" in text
    strip = [t.text for t in utf8.block("alphabet").texts]
    # the whole Ukrainian alphabet (not only the message's letters), with each letter's bytes:
    # Ґ U+0490 = D2 90, я U+044F = D1 8F
    for letter, value in (("Ґ", "210 144"), ("Я", "208 175"), ("я", "209 143"), ("␣", "32")):
        assert strip[strip.index(letter) + 1] == value
    assert "Ы" not in strip  # Russian, not Ukrainian


def test_legend_explains_the_codec_in_use():
    letters = compose(chutecode.encode("HELLO"), page_of(page="a4", legend=True), Style(),
                      get_palette("perseverance"))
    assert "A=1, B=2 … Z=26" in " ".join(t.text for t in letters.block("legend").texts)
    utf8 = compose(chutecode.encode("Мир", codec="utf8"), page_of(page="a4", legend=True, lang="ru"),
                   Style(), get_palette("perseverance"))
    words = [t.text for t in utf8.block("legend").texts]
    assert "байт" in " ".join(words) and "UTF-8" in " ".join(words)
    # М U+041C = D0 9C: the diagram reads the first byte of the first letter
    assert any(w.startswith("данные: 11010000 = 208, байт 1 символа «М»") for w in words)
    assert words[words.index("М") + 1] == "208 156"
