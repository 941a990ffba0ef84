"""CMYK TIFFs drawn, converted and written band by band: the pixels of one band, any band or tile size."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image, ImageChops

import chutecode
import chutecode.renderers.cairo as cairo_renderer
from chutecode.renderers.cmyk import tiff_rows_per_strip, to_cmyk, write_cmyk_tiff
from cmyk_profile import build_cmyk_profile


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    path = tmp_path_factory.mktemp("icc") / "press.icc"
    path.write_bytes(build_cmyk_profile())
    return path


def _tiff(profile, **design) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(chutecode.encode("DARE MIGHTY THINGS", chutecode.PERSEVERANCE_PLACE), buffer,
                     format="tiff", cmyk_profile=profile, **design)
    return buffer.getvalue()


def test_bands_give_the_pixels_of_one_band_and_tiles_nearly(profile, monkeypatch):
    design = {"page": "a6", "dpi": 100, "caption": True, "legend": True}
    whole = Image.open(io.BytesIO(_tiff(profile, **design)))
    assert whole.mode == "CMYK" and whole.size == (413, 583)          # 105 x 148 mm at 100 dpi
    monkeypatch.setattr(cairo_renderer, "CMYK_BAND_ROWS", 40)
    banded = Image.open(io.BytesIO(_tiff(profile, **design)))
    monkeypatch.setattr(cairo_renderer, "TILE_WIDTH", 150)               # three tiles a band
    tiled = Image.open(io.BytesIO(_tiff(profile, **design)))
    assert banded.tobytes() == whole.tobytes()
    # Tiles draw glyphs from another origin: a few text pixels differ by a few levels.
    difference = ImageChops.difference(tiled, whole)
    assert max(high for _, high in difference.getextrema()) <= 24
    channels = [band.tobytes() for band in difference.split()]
    changed = sum(1 for pixel in zip(*channels, strict=True) if any(pixel))
    assert changed < 0.01 * whole.width * whole.height


def test_the_tiff_is_baseline_lzw_cmyk_with_the_profile(profile):
    data = _tiff(profile, size="300px", dpi=150)
    assert data[:4] == b"II*\x00"
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (300, 300) and image.info["dpi"] == pytest.approx((150, 150))
        assert image.info["compression"] == "tiff_lzw"
        assert image.info["icc_profile"] == profile.read_bytes()
        tags = image.tag_v2
        assert tags[262] == 5 and tags[277] == 4 and tags[278] == tiff_rows_per_strip(300)
        assert len(tags[273]) == -(-300 // tags[278])
    assert data == _tiff(profile, size="300px", dpi=150)                  # the same bytes every time


def test_a_stream_that_cannot_seek_gets_the_same_file(profile):
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, chunk) -> int:  # type: ignore[override]
            self.data += chunk
            return len(chunk)

    image = Image.new("RGB", (50, 30), (223, 106, 51))
    seekable, pipe = io.BytesIO(), Pipe()
    rows = tiff_rows_per_strip(50) * 2
    for out in (seekable, pipe):
        bands = (image.crop((0, top, 50, min(30, top + rows))) for top in range(0, 30, rows))
        write_cmyk_tiff(bands, 50, 30, out, profile, dpi=300)
    assert bytes(pipe.data) == seekable.getvalue()
    with Image.open(seekable) as back:
        assert back.tobytes() == to_cmyk(image, profile).tobytes()
    (ifd,) = struct.unpack("<I", seekable.getvalue()[4:8])
    assert ifd % 2 == 0 and ifd < len(seekable.getvalue())


def test_bands_that_do_not_fit_are_refused(profile):
    from chutecode.errors import PrintError

    rows = tiff_rows_per_strip(50)
    odd, whole = Image.new("RGB", (50, 7)), Image.new("RGB", (50, rows))
    with pytest.raises(PrintError, match="does not fit"):
        write_cmyk_tiff(iter([odd, odd]), 50, 14, io.BytesIO(), profile, dpi=300)
    with pytest.raises(PrintError, match="does not fit"):
        write_cmyk_tiff(iter([Image.new("RGB", (40, 7))]), 50, 7, io.BytesIO(), profile, dpi=300)
    with pytest.raises(PrintError, match=f"gave {rows} rows, not {3 * rows}"):
        write_cmyk_tiff(iter([whole]), 50, 3 * rows, io.BytesIO(), profile, dpi=300)
