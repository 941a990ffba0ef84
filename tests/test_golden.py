"""The encoder reproduces the real Perseverance canopy; the decoder reads it back."""

from __future__ import annotations

import hashlib

import pytest

import chutecode
from chutecode import decode, encode

JPL = "34°11'58\"N 118°10'31\"W"


#: sha256 of the project's shared/reference/perseverance.json, the source of tests/data's copy.
SHARED_REFERENCE_SHA256 = "691b7ff3682c986a82d63b1d237f56751f252012e3b5bfedb5dd9e2bdc4b18c8"


def test_the_reference_copy_is_the_shared_reference():
    """tests/data holds the shared reference byte for byte: by its digest everywhere, and against
    the file itself where ../shared is beside the checkout."""
    from conftest import REFERENCE, SHARED_REFERENCE

    assert hashlib.sha256(REFERENCE.read_bytes()).hexdigest() == SHARED_REFERENCE_SHA256
    if SHARED_REFERENCE.exists():
        assert REFERENCE.read_bytes() == SHARED_REFERENCE.read_bytes()


@pytest.fixture(scope="module")
def layout():
    return encode("DARE MIGHTY THINGS", coords=JPL)


def test_ring_bits_match_the_real_canopy(layout, perseverance_reference):
    expected = [ring["bits"] for ring in perseverance_reference["rings"]]
    assert [ring.bits for ring in layout.rings] == expected


def test_ring_roles_match_the_real_canopy(layout, perseverance_reference):
    expected = [ring["roles"] for ring in perseverance_reference["rings"]]
    assert [ring.roles for ring in layout.rings] == expected


def test_scheme_and_line_starts_match(layout, perseverance_reference):
    scheme = perseverance_reference["scheme"]
    assert len(layout.rings) == scheme["rings"]
    assert (layout.scheme.gores, layout.scheme.group, layout.scheme.spacer, layout.scheme.data) == (
        scheme["gores"], scheme["group"], scheme["spacer"], scheme["data"])
    assert [ring.start_group for ring in layout.rings] == perseverance_reference["line_start_groups"]
    terminator = scheme["terminator"]
    assert layout.rings[0].bits[40:50] == terminator
    assert layout.rings[0].bits[50:60] == scheme["fill"]


def test_coordinates_match(layout, perseverance_reference):
    ref = perseverance_reference["coordinates"]
    c = layout.coordinates
    assert [c.lat_degrees, c.lat_minutes, c.lat_seconds, c.lat_hemisphere] == ref["latitude"]
    assert [c.lon_degrees, c.lon_minutes, c.lon_seconds, c.lon_hemisphere] == ref["longitude"]
    assert c.text == ref["text"]


def test_constants_name_the_reference(perseverance_reference):
    assert chutecode.PERSEVERANCE_MESSAGE == perseverance_reference["message"]
    assert chutecode.PERSEVERANCE_COORDS == perseverance_reference["coordinates"]["text"]


@pytest.mark.parametrize("ring_index", range(4))
def test_each_ring_read_from_every_gore_decodes(perseverance_reference, ring_index):
    bits = [ring["bits"] for ring in perseverance_reference["rings"]]
    for offset in range(80):
        turned = list(bits)
        turned[ring_index] = bits[ring_index][offset:] + bits[ring_index][:offset]
        decoded = decode(turned)
        assert decoded.message == "DARE MIGHTY THINGS"
        assert decoded.coords_text == JPL
        assert decoded.rings[ring_index].rotation == offset


def test_all_rings_read_from_unrelated_gores_decode(perseverance_reference):
    bits = [ring["bits"] for ring in perseverance_reference["rings"]]
    offsets = [(7 * k + 3 * i * i + 11) % 80 for k in range(80) for i in range(4)]
    for k in range(80):
        rotation = offsets[4 * k:4 * k + 4]
        turned = [b[r:] + b[:r] for b, r in zip(bits, rotation, strict=True)]
        decoded = decode(turned, alignment="independent")
        assert (decoded.message, decoded.coords_text) == ("DARE MIGHTY THINGS", JPL)
        assert [ring.rotation for ring in decoded.rings] == rotation
        assert decoded.latitude == pytest.approx(34 + 11 / 60 + 58 / 3600)
        assert decoded.longitude == pytest.approx(-(118 + 10 / 60 + 31 / 3600))
