"""Page text in the output files: selectable text in SVG (with the fonts Pango used, the language and
the direction) and PDF, or outlines with ``text_as_paths``."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pypdf
import pytest

import chutecode
from page_samples import POSTER, sample_layout

SVG = "{http://www.w3.org/2000/svg}"


def svg_root(layout, design=None, **options) -> ET.Element:
    out = io.BytesIO()
    chutecode.render(layout, out, design, format="svg", **options)
    return ET.fromstring(out.getvalue())


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def all_text(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_svg_page_text_is_text_in_the_page_language():
    root = svg_root(sample_layout("uk"), lang="uk", **POSTER)
    words = [all_text(t) for t in texts(root)]
    assert "До зірок" in words
    assert "Як читати код" in words
    groups = [g for g in root.iter(f"{SVG}g") if g.get("{http://www.w3.org/XML/1998/namespace}lang")]
    assert {g.get("{http://www.w3.org/XML/1998/namespace}lang") for g in groups} == {"uk"}


def test_svg_right_to_left_lines_say_so_and_start_at_their_right_end():
    from chutecode.drawing.draw import draw

    layout = sample_layout("ar")
    design = chutecode.Design.create(lang="ar", **POSTER)
    caption = draw(layout, design).composition.block("caption").texts[0]
    root = svg_root(layout, design)
    element = next(t for t in texts(root) if all_text(t) == "نحو المريخ")
    assert element.get("direction") == "rtl"
    assert float(element.get("x")) == pytest.approx(caption.x + caption.advance, abs=1e-3)
    assert float(element.get("textLength")) == pytest.approx(caption.advance, abs=1e-3)


def test_svg_names_the_fallback_font_of_each_run():
    layout = chutecode.encode("HI")
    root = svg_root(layout, page="a5", caption="Mars 火星", lang="en")
    caption = next(t for t in texts(root) if all_text(t) == "Mars 火星")
    parts = list(caption.iter(f"{SVG}tspan"))
    assert [all_text(p) for p in parts] == ["Mars ", "火星"]
    assert parts[0].get("font-family") is None  # the page font, named on the group
    assert "Noto Sans CJK" in parts[1].get("font-family")


def test_text_as_paths_leaves_no_text_and_draws_the_same_page():
    layout = sample_layout("ja")
    root = svg_root(layout, lang="ja", text_as_paths=True, annotate=True, **POSTER)
    assert texts(root) == []
    outlined = [g for g in root.iter(f"{SVG}g") if g.get("class") == "outlined-text"]
    assert outlined and all(len(g) for g in outlined)
    paths = [p for g in outlined for p in g.iter(f"{SVG}path")]
    assert all(p.get("d", "").startswith("M") and "C" in p.get("d") for p in paths[:5])
    # the same options give the same bytes
    first, second = io.BytesIO(), io.BytesIO()
    for out in (first, second):
        chutecode.render(layout, out, format="svg", lang="ja", text_as_paths=True, **POSTER)
    assert first.getvalue() == second.getvalue()


def test_colour_emoji_become_pictures_when_outlined():
    layout = chutecode.encode("HI")
    root = svg_root(layout, page="a6", caption="Go 🚀", text_as_paths=True)
    images = list(root.iter(f"{SVG}image"))
    assert len(images) == 1
    href = images[0].get("{http://www.w3.org/1999/xlink}href") or images[0].get("href")
    assert href.startswith("data:image/png;base64,")
    assert texts(root) == []


def _pdf_fonts(data: bytes) -> set[str]:
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    fonts = page["/Resources"].get("/Font") or {}
    return {str(font.get_object()["/BaseFont"]) for font in fonts.values()}


def test_pdf_text_embeds_the_fonts_pango_chose_or_none_as_outlines():
    layout = sample_layout("ja")
    as_text, outlined = io.BytesIO(), io.BytesIO()
    chutecode.render(layout, as_text, format="pdf", lang="ja", **POSTER)
    chutecode.render(layout, outlined, format="pdf", lang="ja", text_as_paths=True, **POSTER)
    fonts = _pdf_fonts(as_text.getvalue())
    assert any("DejaVuSans" in f for f in fonts) and any("NotoSansCJK" in f for f in fonts), fonts
    assert _pdf_fonts(outlined.getvalue()) == set()
    reader = pypdf.PdfReader(io.BytesIO(as_text.getvalue()))
    assert "コードの読み方" in reader.pages[0].extract_text()


def test_annotate_labels_are_text_in_svg_and_fit_their_groups():
    layout = chutecode.encode("Мир труд май", codec="utf8")
    root = svg_root(layout, annotate=True, size="20cm")
    labels = [all_text(t) for t in texts(root)]
    assert labels[::2] == labels[1::2] and "0xD0" in labels
    from chutecode import Design
    from chutecode.drawing.draw import draw
    from chutecode.drawing.text import measure

    geometry = draw(layout, Design.create(annotate=True, size="20cm")).geometry
    group = 2 * 3.141592653589793 / layout.scheme.groups
    for label in geometry.labels:
        width = measure(label.text, label.size, "DejaVu Sans", bold=True).right
        assert width <= group * label.radius * 0.86, label.text  # measured, it stays within its arc


def test_outlined_pdf_keeps_no_text_even_beside_a_colour_emoji():
    out = io.BytesIO()
    chutecode.render(chutecode.encode("HI"), out, format="pdf", page="a6", caption="Go 🚀 Mars",
                     text_as_paths=True)
    assert _pdf_fonts(out.getvalue()) == set()
    assert "Mars" not in pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text()
    page = pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[0]
    assert page["/Resources"].get("/XObject") or page["/Resources"].get("/Pattern")  # the emoji picture
