from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from PIL import Image

import chutecode
from chutecode import PALETTES
from conftest import gore_centre

NS = {"svg": "http://www.w3.org/2000/svg"}


def svg_bytes(layout, **options) -> bytes:
    out = io.BytesIO()
    chutecode.render(layout, out, format="svg", **options)
    return out.getvalue()


def rasterise(data: bytes, side: int) -> Image.Image:
    import cairosvg

    png = cairosvg.svg2png(bytestring=data, output_width=side, output_height=side)
    return Image.open(io.BytesIO(png)).convert("RGB")


def test_size_viewbox_title_and_desc(perseverance):
    root = ET.fromstring(svg_bytes(perseverance, size="20cm"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "200mm" and root.get("height") == "200mm"
    assert root.get("viewBox") == "0 0 200 200"
    assert root.find("svg:title", NS).text == "DARE MIGHTY THINGS"
    desc = root.find("svg:desc", NS).text
    assert "DARE MIGHTY THINGS" in desc and "34°11'58\"N 118°10'31\"W" in desc


def test_size_in_inches():
    root = ET.fromstring(svg_bytes(chutecode.encode("HI"), size="2in"))
    assert root.get("width") == "50.8mm" and root.get("viewBox") == "0 0 50.8 50.8"


def test_message_is_escaped():
    layout = chutecode.encode('R&D <b>"MARS"</b>', codec="ascii", flow="stream")
    data = svg_bytes(layout)
    assert b"R&amp;D &lt;b&gt;" in data
    assert b"<b>" not in data
    root = ET.fromstring(data)
    assert root.find("svg:title", NS).text == 'R&D <b>"MARS"</b>'


@pytest.mark.parametrize("merge", [True, False])
def test_gore_colours_read_back_as_the_reference_bits(perseverance, reference, merge):
    pal = PALETTES["perseverance"]
    side = 800
    image = rasterise(svg_bytes(perseverance, merge=merge, seam_width=0), side)
    for ring_index, ring in enumerate(reference["rings"]):
        for gore, bit in enumerate(ring["bits"]):
            expected = pal.one if bit == "1" else pal.zero
            assert image.getpixel(gore_centre(side, ring_index, gore)) == expected, (ring_index, gore)


def test_one_path_per_gore_without_merging(perseverance):
    root = ET.fromstring(svg_bytes(perseverance, merge=False))
    rings = [g for g in root.iter("{http://www.w3.org/2000/svg}g")
             if "ring" in (g.get("class") or "").split()]
    assert len(rings) == 4
    assert [len(list(g)) for g in rings] == [80] * 4


def test_merged_runs_are_fewer_paths(perseverance):
    root = ET.fromstring(svg_bytes(perseverance))
    paths = sum(1 for g in root.iter("{http://www.w3.org/2000/svg}g")
                if "ring" in (g.get("class") or "").split() for _ in g)
    # ring 1 of DARE: base + the runs of the minority colour
    assert 4 < paths < 120


def test_labels_in_annotate_mode(perseverance):
    root = ET.fromstring(svg_bytes(perseverance, annotate=True))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[::2] == texts[1::2]                 # halo and ink
    assert texts[::2][:4] == list("DARE")
    assert "118" in texts


def test_deterministic(perseverance):
    assert svg_bytes(perseverance, annotate=True) == svg_bytes(perseverance, annotate=True)
    assert b"date" not in svg_bytes(perseverance).lower()


def test_background_shows_in_vent_and_gap(perseverance):
    pal = PALETTES["midnight"]
    image = rasterise(svg_bytes(perseverance, palette="midnight"), 400)
    assert image.getpixel((200, 200)) == pal.background                  # vent
    gap = gore_centre(400, 0, 0, bounds=[(0.80, 0.90)])   # between two radial seams
    assert image.getpixel(gap) == pal.background
    assert image.getpixel((2, 2)) == pal.background                      # corner


# Any text at all: control characters, U+FFFE and U+FFFF, private use, unassigned code points.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(["caption", "subtitle", "footer", "title", "author", "subject"]), text=any_text)
def test_every_svg_is_well_formed_xml_whatever_the_texts(field, text):
    assume(text.strip())
    out = io.BytesIO()
    try:
        chutecode.render(chutecode.encode("DARE"), out, format="svg", page="a6", size="50mm",
                         **{field: text})
    except chutecode.FontError as error:
        # Text no installed font covers is refused (never drawn as boxes), naming a character of it.
        assert "no installed font covers" in str(error) and out.getvalue() == b""
        return
    root = ET.fromstring(out.getvalue())   # raises on anything that is not well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@settings(max_examples=60, deadline=None)
@given(message=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12),
       annotate=st.booleans())
def test_every_svg_is_well_formed_xml_whatever_the_message(message, annotate):
    assume(message.strip())
    out = io.BytesIO()
    layout = chutecode.encode(message, codec="utf8", flow="stream")
    try:
        chutecode.render(layout, out, format="svg", annotate=annotate, page="a6", caption=True, size="50mm")
    except chutecode.FontError as error:
        assert "no installed font covers" in str(error) and out.getvalue() == b""
        return
    root = ET.fromstring(out.getvalue())
    title = root.find("svg:title", NS)
    assert title is not None and title.text == svg_safe(layout.message)


def svg_safe(text: str) -> str:
    from chutecode.renderers.svg import xml_safe

    return xml_safe(text)


def test_characters_xml_cannot_hold_are_replaced():
    from chutecode.renderers.svg import xml_safe

    assert xml_safe("a\x00b\x08c\x1fd\ufffee\uffff\t\n\r") == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd\t\n\r"
    assert xml_safe("\U0001f680 \ue000 \ufffd é") == "\U0001f680 \ue000 \ufffd é"
