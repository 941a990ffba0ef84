"""Make the pictures of the docs that show animations and cut files.

    python scripts/doc_images.py          # writes into docs/images/

- ``reading.gif`` and ``reading.svg``: the Perseverance canopy being read (README, docs);
- ``cut-file.png``: the cut file of HELLO MARS as drawn lines (what a laser program shows);
- ``cut-photo.png``: the same cut file as if cut from acrylic and laid out on a board: each colour
  layer of the file is filled, its pieces shrunk by the laser's kerf, given a shadow, a bevel and a
  little gloss. It is drawn from the cut file itself (its paths, rasterised by cairosvg).
"""

from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import cairosvg
from PIL import Image, ImageChops, ImageDraw, ImageFilter

import chutecode

OUT = Path(__file__).resolve().parents[1] / "docs" / "images"
SVG = "{http://www.w3.org/2000/svg}"
INKSCAPE = "{http://www.inkscape.org/namespaces/inkscape}"
SIDE = 900
MARGIN = 60


def reading() -> None:
    canopy = chutecode.make("DARE MIGHTY THINGS", coords="34 11 58 N 118 10 31 W", size="320px", dpi=96,
                            frame_rate=12, duration=6, hold=2.5)
    canopy.save(OUT / "reading.gif")
    canopy.replace(size="80mm").save(OUT / "reading.svg", "animated-svg")


def _plain(side: int, colour: str) -> Image.Image:
    return Image.new("RGB", (side, side), colour)


def _layer_mask(svg: str, layer: ET.Element, size: str) -> Image.Image:
    body = "".join(f'<path d="{p.get("d")}"/>' for p in layer.iter(f"{SVG}path"))
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIDE}" height="{SIDE}" '
           f'viewBox="0 0 {size} {size}"><g fill="#fff" fill-rule="evenodd">{body}</g></svg>')
    png = cairosvg.svg2png(bytestring=doc.encode(), background_color="#000")
    return Image.open(io.BytesIO(png)).convert("L")


def cut_photo() -> None:
    canopy = chutecode.make("HELLO MARS", coords="48.8584, 2.2945", size="200mm")
    svg = canopy.to_bytes("cut").decode("utf-8")
    (OUT / "hello-cut.svg").write_text(svg, encoding="utf-8")
    # What a laser program shows: the lines, thickened to be seen.
    shown = re.sub(r'stroke-width="0.01"', 'stroke-width="0.35"', svg)
    shown = shown.replace('stroke="#ffffff"', 'stroke="#999999"')
    Image.open(io.BytesIO(cairosvg.svg2png(bytestring=shown.encode(), output_width=600, output_height=600,
                                           background_color="#ffffff"))).save(OUT / "cut-file.png")

    root = ET.fromstring(svg)
    size = root.get("viewBox").split()[2]
    full = SIDE + 2 * MARGIN
    board = Image.effect_noise((full, full), 18).convert("L")
    board = Image.merge("RGB", [board.point(lambda v, k=k: int(v * 0.25 + k)) for k in (126, 92, 60)])
    grain = Image.linear_gradient("L").resize((full, full)).rotate(8).filter(ImageFilter.GaussianBlur(30))
    board = Image.composite(board, board.point(lambda v: int(v * 0.9)), grain)
    kerf = 2    # pixels eaten by the beam on each side of a line
    for layer in root.iter(f"{SVG}g"):
        if not (layer.get("id") or "").startswith("colour-"):
            continue
        colour = layer.get("stroke")
        mask = _layer_mask(svg, layer, size).filter(ImageFilter.MinFilter(2 * kerf + 1))
        placed = Image.new("L", (full, full))
        placed.paste(mask, (MARGIN, MARGIN))
        shadow = placed.filter(ImageFilter.GaussianBlur(6)).point(lambda v: int(v * 0.55))
        shadow = ImageChops.offset(shadow, 6, 9)
        board = Image.composite(Image.new("RGB", (full, full), (20, 14, 10)), board, shadow)
        body = Image.new("RGB", (full, full), colour)
        light = Image.linear_gradient("L").rotate(135).resize((full, full)).point(lambda v: int(v * 0.22))
        body = Image.composite(Image.new("RGB", (full, full), "#ffffff"), body, light)
        soft = ImageFilter.GaussianBlur(1)
        edge = ImageChops.subtract(placed, ImageChops.offset(placed, 2, 2)).filter(soft)
        dark = ImageChops.subtract(placed, ImageChops.offset(placed, -2, -2)).filter(soft)
        board = Image.composite(body, board, placed)
        board = Image.composite(_plain(full, "#ffffff"), board, edge.point(lambda v: v // 2))
        board = Image.composite(_plain(full, "#000000"), board, dark.point(lambda v: v // 3))
    gloss = Image.new("L", (full, full))
    ImageDraw.Draw(gloss).ellipse((full * 0.1, full * 0.05, full * 0.6, full * 0.45), fill=40)
    board = Image.composite(_plain(full, "#ffffff"), board, gloss.filter(ImageFilter.GaussianBlur(80)))
    board.resize((720, 720), Image.Resampling.LANCZOS).save(OUT / "cut-photo.png")


def main() -> None:
    """Write every picture."""
    OUT.mkdir(parents=True, exist_ok=True)
    reading()
    cut_photo()
    for name in ("reading.gif", "reading.svg", "hello-cut.svg", "cut-file.png", "cut-photo.png"):
        print(f"{name}: {(OUT / name).stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
