"""Shared test data: the real canopy, from data made outside this code.

``tests/data/perseverance.json`` is a byte-for-byte copy of the project's
``shared/reference/perseverance.json`` (tests/test_golden.py checks the copy
whenever ``../shared`` is beside the checkout), so the suite needs nothing
outside the repository.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Under CI the property tests draw the same examples every run, so that a run tells of the
# code and not of the draw; elsewhere they draw anew each time, to find what CI would not.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

DATA = Path(__file__).resolve().parent / "data"
REFERENCE = DATA / "perseverance.json"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_REFERENCE = SHARED / "reference" / "perseverance.json"

#: SPEC section 6: ring bounds of the real canopy, fractions of the outer radius.
SPEC_BOUNDS = [(0.09, 0.37), (0.37, 0.63), (0.63, 0.80), (0.90, 1.00)]


@pytest.fixture(scope="session")
def perseverance_reference() -> dict:
    """The real Mars 2020 canopy, bit for bit (tests/data/perseverance.json)."""
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def reference(perseverance_reference) -> dict:
    """The real Perseverance canopy, ring bits and roles (short name)."""
    return perseverance_reference


@pytest.fixture(scope="session")
def perseverance():
    """The Perseverance layout as chutecode encodes it."""
    import chutecode

    return chutecode.encode("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W")


def gore_centre(side_px: float, ring: int, gore: int, gores: int = 80,
                bounds: list[tuple[float, float]] = SPEC_BOUNDS, turn_deg: float = 0.0) -> tuple[int, int]:
    """Pixel at the middle of ``gore`` of ``ring`` on a ``side_px`` image, worked
    out from the SPEC fractions (clockwise from 12 o'clock, gore 0 at the top)."""
    lo, hi = bounds[ring]
    r = (lo + hi) / 2 * side_px / 2
    angle = math.radians(turn_deg + (gore + 0.5) * 360 / gores)
    c = side_px / 2
    return int(c + r * math.sin(angle)), int(c - r * math.cos(angle))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--regen-golden``: write the golden page pictures anew (look at them before committing)."""
    parser.addoption("--regen-golden", action="store_true", default=False,
                     help="rewrite tests/data/golden/*.png from the current rendering (look at them!)")
