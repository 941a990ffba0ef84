"""Reading canopy pictures back: decode_image, read_image and ``chutecode decode IMAGE``.

The pictures are painted by tests/canopy_drawing.py, whose geometry (centre,
ring radii, gore 0 at 12 o'clock, clockwise) is known independently of the
reader. The expected messages are the texts given to the encoder.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

import canopy_drawing
import chutecode
from chutecode import ImageReadError, decode_image, encode
from chutecode.cli import main
from chutecode.picture.reader import read_image

PALETTES = canopy_drawing.PALETTES
STREAM_TEXT = "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG"
COORDS = chutecode.PERSEVERANCE_COORDS
COORDS_TEXT = "34°11'58\"N 118°10'31\"W"


@pytest.fixture(scope="session")
def draw_canopy():
    """The painter behind every picture here: ``draw(layout, path, *, palette_colours, style,
    size_px, rotation_deg, **extras)``. Swap this one line for the real renderer."""
    return canopy_drawing.draw_canopy


LAYOUTS = {
    "perseverance": (lambda: encode(chutecode.PERSEVERANCE_MESSAGE, coords=COORDS),
                     "DARE MIGHTY THINGS", COORDS_TEXT),
    "stream": (lambda: encode(STREAM_TEXT, flow="stream", coords=COORDS), STREAM_TEXT, COORDS_TEXT),
    "gores120": (lambda: encode("HELLO WORLD FROM MARS", coords=COORDS, gores=120),
                 "HELLO WORLD FROM MARS", COORDS_TEXT),
    "utf8": (lambda: encode("Привет мир", codec="utf8", flow="stream"), "Привет мир", None),
}


@pytest.fixture(scope="session")
def layouts():
    return {name: make() for name, (make, _, _) in LAYOUTS.items()}


def _expect(name: str) -> tuple[str, str | None]:
    return LAYOUTS[name][1], LAYOUTS[name][2]


def _said(decoded) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    return decoded.message, decoded.coords_text


def _rotate_and_scale(path: Path, angle: float, fill: str | tuple[int, int, int], size: int) -> Path:
    """Turn a picture anticlockwise by ``angle`` (corners filled) and scale it to ``size`` px."""
    image = Image.open(path)
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    out = path.with_name(f"{path.stem}-turned{angle:g}-{size}.png")
    turned.resize((size, size), Image.Resampling.LANCZOS).save(out)
    return out


# --- round trips ---------------------------------------------------------------------

# (layout, palette, style, seams px, size px)
PLAIN_CASES = [
    ("perseverance", "perseverance", "dgb", 0, 1500),
    ("perseverance", "mono", "disk", 0, 600),
    ("stream", "mars", "disk", 2, 1500),
    ("stream", "midnight", "dgb", 1, 600),
    ("gores120", "okabe-ito", "dgb", 0, 1500),
    ("gores120", "pastel", "disk", 0, 600),
    ("utf8", "blueprint", "disk", 2, 1500),
    ("utf8", "perseverance", "dgb", 1, 600),
]


@pytest.mark.parametrize(("name", "palette", "style", "seam", "size"), PLAIN_CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}-{c[4]}px" for c in PLAIN_CASES])
def test_reads_back_each_design(tmp_path, draw_canopy, layouts, name, palette, style, seam, size):
    path = tmp_path / f"{name}.png"
    draw_canopy(layouts[name], path, palette_colours=PALETTES[palette], style=style, size_px=size,
                rotation_deg=0, seam_px=seam)
    assert _said(decode_image(path)) == _expect(name)


TURNED_CASES = [
    ("perseverance", 17, "background"), ("perseverance", 33, "black"),
    ("stream", 17, "black"), ("stream", 33, "background"),
    ("gores120", 17, "background"), ("gores120", 33, "black"),
    ("utf8", 17, "black"), ("utf8", 33, "background"),
]


@pytest.mark.parametrize(("name", "angle", "corners"), TURNED_CASES,
                         ids=[f"{c[0]}-{c[1]}deg-{c[2]}" for c in TURNED_CASES])
def test_reads_back_turned_and_scaled_to_900px(tmp_path, draw_canopy, layouts, name, angle, corners):
    colours = PALETTES["perseverance" if angle == 17 else "okabe-ito"]
    path = tmp_path / f"{name}.png"
    draw_canopy(layouts[name], path, palette_colours=colours, style="dgb", size_px=1500, rotation_deg=0,
                seam_px=1.5 if angle == 33 else 0)
    fill = colours["background"] if corners == "background" else "#000000"
    turned = _rotate_and_scale(path, angle, fill, 900)
    assert Image.open(turned).size == (900, 900)
    assert _said(decode_image(turned)) == _expect(name)


def test_white_zero_gores_on_white_paper_with_and_without_seams(tmp_path, draw_canopy, layouts):
    colours = dict(PALETTES["perseverance"])
    assert colours["zero"] == colours["background"]   # the zero gores are the paper itself
    for seam in (0, 1.5):
        path = tmp_path / f"paper-{seam}.png"
        draw_canopy(layouts["stream"], path, palette_colours=colours, style="dgb", size_px=900,
                    rotation_deg=0, seam_px=seam)
        assert _said(decode_image(path)) == _expect("stream")


def test_explain_colours_and_letters_on_groups(tmp_path, draw_canopy, layouts):
    # Spacers, terminator and fill each in their own colour, letters on every group.
    path = tmp_path / "explain.png"
    draw_canopy(layouts["gores120"], path, palette_colours=PALETTES["explain"], style="dgb", size_px=1200,
                rotation_deg=0, seam_px=1.5, explain=True, letters=True)
    assert _said(decode_image(path)) == _expect("gores120")


def test_light_ones_on_dark_zeros(tmp_path, draw_canopy, layouts):
    # Polarity comes from what decodes, not from brightness: white ones, dark blue zeros.
    colours = PALETTES["blueprint"]
    assert sum(Image.new("RGB", (1, 1), colours["one"]).getpixel((0, 0))) > 600
    path = tmp_path / "blueprint.png"
    draw_canopy(layouts["perseverance"], path, palette_colours=colours, style="dgb", size_px=700,
                rotation_deg=0)
    assert _said(decode_image(path)) == _expect("perseverance")


def test_mirrored_picture_is_read_anticlockwise(tmp_path, draw_canopy, layouts):
    path = tmp_path / "plain.png"
    draw_canopy(layouts["perseverance"], path, palette_colours=PALETTES["mono"], style="disk", size_px=700,
                rotation_deg=0)
    ImageOps.mirror(Image.open(path)).save(tmp_path / "mirrored.png")
    reading = read_image(tmp_path / "mirrored.png")
    assert reading.mirrored is True
    assert _said(reading.decoded) == _expect("perseverance")
    assert read_image(path).mirrored is False


# --- what the reader finds ------------------------------------------------------------


@pytest.fixture(scope="module")
def drawn_120(tmp_path_factory, draw_canopy, layouts):
    """A 120-gore canopy turned by 31 degrees (gore 0 near 1 o'clock), with its drawn ring radii."""
    path = tmp_path_factory.mktemp("drawn") / "g120.png"
    radii = draw_canopy(layouts["gores120"], path, palette_colours=PALETTES["mars"], style="dgb",
                        size_px=1000, rotation_deg=31, seam_px=1)
    return path, radii


def test_finds_centre_rings_and_gores(drawn_120):
    path, radii = drawn_120
    reading = read_image(path)
    assert math.dist(reading.centre, (499.5, 499.5)) < 1.0
    assert reading.gores == 120
    assert len(reading.rings) == len(radii) == 5
    for (inner, outer), (found_inner, found_outer) in zip(radii, reading.rings, strict=True):
        # Found bands lie inside the drawn rings, short of each edge by a few pixels at most.
        assert inner - 1 <= found_inner <= inner + 8
        assert outer - 8 <= found_outer <= outer + 1
    assert reading.radius == reading.rings[-1][1]


def test_bits_are_read_from_the_gore_at_12_oclock(drawn_120, layouts):
    # Turned by 31 degrees = 10.33 gores of 3 degrees: the gore that starts nearest 12 o'clock
    # (at 1 degree past it) is gore 110, 10 gores before gore 0.
    path, _ = drawn_120
    reading = read_image(path)
    for ring, bits in zip(layouts["gores120"].rings, reading.bits, strict=True):
        assert bits == ring.bits[-10:] + ring.bits[:-10]


def test_hints(drawn_120):
    path, _ = drawn_120
    assert decode_image(path, gores=120, rings=5, group=10, codec="letters", flow="words").message == \
        "HELLO WORLD FROM MARS"
    with pytest.raises(ImageReadError, match="found 5 rings of 120 gores, not the 4 given"):
        decode_image(path, rings=4)
    with pytest.raises(ImageReadError, match="does not decode"):
        decode_image(path, gores=80)
    with pytest.raises(ImageReadError, match="gores=1 is not a usable gore count"):
        decode_image(path, gores=1)


def test_palette_hint_fixes_the_polarity(tmp_path, draw_canopy, layouts):
    colours = PALETTES["okabe-ito"]
    path = tmp_path / "okabe.png"
    draw_canopy(layouts["perseverance"], path, palette_colours=colours, style="dgb", size_px=700,
                rotation_deg=0)
    hint = {"one": colours["one"], "zero": colours["zero"]}
    assert decode_image(path, palette=hint).message == "DARE MIGHTY THINGS"
    # The colours swapped: no reading of the gores is valid ring code, and the error says how far off.
    with pytest.raises(ImageReadError, match="does not decode: .*clear gores would have to change"):
        decode_image(path, palette={"one": colours["zero"], "zero": colours["one"]})
    with pytest.raises(ImageReadError, match="'notacolour' is not a colour"):
        decode_image(path, palette={"one": "notacolour"})


# --- sources ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_png(tmp_path_factory, draw_canopy, layouts) -> Path:
    path = tmp_path_factory.mktemp("small") / "pers.png"
    draw_canopy(layouts["perseverance"], path, palette_colours=PALETTES["perseverance"], style="dgb",
                size_px=600, rotation_deg=0)
    return path


def test_accepts_path_text_bytes_stream_and_image(small_png):
    data = small_png.read_bytes()
    sources = [small_png, str(small_png), data, io.BytesIO(data), Image.open(small_png)]
    for source in sources:
        assert decode_image(source).message == "DARE MIGHTY THINGS"


def test_transparent_background_reads_as_white(small_png):
    image = Image.open(small_png).convert("RGBA")
    pixels = image.load()
    for y in range(0, 12):
        for x in range(image.width):
            pixels[x, y] = (0, 0, 0, 0)
    assert decode_image(image).message == "DARE MIGHTY THINGS"


def test_indexed_and_grey_pictures(small_png):
    indexed = Image.open(small_png).convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    assert decode_image(indexed).message == "DARE MIGHTY THINGS"
    grey = Image.open(small_png).convert("L")
    assert decode_image(grey).message == "DARE MIGHTY THINGS"


def test_large_picture_is_read_after_shrinking(tmp_path, draw_canopy, layouts):
    path = tmp_path / "large.png"
    draw_canopy(layouts["stream"], path, palette_colours=PALETTES["midnight"], style="disk", size_px=2600,
                rotation_deg=0, seam_px=3)
    assert _said(decode_image(path)) == _expect("stream")


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("colour", ["white", "black", "#DF6A33"])
def test_plain_picture_has_no_canopy(colour):
    with pytest.raises(ImageReadError, match="no canopy found"):
        decode_image(Image.new("RGB", (800, 800), colour))


def test_picture_without_rings_has_no_canopy():
    # A diagonal colour ramp: plenty of colour, no rings round a centre.
    ramp = Image.linear_gradient("L").rotate(45, expand=True).resize((700, 700)).convert("RGB")
    with pytest.raises(ImageReadError, match="no canopy found"):
        decode_image(ramp)


def test_unreadable_ring_is_reported_not_skipped(tmp_path, draw_canopy, layouts):
    # Speckle over ring 2: reading on without it would return a message with a word missing.
    path = tmp_path / "damaged.png"
    radii = draw_canopy(layouts["perseverance"], path, palette_colours=PALETTES["mono"], style="dgb",
                        size_px=800, rotation_deg=0)
    pixels = np.asarray(Image.open(path)).copy()
    ys, xs = np.mgrid[0:800, 0:800]
    distance = np.hypot(xs - 399.5, ys - 399.5)
    inner, outer = radii[1]
    ring = (distance > inner - 2) & (distance < outer + 2)
    speckle = np.random.default_rng(7).integers(0, 2, size=ring.sum()) * 255
    pixels[ring] = speckle[:, None]
    with pytest.raises(ImageReadError, match="nothing could be read between radius"):
        decode_image(Image.fromarray(pixels))


def test_not_a_picture(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("not a picture")
    with pytest.raises(ImageReadError, match="notes.png' is not a picture"):
        decode_image(path)
    with pytest.raises(ImageReadError, match="far too small"):
        decode_image(Image.new("RGB", (10, 10)))
    with pytest.raises(ImageReadError, match="cannot read an image from 'int'"):
        decode_image(42)


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        decode_image(tmp_path / "absent.png")


def test_image_read_error_is_a_decode_error():
    assert issubclass(ImageReadError, chutecode.DecodeError)
    assert issubclass(ImageReadError, chutecode.ChutecodeError)


# --- command line -----------------------------------------------------------------------------


def _run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_cli_decodes_a_picture(capsys, small_png):
    code, out, _ = _run(capsys, "decode", str(small_png))
    assert code == 0
    assert "DARE MIGHTY THINGS" in out and "34°11'58\"N 118°10'31\"W" in out
    code, out, _ = _run(capsys, "decode", str(small_png), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["message"] == "DARE MIGHTY THINGS"
    assert data["image"]["gores"] == 80 and len(data["image"]["rings"]) == 4


def test_cli_errors(capsys, small_png, tmp_path):
    code, _, err = _run(capsys, "decode")
    assert code == 2 and "give one source" in err
    code, _, err = _run(capsys, "decode", str(small_png), "--layout", "x.json")
    assert code == 2 and "give one source" in err
    code, _, err = _run(capsys, "decode", str(small_png), "--alignment", "shared")
    assert code == 2 and "--alignment applies to --bits only" in err
    blank = tmp_path / "blank.png"
    Image.new("RGB", (700, 700), "white").save(blank)
    code, _, err = _run(capsys, "decode", str(blank))
    assert code == 2 and err.startswith("error: no canopy found in ") and err.count("\n") == 1
    code, _, err = _run(capsys, "decode", str(small_png), "--rings", "3")
    assert code == 2 and "not the 3 given" in err


def test_decoder_advice_on_alignment_is_not_shown_for_pictures():
    from chutecode.picture.candidates import for_pictures as _for_pictures

    assert _for_pictures("the rings do not share one rotation (they read at [0, 3] gores): use "
                         "alignment='independent' for rings read from different gores") == (
        "the rings do not share one rotation (they read at [0, 3] gores)")
    assert _for_pictures("ring 2 is full: it reads as 'AB', 'BA'; give the rings as read from gore 0 "
                         "(alignment='reference')") == "ring 2 is full: it reads as 'AB', 'BA'"
    assert _for_pictures("ring 1 has no reading") == "ring 1 has no reading"


# --- pictures from chutecode's own renderer -----------------------------------------------

def _rendered_png(layout, palette: str, size: int) -> bytes:
    out = io.BytesIO()
    chutecode.render(layout, out, format="png", palette=palette, size=f"{size}px", dpi=96)
    return out.getvalue()


@pytest.mark.parametrize("size", [700, 1100, 1500])
@pytest.mark.parametrize("palette", sorted(chutecode.PALETTES))
def test_rendered_perseverance_reads_as_the_real_four_rings(perseverance_reference, palette, size):
    # The disk-gap-band gap is drawn in the page colour and crossed by seams; it is no ring, so
    # the real canopy reads as its 4 rings, bit for bit, from gore 0 at 12 o'clock, at every size.
    layout = encode(chutecode.PERSEVERANCE_MESSAGE, coords=COORDS)
    reading = read_image(_rendered_png(layout, palette, size), rings=4)
    assert reading.bits == tuple(r["bits"] for r in perseverance_reference["rings"])
    assert [r.rotation for r in reading.decoded.rings] == [0, 0, 0, 0]
    assert _said(reading.decoded) == ("DARE MIGHTY THINGS", COORDS_TEXT)


@pytest.mark.parametrize(("gores_turned", "rotation"), [(3.3, 77), (3.7, 76), (-2.2, 2), (-0.4, 0), (0.4, 0)])
def test_rotation_is_the_gore_that_starts_nearest_12_oclock(gores_turned, rotation):
    # A picture turned clockwise by k gores has gore 80 - k at the top: the reading starts there,
    # so each ring reports rotation 80 - k (mod 80), k rounded to the nearest gore.
    layout = encode(chutecode.PERSEVERANCE_MESSAGE, coords=COORDS)
    picture = Image.open(io.BytesIO(_rendered_png(layout, "okabe-ito", 1200)))
    turned = picture.rotate(-gores_turned * 360 / 80, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    reading = read_image(turned, rings=4)
    assert {r.rotation for r in reading.decoded.rings} == {rotation}
    assert reading.decoded.message == "DARE MIGHTY THINGS"
