"""Shared fixtures: the reference canopy from ../shared/reference."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE = SHARED / "reference" / "perseverance.json"


@pytest.fixture(scope="session")
def perseverance_reference() -> dict:
    """The real Mars 2020 canopy, bit for bit (read from ../shared/reference)."""
    if not REFERENCE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"reference data not found at {REFERENCE}: CI must have ../shared beside the repo")
        pytest.skip(f"reference data not found at {REFERENCE}")
    return json.loads(REFERENCE.read_text(encoding="utf-8"))
