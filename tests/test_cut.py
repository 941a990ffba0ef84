"""Cut files: closed outlines, no fill, one layer a colour, and each colour's pieces cover exactly
that colour's area of the still picture (both rasterised: the cut file by cairosvg, the still by
chutecode's PNG renderer)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import cairosvg
import numpy as np
import pytest
from PIL import Image

import chutecode
from chutecode.cli import main

SVG = "{http://www.w3.org/2000/svg}"
INKSCAPE = "{http://www.inkscape.org/namespaces/inkscape}"
SIDE = 1000


def _cut(layout, **options) -> str:
    buffer = io.BytesIO()
    chutecode.render(layout, buffer, format="cut", **options)
    return buffer.getvalue().decode("utf-8")


def _layers(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get(f"{INKSCAPE}groupmode") == "layer"}


def _subpaths(d: str) -> list[str]:
    return [part for part in re.split(r"(?=M)", d) if part.strip()]


def _circle_radius(d: str, centre: float) -> float:
    """The radius of a circle path ``M cx cy-r A ...``."""
    x, y = (float(v) for v in re.match(r"M([-\d.]+) ([-\d.]+)", d).groups())
    assert abs(x - centre) < 1e-3
    return centre - y


@pytest.fixture(scope="module")
def layouts(perseverance):
    return {"perseverance": perseverance,
            # a fourth ring of padding: one piece that is a whole ring
            "hello": chutecode.encode("HELLO MARS", coords="48.8584, 2.2945", rings=4)}


@pytest.mark.parametrize("name", ["perseverance", "hello"])
def test_every_path_is_closed_and_nothing_is_filled(layouts, name):
    svg = _cut(layouts[name])
    root = ET.fromstring(svg)
    paths = list(root.iter(f"{SVG}path"))
    assert paths
    for path in paths:
        for sub in _subpaths(path.get("d")):
            assert sub.rstrip().endswith("Z"), f"open subpath {sub[:60]}"
    for element in root.iter():
        assert element.get("fill") in (None, "none"), element.tag
        assert "fill:" not in (element.get("style") or "")
    for layer in _layers(svg).values():
        assert layer.get("fill") == "none" and layer.get("stroke-width") == "0.01"
    # Drawn as it is, a cut file is thin lines on nothing: almost every pixel stays clear.
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=400, output_height=400)
    alpha = Image.open(io.BytesIO(png)).getchannel("A")
    covered = int((np.asarray(alpha) > 128).sum())
    assert covered / (400 * 400) < 0.01


def _nearest(image: Image.Image, colours: list[tuple[int, int, int]], wanted: tuple[int, int, int]) -> int:
    """Pixels of ``image`` nearer to ``wanted`` than to any other of ``colours``."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.int32).reshape(-1, 1, 3)
    distances = ((pixels - np.array(colours, dtype=np.int32)[None, :, :]) ** 2).sum(axis=2)
    return int((distances.argmin(axis=1) == colours.index(wanted)).sum())


def _filled_layer(svg: str, layer_id: str) -> Image.Image:
    """One layer's paths filled black (even-odd, no stroke) on white, rasterised by cairosvg."""
    root = ET.fromstring(svg)
    layer = _layers(svg)[layer_id]
    body = "".join(f'<path d="{p.get("d")}"/>' for p in layer.iter(f"{SVG}path"))
    size = root.get("viewBox").split()[2]
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIDE}" height="{SIDE}" '
           f'viewBox="0 0 {size} {size}"><rect width="{size}" height="{size}" fill="#fff"/>'
           f'<g fill="#000" fill-rule="evenodd" stroke="none">{body}</g></svg>')
    return Image.open(io.BytesIO(cairosvg.svg2png(bytestring=doc.encode()))).convert("L")


@pytest.mark.parametrize("name", ["perseverance", "hello"])
def test_a_colours_pieces_cover_that_colours_area_of_the_still_picture(layouts, name):
    layout = layouts[name]
    # Three colours as far from each other as from any mix of the other two, so that counting a
    # pixel as its nearest colour splits anti-aliased edges fairly; no seams over the gores.
    design = chutecode.Design.create(seam_width=0, size=f"{SIDE}px", dpi=254,
                                     colours="one=#ff0000;zero=#0000ff;background=#00ff00")
    svg = _cut(layout, **design.to_dict())
    still = chutecode.Canopy(layout, design).to_pil()
    assert still.size == (SIDE, SIDE)
    palette = design.resolved_palette
    colours = [palette.one, palette.zero, palette.background]
    layers = _layers(svg)
    colour_layers = sorted(name for name in layers if name.startswith("colour-"))
    assert len(colour_layers) == 2
    for layer_id in colour_layers:
        stroke = layers[layer_id].get("stroke")
        wanted = chutecode.design.palette.parse_colour(stroke)
        assert wanted in (palette.one, palette.zero)
        cut_area = int((np.asarray(_filled_layer(svg, layer_id)) < 128).sum())
        still_area = _nearest(still, colours, wanted)
        assert abs(cut_area - still_area) / still_area < 0.005, (layer_id, cut_area, still_area)


def test_outline_layers_are_the_rings_vent_and_band_of_the_spec(perseverance):
    svg = _cut(perseverance, size="200mm")
    layers = _layers(svg)
    assert set(layers) == {"colour-1", "colour-2", "rings", "vent", "band", "score"}
    radius = 100.0   # SPEC section 6: rings at 0.09-0.37-0.63-0.80, gap, band 0.90-1.00 of the radius

    def radii(layer):
        return sorted(round(_circle_radius(p.get("d"), radius), 3) for p in layers[layer].iter(f"{SVG}path"))

    assert radii("vent") == [9.0]
    assert radii("band") == [90.0, 100.0]
    assert radii("rings") == [37.0, 63.0, 80.0]
    assert {layer.get(f"{INKSCAPE}label") for layer in layers.values()} >= {"rings", "vent", "band"}


def test_score_lines_are_the_seams_inside_runs(perseverance):
    svg = _cut(perseverance)
    lines = list(_layers(svg)["score"].iter(f"{SVG}line"))
    # A seam between two gores of the same bit is scored; one between a 1 and a 0 is cut.
    same = sum(ring.bits[k] == ring.bits[k - 1] for ring in perseverance.rings for k in range(80))
    assert len(lines) == same
    assert "score" not in _layers(_cut(perseverance, seam_width=0))


def test_cut_files_are_reproducible_and_written_from_the_command_line(perseverance, tmp_path, capsys):
    assert _cut(perseverance) == _cut(perseverance)
    target = tmp_path / "canopy-cut.svg"
    with pytest.raises(SystemExit) as exit_info:
        main(["render", "-f", "cut", "-o", str(target), "-q"])
    assert exit_info.value.code == 0
    assert target.read_text(encoding="utf-8") == _cut(perseverance)
    with pytest.raises(SystemExit) as exit_info:
        main(["render", "-f", "cut"])
    assert exit_info.value.code == 2
    assert "has no file extension of its own" in capsys.readouterr().err
