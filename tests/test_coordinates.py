"""Parsing places: the three text forms, tuples, ranges and rounding."""

from __future__ import annotations

import pytest

from chutecode import CoordinateError, Coordinates, parse_coordinates

JPL = Coordinates(34, 11, 58, "N", 118, 10, 31, "W")


@pytest.mark.parametrize("text", [
    "34°11'58\"N 118°10'31\"W",
    "34°11′58″N, 118°10′31″W",
    "34 11 58 N 118 10 31 W",
    "34 11 58N 118 10 31W",
    "N 34 11 58 W 118 10 31",
    "34 11 58 n, 118 10 31 w",
    "34.1994, -118.1753",
    "34.1994 -118.1753",
    "34.1994 N, 118.1753 W",
])
def test_text_forms_give_jpl(text):
    assert parse_coordinates(text) == JPL


def test_spaced_dms_is_not_misread_as_geopy_would():
    # geopy alone reads this as 10.0, -31.0
    place = parse_coordinates("34 11 58 N 118 10 31 W")
    assert (place.latitude, place.longitude) == pytest.approx((34.199444, -118.175278), abs=1e-6)


def test_tuple_and_hemispheres():
    place = parse_coordinates((-33.8568, 151.2153))
    assert place.text == "33°51'24\"S 151°12'55\"E"
    assert place.latitude == pytest.approx(-33.8567, abs=1 / 3600)


def test_rounding_carries_into_minutes_and_degrees():
    assert parse_coordinates((10.99999, 20.0)).text == "11°00'00\"N 20°00'00\"E"
    assert parse_coordinates("10 59 59.6 N 0 0 0 E").text == "11°00'00\"N 0°00'00\"E"


def test_zero_is_north_and_east():
    assert parse_coordinates((-0.0001, -0.0001)).text == "0°00'00\"N 0°00'00\"E"


@pytest.mark.parametrize("bad, fragment", [
    ("95, 10", "latitude '95'"),
    ("10, 181", "longitude '181'"),
    ("-91, 0", "latitude '-91'"),
    ("34 60 00 N 118 10 31 W", "minutes '60'"),
    ("34 11 60 N 118 10 31 W", "seconds '60'"),
    ("34°11'58\"N 180°00'01\"E", "beyond 180"),
    ("somewhere nice", "could not be read"),
    ("", "empty"),
    ((95.0, 0.0), "latitude 95.0"),
    ((1.0, 2.0, 3.0), "not a (latitude, longitude) pair"),
    ((float("nan"), 0.0), "latitude nan"),
])
def test_bad_places_are_refused_not_wrapped(bad, fragment):
    with pytest.raises(CoordinateError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        parse_coordinates(bad)


def test_dms_value_checks_its_fields():
    with pytest.raises(CoordinateError, match="minutes 61"):
        Coordinates(1, 61, 0, "N", 0, 0, 0, "E")
    with pytest.raises(CoordinateError, match="'X'"):
        Coordinates(1, 1, 0, "X", 0, 0, 0, "E")


@pytest.mark.parametrize("text", [
    "34 11' 58\" N 118 10' 31\" W",
    "n34°11'58\" w118°10'31\"",
    "34°11'58''N 118°10'31''W",
    "34°11.9667'N 118°10.5167'W",
    "34º11'58\"N 118º10'31\"W",
    "+34.1994; -118.1753",
    "34.1994/-118.1753",
    "34°11'58\"N118°10'31\"W",
])
def test_more_marked_forms_give_jpl(text):
    assert parse_coordinates(text) == JPL


@pytest.mark.parametrize("bad, fragment", [
    ("118°10'31\"W 34°11'58\"N", "start with the longitude ('W')"),
    ("3411'58\"N 118°10'31\"W", "could not be read"),
    ("34.1994", "could not be read"),
    ("34.1994, -118.1753, 100m", "could not be read"),
    ("somewhere 34, 118", "could not be read"),
    ("34°11'58\"N 118°10'31\"W extra", "could not be read"),
    ("34.5°11'N 3 E", "has a fraction and minutes too"),
    ("34 N 118 N", "could not be read"),
])
def test_marked_forms_refuse_what_they_cannot_read(bad, fragment):
    with pytest.raises(CoordinateError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        parse_coordinates(bad)


def test_parsing_text_needs_no_geographic_library():
    import subprocess
    import sys

    code = ("import sys; from chutecode.ringcode.coordinates import parse_coordinates; "
            "parse_coordinates(\"34°11'58\\\"N 118°10'31\\\"W\"); print('geopy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
