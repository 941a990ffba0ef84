from __future__ import annotations

import itertools
import math

import pytest

from chutecode import PALETTES, Palette, PaletteError, get_palette
from chutecode.design.palette import parse_colour


def dist(a, b) -> float:
    return math.dist(a, b)


@pytest.mark.parametrize(("text", "rgb"), [
    ("#DF6A33", (223, 106, 51)),
    ("#df6a33", (223, 106, 51)),
    ("#fff", (255, 255, 255)),
    ("rgb(0, 114, 178)", (0, 114, 178)),
    ("hsl(0, 100%, 50%)", (255, 0, 0)),
    ("orange", (255, 165, 0)),          # CSS named colour
    ("rebeccapurple", (102, 51, 153)),
    ("#11223344"[:7] + "ff", (17, 34, 51)),
])
def test_css_colours(text, rgb):
    assert parse_colour(text) == rgb


@pytest.mark.parametrize("bad", ["notacolour", "#12345", "rgb(1,2)", "", "#11223380"])
def test_bad_colours_are_refused_with_the_value(bad):
    with pytest.raises(PaletteError) as info:
        parse_colour(bad)
    assert repr(bad) in str(info.value)
    assert "\n" not in str(info.value)


def test_required_palettes_exist():
    assert {"perseverance", "mars", "midnight", "blueprint", "mono", "okabe-ito", "pastel",
            "explain"} <= set(PALETTES)


def test_role_fallbacks_follow_the_bit():
    pal = Palette.create(one="red", zero="white", background="black")
    assert pal.colour("s", 0) == (255, 255, 255)        # spacer carries 0
    assert pal.colour("t", 1) == (255, 0, 0)            # terminator data carries 1
    assert pal.colour("f", 1) == (255, 0, 0)            # fill carries 1
    assert pal.colour("d", 1) == (255, 0, 0)
    assert pal.colour("d", 0) == (255, 255, 255)
    tinted = pal.replace(spacer="#cccccc", terminator="purple", fill="gold")
    assert tinted.colour("spacer", 0) == (204, 204, 204)
    assert tinted.colour("t", 1) == (128, 0, 128)
    assert tinted.colour("f", 1) == (255, 215, 0)
    assert tinted.colour("d", 1) == (255, 0, 0)


def test_per_ring_one_colours():
    pal = get_palette({"base": "mono", "rings": "red, rgb(0,0,255)"})
    assert pal.colour("d", 1, ring=0) == (255, 0, 0)
    assert pal.colour("d", 1, ring=1) == (0, 0, 255)
    assert pal.colour("f", 1, ring=1) == (0, 0, 255)    # fill falls back to the ring's one
    assert pal.colour("d", 1, ring=2) == PALETTES["mono"].one
    assert pal.colour("d", 0, ring=0) == PALETTES["mono"].zero


def test_get_palette_forms():
    assert get_palette("perseverance") is PALETTES["perseverance"]
    assert get_palette("Okabe_Ito") is PALETTES["okabe-ito"]
    assert get_palette(None) is PALETTES["perseverance"]
    custom = Palette.create(one="navy", zero="white", background="grey")
    assert get_palette(custom) is custom
    derived = get_palette({"base": "midnight", "one": "#00ff00"})
    assert derived.one == (0, 255, 0) and derived.zero == PALETTES["midnight"].zero


def test_unknown_palette_lists_the_names():
    with pytest.raises(PaletteError) as info:
        get_palette("neon")
    assert "'neon'" in str(info.value)
    for name in PALETTES:
        assert name in str(info.value)


def test_unknown_palette_field():
    with pytest.raises(PaletteError, match="'glow'"):
        get_palette({"glow": "red"})


def test_perseverance_is_orange_and_white():
    pal = PALETTES["perseverance"]
    r, g, b = pal.one
    assert r > 180 and r > g > b and g < 130            # an orange red
    assert min(pal.zero) >= 240                          # white


def test_okabe_ito_uses_the_okabe_ito_set():
    # Okabe & Ito (2008), "Color Universal Design".
    published = {(0, 0, 0), (230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66),
                 (0, 114, 178), (213, 94, 0), (204, 121, 167)}
    pal = PALETTES["okabe-ito"]
    assert pal.one in published and pal.zero in published and pal.background in published


@pytest.mark.parametrize("name", list(PALETTES))
def test_every_palette_keeps_its_colours_apart(name):
    pal = PALETTES[name]
    assert dist(pal.one, pal.zero) >= 120
    for ring in range(4):
        assert dist(pal.ring_one(ring), pal.zero) >= 120
    # the background (vent, gap, page) must not pass for a gore
    assert dist(pal.background, pal.zero) >= 60
    assert dist(pal.background, pal.one) >= 60
    # every tint stays nearer the colour of the bit it carries
    for role, bit in (("spacer", 0), ("terminator", 1), ("fill", 1)):
        own, other = (pal.zero, pal.one) if bit == 0 else (pal.one, pal.zero)
        assert dist(pal.colour(role, bit), own) < dist(pal.colour(role, bit), other)


def test_explain_tints_are_distinct():
    pal = PALETTES["explain"]
    colours = [pal.one, pal.zero, pal.colour("spacer", 0), pal.colour("terminator", 1), pal.colour("fill", 1)]
    for a, b in itertools.combinations(colours, 2):
        assert dist(a, b) >= 60, (a, b)


def test_to_dict_round_trip():
    pal = PALETTES["explain"]
    data = pal.to_dict()
    again = get_palette({"base": "mono", **{k: v for k, v in data.items() if k != "description"}})
    assert (again.one, again.zero, again.spacer, again.terminator, again.fill, again.background) == \
        (pal.one, pal.zero, pal.spacer, pal.terminator, pal.fill, pal.background)
