"""The Layout value: immutability, JSON round trip, validation of loaded data."""

from __future__ import annotations

import dataclasses
import json

import pytest

import chutecode
from chutecode import Layout, LayoutError, encode


@pytest.mark.parametrize("layout", [
    encode("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W"),
    encode("Sydney", coords="33 51 27 S 151 12 55 E"),
    encode("Привет мир, как дела", codec="utf8", flow="stream", coords=(55.75, 37.62)),
    encode("GO", rings=3),
], ids=["perseverance", "wide-place", "utf8-stream", "padding"])
def test_json_round_trip_is_exact(layout):
    text = layout.to_json()
    again = Layout.from_json(text)
    assert again == layout
    assert again.to_json() == text
    assert json.loads(text)["version"] == 1


def test_layout_is_immutable():
    layout = encode("DARE")
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.message = "OTHER"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.rings[0].bits = "0" * 80  # type: ignore[misc]
    assert isinstance(layout.rings, tuple)


def test_role_names():
    ring = encode("DARE").rings[0]
    assert ring.role_names[:4] == ("spacer", "spacer", "spacer", "data")
    assert ring.role_names[43] == "terminator" and ring.role_names[79] == "fill"


@pytest.mark.parametrize("mutate, fragment", [
    (lambda d: d.update(version=99), "version 99"),
    (lambda d: d.pop("format"), "chutecode-layout"),
    (lambda d: d["rings"][0].update(bits="01" * 30), "80 characters"),
    (lambda d: d["rings"][0].update(roles="x" * 80), "roles"),
    (lambda d: d["rings"][0].update(kind="spiral"), "'spiral'"),
    (lambda d: d["scheme"].pop("gores"), "missing"),
    (lambda d: d["coordinates"].update(latitude=[95, 0, 0, "N"]), "out of range"),
])
def test_bad_layout_data_is_refused(mutate, fragment):
    data = encode("DARE", coords=(1.0, 2.0)).to_dict()
    mutate(data)
    with pytest.raises(LayoutError, match=fragment):
        Layout.from_dict(data)


def test_not_json():
    with pytest.raises(LayoutError, match="could not be parsed"):
        Layout.from_json("{nope")


def test_layout_shows_itself_as_svg_in_notebooks():
    import xml.etree.ElementTree as ET

    svg = chutecode.Canopy(encode("DARE MIGHTY THINGS", coords=(34.2, -118.2)))._repr_svg_()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("width") == "120mm"
    assert "DARE MIGHTY THINGS" in svg
