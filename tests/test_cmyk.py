"""CMYK conversion and files, with a CMYK profile built by the test (see cmyk_profile.py)."""

from __future__ import annotations

import glob
import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from chutecode.design.profile import load_cmyk_profile
from chutecode.errors import ChutecodeError, ColorProfileError, PrintError
from chutecode.renderers.cmyk import save_cmyk, to_cmyk
from cmyk_profile import build_cmyk_profile

SWATCHES = {
    "white": (255, 255, 255),
    "black": (0, 0, 0),
    "shadow": (10, 10, 10),
    "grey": (128, 128, 128),
    "red": (255, 0, 0),
    "blue": (0, 0, 255),
}


@pytest.fixture(scope="module")
def profile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("icc") / "press.icc"
    path.write_bytes(build_cmyk_profile())
    return path


def swatch_image() -> Image.Image:
    image = Image.new("RGB", (len(SWATCHES), 1))
    for x, colour in enumerate(SWATCHES.values()):
        image.putpixel((x, 0), colour)
    return image


def converted(image: Image.Image) -> dict[str, tuple[int, int, int, int]]:
    return {name: image.getpixel((x, 0)) for x, name in enumerate(SWATCHES)}


def test_conversion_follows_the_press(profile_path: Path) -> None:
    result = to_cmyk(swatch_image(), profile_path)
    assert result.mode == "CMYK"
    ink = converted(result)
    assert ink["white"] == (0, 0, 0, 0)  # paper
    assert ink["black"] == (0, 0, 0, 255)  # the press's black, black ink only
    # The colorimetric table of the test profile prints greys with black ink only;
    # its perceptual table would print them with cyan, magenta and yellow.
    c, m, y, k = ink["grey"]
    assert c == m == y == 0 and 100 < k < 180
    c, m, y, k = ink["red"]
    assert c < 10 and m > 230 and y > 230 and k < 20
    c, m, y, k = ink["blue"]
    assert c > 230 and m > 230 and y < 10


def test_black_point_compensation_keeps_shadows(profile_path: Path) -> None:
    # sRGB (10, 10, 10) is L* 2.7, darker than the test press's black (L* 6.2): without
    # black point compensation it would clip to full black ink like pure black does.
    ink = converted(to_cmyk(swatch_image(), profile_path))
    assert ink["shadow"][3] < ink["black"][3] == 255


def test_transparency_is_laid_on_white(profile_path: Path) -> None:
    image = Image.new("RGBA", (2, 1), (0, 0, 0, 0))
    image.putpixel((1, 0), (0, 0, 0, 255))
    result = to_cmyk(image, profile_path)
    assert result.getpixel((0, 0)) == (0, 0, 0, 0)
    assert result.getpixel((1, 0)) == (0, 0, 0, 255)


def test_greyscale_input(profile_path: Path) -> None:
    assert to_cmyk(Image.new("L", (1, 1), 255), profile_path).getpixel((0, 0)) == (0, 0, 0, 0)


def test_tiff_file(profile_path: Path, tmp_path: Path) -> None:
    image = swatch_image().resize((60, 10), Image.NEAREST)
    target = tmp_path / "poster.tif"
    save_cmyk(image, target, profile_path, dpi=300)
    with Image.open(target) as back:
        assert back.format == "TIFF"
        assert back.mode == "CMYK"
        assert back.size == (60, 10)
        assert back.info["dpi"] == pytest.approx((300, 300))
        assert back.info["icc_profile"] == profile_path.read_bytes()
        assert back.getpixel((0, 0)) == (0, 0, 0, 0)
        assert back.getpixel((15, 5)) == (0, 0, 0, 255)
        assert back.tobytes() == to_cmyk(image, profile_path).tobytes()  # lossless
    assert [p.name for p in tmp_path.iterdir()] == ["poster.tif"]  # no temporary file left


def test_tiff_is_deterministic(profile_path: Path) -> None:
    outputs = []
    for _ in range(2):
        stream = io.BytesIO()
        save_cmyk(swatch_image(), stream, profile_path, dpi=600, format="tiff")
        outputs.append(stream.getvalue())
    assert outputs[0] == outputs[1]


def test_jpeg_file(profile_path: Path, tmp_path: Path) -> None:
    image = swatch_image().resize((6 * 16, 16), Image.NEAREST)
    target = tmp_path / "poster.jpeg"
    save_cmyk(image, target, profile_path, dpi=150, quality=95)
    with Image.open(target) as back:
        assert back.format == "JPEG"
        assert back.mode == "CMYK"
        assert back.info["dpi"] == pytest.approx((150, 150))
        assert back.info["icc_profile"] == profile_path.read_bytes()
        # the middle of the red swatch: lossy, so within a few levels
        c, m, y, k = back.getpixel((4 * 16 + 8, 8))
        assert c < 16 and m > 225 and y > 225 and k < 24


@pytest.mark.parametrize("name", ["out.png", "out", "out.pdf"])
def test_unknown_extension(profile_path: Path, tmp_path: Path, name: str) -> None:
    with pytest.raises(PrintError, match=r"\.tif, \.tiff, \.jpg, \.jpeg"):
        save_cmyk(swatch_image(), tmp_path / name, profile_path, dpi=300)
    assert list(tmp_path.iterdir()) == []


def test_stream_needs_a_format(profile_path: Path) -> None:
    with pytest.raises(PrintError, match="format='tiff'"):
        save_cmyk(swatch_image(), io.BytesIO(), profile_path, dpi=300)
    with pytest.raises(PrintError, match="'webp'"):
        save_cmyk(swatch_image(), io.BytesIO(), profile_path, dpi=300, format="webp")


def test_missing_profile(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.icc"
    with pytest.raises(ColorProfileError, match="does not exist") as info:
        save_cmyk(swatch_image(), tmp_path / "out.tif", missing, dpi=300)
    assert str(missing) in str(info.value)
    assert isinstance(info.value, ChutecodeError)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_profile(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.icc"
    bogus.write_bytes(b"not an ICC profile at all" * 10)
    with pytest.raises(ColorProfileError, match="cannot be read"):
        load_cmyk_profile(bogus)
    with pytest.raises(ColorProfileError, match="does not exist"):
        load_cmyk_profile(tmp_path)  # a folder


def test_rgb_profile_is_refused(tmp_path: Path) -> None:
    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    with pytest.raises(ColorProfileError, match="is for RGB, not CMYK"):
        to_cmyk(swatch_image(), srgb)
    with pytest.raises(ColorProfileError, match="not CMYK"):
        to_cmyk(swatch_image(), ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")))


def _system_cmyk_profile() -> Path | None:
    patterns = [
        "/usr/share/color/icc/**/*.ic[cm]",
        "/usr/share/color/icc/*.ic[cm]",
        "/usr/local/share/color/icc/**/*.ic[cm]",
    ]
    for pattern in patterns:
        for name in sorted(glob.glob(pattern, recursive=True)):
            try:
                if ImageCms.ImageCmsProfile(name).profile.xcolor_space.strip() == "CMYK":
                    return Path(name)
            except (OSError, ImageCms.PyCMSError):
                continue
    return None


def test_with_a_cmyk_profile_from_the_system(tmp_path: Path) -> None:
    found = _system_cmyk_profile()
    if found is None:
        message = "no CMYK ICC profile under /usr/share/color/icc (Debian's libgs-common or colord ship some)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: .ci/run installs libgs-common")
        pytest.skip(message)
    ink = converted(to_cmyk(swatch_image(), found))
    assert sum(ink["white"]) <= 8
    assert sum(ink["black"]) > 500 and ink["black"][3] > 200
    c, m, y, _ = ink["red"]
    assert m > 150 and y > 150 and c < 50
    save_cmyk(swatch_image(), tmp_path / "sys.tif", found, dpi=300)
    with Image.open(tmp_path / "sys.tif") as back:
        assert back.mode == "CMYK" and back.info["icc_profile"] == found.read_bytes()
