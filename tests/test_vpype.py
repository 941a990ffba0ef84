"""The vpype plugin, run through vpype's own command line: layers, closed outlines, areas, gcode."""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SPEC_BOUNDS

VPYPE = Path(sys.executable).with_name("vpype")
SVG = "{http://www.w3.org/2000/svg}"
INKSCAPE = "{http://www.inkscape.org/namespaces/inkscape}"
PX_PER_MM = 96 / 25.4

pytestmark = pytest.mark.skipif(not VPYPE.exists() and shutil.which("vpype") is None,
                                reason="needs the vpype extra: pip install 'chutecode[vpype]'")


def _vpype(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = str(VPYPE) if VPYPE.exists() else "vpype"
    return subprocess.run([command, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def _layers(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    return {g.get(f"{INKSCAPE}label"): g for g in root.iter(f"{SVG}g")
            if g.get(f"{INKSCAPE}groupmode") == "layer"}


def _points(element: ET.Element) -> list[tuple[float, float]]:
    values = element.get("points").replace(",", " ").split()
    return [(float(x), float(y)) for x, y in zip(values[::2], values[1::2], strict=True)]


def _area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1],
                                                                     strict=True))) / 2


def test_vpype_writes_the_message_with_options_after_it(tmp_path):
    result = _vpype("chutecode", "HELLO MARS", "--coords", "48.8584, 2.2945", "--size", "15cm",
                    "write", "out.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    layers = _layers(tmp_path / "out.svg")
    assert list(layers) == ["#ffffff", "#d9532b", "rings", "vent", "band", "score"]
    for name in ("#ffffff", "#d9532b", "rings", "vent", "band"):
        assert layers[name].find(f"{SVG}polyline") is None    # vpype writes closed lines as polygons
        assert layers[name].findall(f"{SVG}polygon")
    root = ET.parse(tmp_path / "out.svg").getroot()
    width = float(root.get("viewBox").split()[2])
    assert abs(width / PX_PER_MM - 150) < 0.01                     # the page is the canopy's square


def test_the_perseverance_canopys_areas_come_through_vpype(tmp_path, reference):
    result = _vpype("chutecode", "--no-score", "write", "perseverance.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    layers = _layers(tmp_path / "perseverance.svg")
    assert "score" not in layers
    radius = 100.0   # 200 mm across
    # Coloured area from the reference bits and SPEC's ring bounds, outside chutecode's code.
    expected = sum(math.pi * radius**2 * (hi**2 - lo**2) * ring["bits"].count("1") / len(ring["bits"])
                   for ring, (lo, hi) in zip(reference["rings"], SPEC_BOUNDS, strict=True))
    orange = sum(_area(_points(p)) for p in layers["#d9532b"].iter(f"{SVG}polygon")) / PX_PER_MM**2
    assert abs(orange - expected) / expected < 0.005
    vent = [_points(p) for p in layers["vent"].iter(f"{SVG}polygon")]
    assert len(vent) == 1
    assert abs(math.sqrt(_area(vent[0]) / math.pi) / PX_PER_MM - 0.09 * radius) < 0.05


def test_gcode_through_vpypes_own_plugin(tmp_path):
    result = _vpype("chutecode", "HI", "--size", "4in", "linemerge", "linesort", "gwrite", "--profile",
                    "gcode", "canopy.gcode", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "canopy.gcode").read_text().splitlines()
    assert lines[:3] == ["G20", "G17", "G90"]                  # inches, XY plane, absolute
    moves = [line for line in lines if line.startswith("G01")]
    assert len(moves) > 200
    xs = [float(line.split()[1][1:]) for line in moves]
    assert 3.99 < max(xs) - min(xs) <= 4.001                    # the canopy is 4 in across


def test_a_bad_value_is_one_line_from_vpype(tmp_path):
    result = _vpype("chutecode", "HI", "--gores", "33", "stat", cwd=tmp_path)
    assert result.returncode != 0
    assert "gores 33 is not a multiple of the group size 10" in result.stderr
    assert "Traceback" not in result.stderr
