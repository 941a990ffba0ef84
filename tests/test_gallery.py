"""The gallery rebuilds from its spec, and every picture reads back to its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from chutecode import decode_image
from chutecode.cli.gallery import GalleryError, build_gallery, load_designs

SPEC = Path(__file__).resolve().parents[1] / "gallery" / "designs.toml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gallery")
    return folder, build_gallery(SPEC, folder / "images")


def test_every_design_is_made_and_reads_back(built):
    folder, made = built
    designs = load_designs(SPEC)
    assert len(designs) >= 12
    assert [design.name for design, _ in made] == [design.name for design in designs]
    for design, images in made:
        assert images, design.name
        for image in images:
            decoded = decode_image(image)
            assert decoded.message == design.message, (design.name, image.name)
            assert decoded.coords_text == design.coords, (design.name, image.name)


def test_the_page_shows_each_picture_with_its_command(built):
    folder, made = built
    page = (folder / "README.md").read_text(encoding="utf-8")
    for design, images in made:
        assert f"## {design.title}" in page
        assert design.command(f"gallery/images/{design.name}.png") in page
        for image in images:
            assert f'src="images/{image.name}"' in page


def test_bad_specs(tmp_path):
    empty = tmp_path / "empty.toml"
    empty.write_text("title = 'x'\n", encoding="utf-8")
    with pytest.raises(GalleryError, match="no \\[\\[design\\]\\] tables"):
        load_designs(empty)
    twice = tmp_path / "twice.toml"
    twice.write_text('[[design]]\nname="a"\ntitle="A"\nmessage="A"\nargs=["render","A"]\n' * 2,
                     encoding="utf-8")
    with pytest.raises(GalleryError, match="'a' appears twice"):
        load_designs(twice)
    broken = tmp_path / "broken.toml"
    broken.write_text('[[design]]\nname="a"\ntitle="A"\nmessage="A"\nargs=["render","A","--gores","85"]\n',
                      encoding="utf-8")
    with pytest.raises(GalleryError, match="design 'a' failed: gores 85"):
        build_gallery(broken, tmp_path / "images")
