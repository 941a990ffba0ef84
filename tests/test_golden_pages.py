"""Golden pages, one set a language: a page is rendered as PDF, rasterised by poppler's pdftoppm
(outside this code), and compared with a tolerance against a picture in tests/data/golden/ that was
looked at when it was made (grey, which keeps them small). ``pytest --regen-golden`` makes them
anew; look at every one before committing it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

import chutecode
from page_samples import POSTER, SAMPLES, sample_layout

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
DPI = 50
#: Pages compared: every language's poster, and both worksheet pages in the gallery's languages.
PAGES = [(lang, "poster") for lang in SAMPLES] + [
    (lang, side) for lang in ("uk", "ar", "ja") for side in ("questions", "answers")]
#: Differences allowed: mean absolute difference (of 255) and the share of pixels off by more than 64.
MEAN_TOLERANCE = 1.5
PIXEL_TOLERANCE = 0.004


def _pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        pytest.fail("pdftoppm (Debian poppler-utils) is a test dependency: apt-get install poppler-utils")
    return found


def rasterised(lang: str, kind: str, tmp_path: Path) -> Image.Image:
    options = POSTER if kind == "poster" else {"worksheet": kind}
    pdf = tmp_path / f"{lang}-{kind}.pdf"
    chutecode.render(sample_layout(lang), pdf, lang=lang, **options)
    subprocess.run([_pdftoppm(), "-r", str(DPI), "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True)
    return Image.open(tmp_path / "page.png").convert("L")


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=[f"{lang}-{kind}" for lang, kind in PAGES])
def test_page_matches_its_golden_picture(request, tmp_path, lang, kind):
    picture = rasterised(lang, kind, tmp_path)
    golden = GOLDEN / f"{kind}-{lang}.png"
    if request.config.getoption("--regen-golden"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        picture.save(golden, optimize=True)
        pytest.skip(f"wrote {golden.name}: look at it before committing")
    assert golden.exists(), f"no golden picture {golden.name}: make it with pytest --regen-golden"
    expected = Image.open(golden).convert("L")
    assert picture.size == expected.size
    difference = ImageChops.difference(picture, expected)
    mean = ImageStat.Stat(difference).mean[0]
    off = difference.point(lambda v: 255 if v > 64 else 0).histogram()[255] / (picture.width * picture.height)
    assert mean <= MEAN_TOLERANCE and off <= PIXEL_TOLERANCE, (
        f"{golden.name}: mean difference {mean:.2f}, {off:.2%} of pixels off by more than 64")


def test_the_comparison_sees_a_changed_page(tmp_path):
    """A page with other words is far from the golden one (the tolerance is not too wide)."""
    picture = rasterised("de", "poster", tmp_path)
    expected = Image.open(GOLDEN / "poster-en.png").convert("L")
    difference = ImageChops.difference(picture, expected)
    assert ImageStat.Stat(difference).mean[0] > MEAN_TOLERANCE * 2
