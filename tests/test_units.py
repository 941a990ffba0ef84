"""Lengths, page sizes, margins and pixel sizes (hand-worked values)."""

from __future__ import annotations

import pytest

from chutecode.design.units import (
    PAGE_SIZES,
    Margins,
    UnitError,
    length_pixels,
    page_pixels,
    parse_length,
    parse_margins,
    parse_page_size,
)
from chutecode.errors import ChutecodeError


@pytest.mark.parametrize(
    ("text", "mm"),
    [("20cm", 200.0), ("24in", 609.6), ("72pt", 25.4), ("7200px", 609.6), ("12", 12.0), (" 3 mm ", 3.0)],
)
def test_parse_length(text: str, mm: float) -> None:
    assert parse_length(text, dpi=300) == pytest.approx(mm)


def test_zero_length_only_when_allowed() -> None:
    assert parse_length("0mm", allow_zero=True) == 0.0
    with pytest.raises(UnitError, match="greater than zero"):
        parse_length("0mm")


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("a0", (841, 1189)),
        ("a1", (594, 841)),
        ("a2", (420, 594)),
        ("a3", (297, 420)),
        ("a4", (210, 297)),
        ("a5", (148, 210)),
        ("a6", (105, 148)),
        ("letter", (215.9, 279.4)),
        ("legal", (215.9, 355.6)),
        ("tabloid", (279.4, 431.8)),
        ("18x24in", (457.2, 609.6)),
        ("24x36in", (609.6, 914.4)),
    ],
)
def test_named_page_sizes(name: str, size: tuple[float, float]) -> None:
    assert parse_page_size(name) == pytest.approx(size)
    assert parse_page_size(name.upper()) == pytest.approx(size)


def test_table_has_every_documented_name() -> None:
    assert set(PAGE_SIZES) == {
        "a0",
        "a1",
        "a2",
        "a3",
        "a4",
        "a5",
        "a6",
        "letter",
        "legal",
        "tabloid",
        "18x24in",
        "24x36in",
    }
    for width, height in PAGE_SIZES.values():
        assert width < height  # portrait


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("500x500mm", (500, 500)),
        ("13.5inx4cm", (342.9, 40)),
        ("18x24in", (457.2, 609.6)),
        ("36x24in", (914.4, 609.6)),  # kept as written
        ("20cmx30", (200, 300)),  # a side without unit takes the other's
        ("100x150", (100, 150)),  # no unit at all: millimetres
        ("2480x3508px", (2480 / 300 * 25.4, 3508 / 300 * 25.4)),
        ("10 cm × 5 cm", (100, 50)),
    ],
)
def test_width_by_height_sizes(text: str, size: tuple[float, float]) -> None:
    assert parse_page_size(text, dpi=300) == pytest.approx(size)


def test_landscape_puts_the_long_side_across() -> None:
    assert parse_page_size("a4", landscape=True) == pytest.approx((297, 210))
    assert parse_page_size("24x36in", landscape=True) == pytest.approx((914.4, 609.6))
    assert parse_page_size("36x24in", landscape=True) == pytest.approx((914.4, 609.6))
    assert parse_page_size("500x500mm", landscape=True) == pytest.approx((500, 500))


@pytest.mark.parametrize("bad", ["a7", "b4", "A4x", "x30mm", "10mmx", "500x500furlong", "", "-5x5mm"])
def test_unknown_page_size_lists_valid_names(bad: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_page_size(bad)
    message = str(info.value)
    assert repr(bad) in message
    for name in PAGE_SIZES:
        assert name in message
    assert isinstance(info.value, ChutecodeError)


def test_zero_page_side_is_refused() -> None:
    with pytest.raises(UnitError, match="greater than zero"):
        parse_page_size("0x20cm")


@pytest.mark.parametrize(
    ("text", "margins"),
    [
        ("10mm", (10, 10, 10, 10)),
        ("10mm,20mm", (10, 20, 10, 20)),
        ("1in,2cm,1in,2cm", (25.4, 20, 25.4, 20)),
        ("1in, 2cm, 3mm", (25.4, 20, 3, 20)),
        ("5 6 7 8", (5, 6, 7, 8)),
        ("0", (0, 0, 0, 0)),
        (12, (12, 12, 12, 12)),
    ],
)
def test_parse_margins(text: str, margins: tuple[float, ...]) -> None:
    result = parse_margins(text)
    assert isinstance(result, Margins)
    assert tuple(result) == pytest.approx(margins)


@pytest.mark.parametrize("bad", ["", "1,2,3,4,5", "10mm,abc", "-3mm"])
def test_bad_margins(bad: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_margins(bad)
    assert repr(bad) in str(info.value) or bad.split(",")[-1] in str(info.value)


def test_page_pixels_a4_and_letter_at_300_dpi() -> None:
    # A4 is 2480.31 x 3507.87 px at 300 dpi: the nearest pixel gives the usual 2480 x 3508.
    assert page_pixels(210, 297, 300) == (2480, 3508)
    assert page_pixels(*parse_page_size("letter"), 300) == (2550, 3300)
    assert page_pixels(*parse_page_size("24x36in"), 600) == (14400, 21600)
    assert page_pixels(*parse_page_size("a4", landscape=True), 300) == (3508, 2480)


def test_length_pixels_rounding() -> None:
    assert length_pixels(25.4, 96) == 96
    assert length_pixels(25.4 * 10.5 / 96, 96) == 11  # exactly half a pixel rounds up
    assert length_pixels(25.4 * 10.49 / 96, 96) == 10
    assert length_pixels(0.001, 72) == 1  # never an empty image
    with pytest.raises(UnitError, match="dpi"):
        length_pixels(10, 0)
