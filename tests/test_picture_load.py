"""Loading pictures for reading: shrunk as they load, in bounded memory, damaged files refused."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import chutecode
from chutecode import ImageReadError, decode_image
from chutecode.picture import load


@pytest.fixture(scope="module")
def clean_png(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("load") / "clean.png"
    layout = chutecode.encode(chutecode.PERSEVERANCE_MESSAGE, coords=chutecode.PERSEVERANCE_PLACE)
    chutecode.render(layout, path, size="900px")
    return path


def test_a_clean_render_still_reads(clean_png):
    decoded = decode_image(clean_png)
    assert (decoded.message, decoded.coords_text) == ("DARE MIGHTY THINGS", "34°11'58\"N 118°10'31\"W")


def test_truncated_png_is_an_image_read_error(tmp_path, clean_png):
    data = clean_png.read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageReadError, match="truncated or damaged"):
        decode_image(cut)
    with pytest.raises(ImageReadError, match="truncated or damaged"):
        decode_image(data[: len(data) // 2])


def test_strip_reader_matches_a_whole_decode():
    rng = np.random.default_rng(2)
    pixels = rng.integers(0, 255, (203, 150, 3), dtype=np.uint8)
    pixels[:, :60] = (200, 100, 50)
    for mode in ("RGB", "RGBA", "L"):
        buffer = io.BytesIO()
        Image.fromarray(pixels).convert(mode).save(buffer, format="PNG")
        opened = Image.open(io.BytesIO(buffer.getvalue()))
        whole = opened.convert("RGBA" if mode == "RGBA" else "RGB").reduce(4)
        saved = load._STRIP_BYTES
        load._STRIP_BYTES = 4000
        try:
            strips = load._png_strips(Image.open(io.BytesIO(buffer.getvalue())), 4)
        finally:
            load._STRIP_BYTES = saved
        rows = strips.height
        assert np.array_equal(np.asarray(strips.convert(whole.mode)),
                              np.asarray(whole)[:rows, : strips.width])


def test_huge_picture_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(load, "MAX_PIXELS", 1000)
    with pytest.raises(ImageReadError, match="pictures of at most"):
        decode_image(Image.new("RGB", (100, 100)))


def test_big_poster_reads_back_without_bomb_warning_and_in_bounded_memory(tmp_path):
    """A 10000 x 16000 px poster (160 Mpx, past Pillow's bomb limits), read with the strip reader
    (libvips switched off) in a child process whose peak memory is measured."""
    path = tmp_path / "poster.png"
    layout = chutecode.encode(chutecode.PERSEVERANCE_MESSAGE, coords=chutecode.PERSEVERANCE_PLACE)
    chutecode.render(layout, path, page="16.6667x26.6667in", dpi=600, caption=True)
    script = (
        "import sys, warnings\n"
        "warnings.simplefilter('error')\n"
        "import chutecode.picture.load as load\n"
        "load._vips_shrink = lambda source, factor: None\n"
        "from chutecode import decode_image\n"
        "d = decode_image(sys.argv[1])\n"
        "peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(d.message, '|', peak)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "DecompressionBomb" not in done.stderr
    message, peak = done.stdout.rsplit("|", 1)
    assert message.strip() == "DARE MIGHTY THINGS"
    assert int(peak) / 1024 < 500


def test_bomb_warning_is_not_printed(tmp_path):
    path = tmp_path / "wide.png"
    Image.new("RGB", (10000, 9000), "white").save(path)  # 90 Mpx: past Pillow's warning limit
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ImageReadError):
            decode_image(path)
