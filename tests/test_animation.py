"""Animations of how a canopy is read: frame counts and times as asked, a last frame that is the
still picture (compared pixel by pixel with render's PNG), and an animated SVG played by a browser."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import cairosvg
import numpy as np
import pytest
from PIL import Image, ImageSequence

import chutecode

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ORANGE = np.array([217, 83, 43])   # Perseverance's one colour, #D9532B


@pytest.fixture(scope="module")
def canopy():
    return chutecode.make("HELLO MARS", coords="48.8584, 2.2945", size="300px", frame_rate=10, duration=3,
                          hold=1.5)


def _frames(data: bytes) -> list[tuple[np.ndarray, int]]:
    image = Image.open(io.BytesIO(data))
    return [(np.asarray(frame.convert("RGB"), dtype=np.int16), frame.info.get("duration"))
            for frame in ImageSequence.Iterator(image)]


def _still(canopy, **options) -> np.ndarray:
    return np.asarray(canopy.replace(**options).to_pil().convert("RGB") if options else
                      canopy.to_pil().convert("RGB"), dtype=np.int16)


def _orange_share(pixels: np.ndarray) -> float:
    return float((np.abs(pixels - ORANGE).sum(axis=2) < 30).mean())


def _same_within_antialiasing(a: np.ndarray, b: np.ndarray, level: int = 24, share: float = 0.005,
                              mean: float = 2.0) -> None:
    assert a.shape == b.shape
    off = np.abs(a - b).max(axis=2)
    assert (off > level).mean() < share, f"{(off > level).mean():.4%} of pixels differ by more than {level}"
    assert off.mean() < mean


@pytest.mark.parametrize("kind", ["gif", "apng"])
def test_frame_count_and_times_are_as_asked(canopy, kind):
    frames = _frames(canopy.to_bytes(kind))
    assert len(frames) == 3 * 10 + 1        # 3 s at 10 frames a second, then the held picture
    times = [duration for _, duration in frames]
    assert times[:-1] == [100] * 30
    assert times[-1] == 1500
    assert sum(times) == 4500


def test_frame_times_add_up_when_they_do_not_divide_evenly():
    canopy = chutecode.make("HI", size="120px", frame_rate=12, duration=2, hold=1)
    gif = _frames(canopy.to_bytes("gif"))
    assert len(gif) == 25
    assert sum(t for _, t in gif) == 3000                   # GIF counts in hundredths: 80 or 90 ms a frame
    assert {t for _, t in gif[:-1]} <= {80, 90}
    apng = _frames(canopy.to_bytes("apng"))
    assert sum(t for _, t in apng) == 3000
    assert {t for _, t in apng[:-1]} <= {83, 84}            # 1000 / 12 ms, rounded so the total is exact


@pytest.mark.parametrize("kind", ["gif", "apng"])
def test_last_frame_is_the_still_picture_and_the_first_shows_no_code(canopy, kind):
    frames = _frames(canopy.to_bytes(kind))
    still = _still(canopy)
    if kind == "apng":
        _same_within_antialiasing(frames[-1][0], still, level=3, share=0.0005)
    else:   # one palette of 256 colours for every frame: anti-aliased edges take the nearest
        _same_within_antialiasing(frames[-1][0], still)
    assert _orange_share(still) > 0.2
    assert _orange_share(frames[0][0]) == 0.0               # the ghost: nothing read yet
    shares = [_orange_share(frame) for frame, _ in frames]
    assert shares[15] < shares[-1]                          # half way: part of the code is read
    assert all(a <= b + 0.002 for a, b in zip(shares, shares[1:], strict=False))   # it only grows


def test_animation_formats_by_extension_and_transparency(canopy, tmp_path):
    gif, apng = tmp_path / "reading.gif", tmp_path / "reading.apng"
    canopy.save(gif)
    canopy.save(apng)
    assert Image.open(gif).format == "GIF" and Image.open(apng).format == "PNG"
    assert Image.open(apng).n_frames == 31
    clear = canopy.replace(transparent=True)
    frames = list(ImageSequence.Iterator(Image.open(io.BytesIO(clear.to_bytes("apng")))))
    assert frames[-1].convert("RGBA").getpixel((0, 0))[3] == 0
    with pytest.raises(chutecode.RenderError, match="not possible in a GIF"):
        clear.save(io.BytesIO(), "gif")


def test_animated_svg_shows_the_still_picture_where_nothing_animates(canopy):
    svg = canopy.to_bytes("animated-svg").decode("utf-8")
    root = ET.fromstring(svg)
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert "<script" not in svg and "javascript" not in svg.lower()
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=300, output_height=300)
    static = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    _same_within_antialiasing(static, _still(canopy))


def test_animated_svg_timing_is_as_asked(canopy):
    svg = canopy.to_bytes("animated-svg").decode("utf-8")
    loops = re.findall(r"animation:\S+ ([\d.]+)s", svg)
    assert loops and set(loops) == {"4.5"}                   # every animation runs reveal + hold
    symbols = sum(len(ring.symbols) for ring in canopy.layout.rings)
    assert len(re.findall(r"@keyframes l\d+", svg)) == symbols
    # The rings are swept one after another, 1 s each (8 groups a ring, 24 groups in 3 s) of 4.5 s.
    assert re.search(r"@keyframes r1\{0%,0%\{[^}]*\}22\.2222%\{stroke-dashoffset:0\}", svg)
    assert re.search(r"@keyframes r3\{0%,44\.4444%\{[^}]*\}66\.6667%\{stroke-dashoffset:0\}", svg)


def _browser_frame(svg: str, t: float, side: int, tmp_path) -> np.ndarray:
    """The animated SVG as Chromium shows it ``t`` seconds in (every animation paused there)."""
    body = svg.split("?>", 1)[1]
    body = re.sub(r'width="[\d.]+mm" height="[\d.]+mm"', f'width="{side}" height="{side}"', body, count=1)
    page = tmp_path / f"at-{t}.html"
    page.write_text("<!doctype html><html><head><style>*{animation-play-state:paused!important;"
                    f"animation-delay:-{t}s!important}}body{{margin:0}}</style></head><body>{body}</body></html>",
                    encoding="utf-8")
    shot = tmp_path / f"at-{t}.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars", f"--window-size={side},{side}", f"--screenshot={shot}",
                    page.as_uri()], check=True, capture_output=True, timeout=120)
    return np.asarray(Image.open(shot).convert("RGB"), dtype=np.int16)


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium to play the animation")
def test_a_browser_plays_the_animated_svg(canopy, tmp_path):
    svg = canopy.to_bytes("animated-svg").decode("utf-8")
    still = _still(canopy)
    start = _browser_frame(svg, 0.0, 300, tmp_path)
    middle = _browser_frame(svg, 1.5, 300, tmp_path)
    held = _browser_frame(svg, 4.0, 300, tmp_path)
    assert _orange_share(start) == 0.0
    assert 0.02 < _orange_share(middle) < _orange_share(still) - 0.02
    # Chromium smooths edges and hairline seams its own way: a looser bound than cairo against cairo.
    _same_within_antialiasing(held, still, level=40, share=0.01, mean=3.0)
