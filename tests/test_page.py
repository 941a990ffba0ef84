"""Page options and composition: sizes, margins, and texts that stay inside the trim and off the canopy."""

from __future__ import annotations

import pytest

import chutecode
from chutecode import FontError, PageError, PrintError, UnitError
from chutecode.design.palette import get_palette
from chutecode.design.style import Style
from chutecode.drawing.composition import compose


def page_of(**options):
    """The page of a design made from ``options`` (the one parser of page options)."""
    return chutecode.Design.create(**options).resolved_page

MM_PER_IN = 25.4
EVERYTHING = dict(caption=True, subtitle=True, legend=True, footer=True)


def composed(layout, **options):
    return compose(layout, page_of(**options), Style(), get_palette("perseverance"))


def check_texts(comp, names):
    """Every text line inside the trim and outside the canopy's disk; the asked-for blocks are there."""
    assert {b.name for b in comp.blocks} >= set(names)
    lines = comp.texts()
    assert lines
    for line in lines:
        assert line.bbox.inside(comp.trim_box), (line.text, line.bbox)
        assert line.bbox.clear_of_disk(comp.canopy_centre, comp.canopy_radius), line.text
    for block in comp.blocks:
        assert block.bbox.inside(comp.trim_box), block.name
        # rectangles (table squares, boxes) stay off the disk too
        for rect in block.rects:
            assert rect.bbox.clear_of_disk(comp.canopy_centre, comp.canopy_radius), block.name
    # the canopy itself is inside the page's margins
    x, y = comp.canopy_centre
    r = comp.canopy_radius
    assert r > 0 and x - r >= 0 and y - r >= 0 and x + r <= comp.width and y + r <= comp.height


@pytest.mark.parametrize(
    ("options", "size"),
    [
        (dict(page="a4", **EVERYTHING), (210, 297)),
        (dict(page="letter", landscape=True, **EVERYTHING), (11 * MM_PER_IN, 8.5 * MM_PER_IN)),
        (dict(page="500x500mm", **EVERYTHING), (500, 500)),
        (dict(page="a6", **EVERYTHING), (105, 148)),
        (dict(page="a3", caption=True, subtitle=True, legend=True), (297, 420)),
        (dict(page="24x36in", caption=True), (24 * MM_PER_IN, 36 * MM_PER_IN)),
        (
            dict(page="tabloid", landscape=True, caption=True, legend=True, margin="2cm"),
            (17 * MM_PER_IN, 11 * MM_PER_IN),
        ),
    ],
)
def test_texts_inside_the_trim_and_off_the_canopy(perseverance, options, size):
    comp = composed(perseverance, **options)
    assert (comp.width, comp.height) == pytest.approx(size)
    names = [n for n in ("caption", "subtitle", "legend", "footer") if options.get(n)]
    check_texts(comp, names)


def test_caption_is_the_message_and_subtitle_the_place(perseverance):
    comp = composed(perseverance, page="a4", caption=True, subtitle=True)
    assert [t.text for t in comp.block("caption").texts] == ["DARE MIGHTY THINGS"]
    subtitle = " ".join(t.text for t in comp.block("subtitle").texts)
    assert "34° 11′ 58″ N" in subtitle and "118° 10′ 31″ W" in subtitle


def test_free_texts(perseverance):
    comp = composed(
        perseverance, page="a4", caption="Our class parachute", subtitle="Room 12", footer="Made in room 12"
    )
    text = " ".join(t.text for t in comp.texts())
    assert "Our class parachute" in text and "Room 12" in text and "Made in room 12" in text
    assert "DARE" not in text


def test_long_caption_wraps_inside_the_page():
    layout = chutecode.encode("THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG AND RUNS AWAY", flow="stream")
    comp = composed(layout, page="a5", caption=True, legend=True)
    assert len(comp.block("caption").texts) >= 2
    check_texts(comp, ["caption", "legend"])


def test_legend_has_the_alphabet_with_bits(perseverance):
    comp = composed(perseverance, page="a3", legend=True)
    texts = [t.text for t in comp.block("legend").texts]
    for letter, value in (("A", "1"), ("M", "13"), ("Z", "26")):
        assert letter in texts and value in texts
    # 26 letters x 7 bit squares + one group of 10 gores
    assert len(comp.block("legend").rects) == 26 * 7 + 10


def test_portrait_stacks_and_landscape_goes_beside(perseverance):
    assert composed(perseverance, page="a3", **EVERYTHING).arrangement == "stacked"
    wide = composed(perseverance, page="letter", landscape=True, **EVERYTHING)
    assert wide.arrangement in ("side", "header-side")
    # beside the texts, the canopy is far larger than if they were stacked over it
    assert wide.canopy_diameter > 150


def test_canopy_centred_in_the_safe_area_without_texts(perseverance):
    comp = composed(perseverance, page="a4", margin="10mm")
    assert comp.canopy_centre == pytest.approx((105, 148.5))
    assert comp.canopy_diameter == pytest.approx(190)


def test_margins_are_kept(perseverance):
    comp = composed(perseverance, page="a4", margin="30mm,20mm", caption=True)
    for line in comp.texts():
        assert line.bbox.x0 >= 20 and line.bbox.x1 <= 190 and line.bbox.y0 >= 30 and line.bbox.y1 <= 267
    assert comp.canopy_diameter <= 170 + 1e-9


def test_a_given_canopy_size_is_kept_or_refused(perseverance):
    page = page_of(page="a4", caption=True)
    pal = get_palette("perseverance")
    assert compose(perseverance, page, Style(), pal, canopy=120).canopy_diameter == 120
    with pytest.raises(PageError, match="at most"):
        compose(perseverance, page, Style(), pal, canopy=250)


def test_no_page_keeps_the_canopy_size_and_grows_for_texts(perseverance):
    plain = composed(perseverance)
    assert (plain.width, plain.height, plain.canopy_diameter) == (200, 200, 200)
    comp = compose(perseverance, page_of(caption=True), Style(), get_palette("perseverance"), canopy=100)
    assert comp.canopy_diameter == 100 and comp.height > comp.width > 100
    check_texts(comp, ["caption"])


def test_bleed_and_crop_marks_outside_the_trim(perseverance):
    comp = composed(perseverance, page="a3", bleed="3mm", crop_marks=True, caption=True)
    assert comp.bleed == 3
    assert len(comp.marks) == 8
    bleed = comp.bleed_box
    for mark in comp.marks:
        assert not mark.bbox.overlaps(bleed)  # outside the bleed
        assert mark.bbox.inside(
            chutecode.drawing.composition.Box(
                -comp.offset, -comp.offset, comp.width + comp.offset, comp.height + comp.offset
            )
        )
    assert comp.sheet_width == pytest.approx(297 + 2 * (3 + comp.slug)) and comp.slug > 5
    assert composed(perseverance, page="a3", bleed="3mm").slug == 0


def test_page_sizes_table_is_public():
    assert chutecode.PAGE_SIZES["a4"] == (210, 297)
    assert page_of(page="A4", landscape=True).size == (297, 210)


@pytest.mark.parametrize(
    ("options", "error", "fragment"),
    [
        (dict(page="b5"), UnitError, "a0, a1"),
        (dict(page="a4", bleed="-3mm"), PrintError, "'-3mm'"),
        (dict(page="a4", bleed=-1), PrintError, "-1"),
        (dict(page="a4", bleed="2cm5"), UnitError, "2cm5"),
        (dict(page="a4", bleed="40mm"), PrintError, "2 to 5 mm"),
        (dict(page="a4", font="No Such Font 123"), FontError, "'No Such Font 123'"),
        (dict(page="a4", margin="120mm"), PageError, "'120mm'"),
        (dict(landscape=True), PrintError, "landscape"),
        (dict(page="a4", caption=3), PrintError, "caption 3"),
        (dict(page="a4", worksheet="maybe"), PrintError, "'maybe'"),
        (dict(page="a4", cmyk_profile="/nonexistent/press.icc"), chutecode.ColorProfileError, "press.icc"),
    ],
)
def test_bad_page_options(options, error, fragment):
    with pytest.raises(error) as info:
        page_of(**options)
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_too_many_texts_for_a_tiny_page(perseverance):
    with pytest.raises(PageError, match="larger page"):
        composed(perseverance, page="30x30mm", **EVERYTHING)


def test_installed_font_is_accepted(perseverance):
    from chutecode.design.fonts import _installed

    if not _installed("DejaVu Serif")[0]:
        pytest.skip("DejaVu Serif is not installed here")
    assert page_of(font="DejaVu Serif").font == "DejaVu Serif"
    comp = composed(perseverance, page="a4", caption=True, font="DejaVu Serif")
    assert {t.font for t in comp.texts()} == {"DejaVu Serif"}
