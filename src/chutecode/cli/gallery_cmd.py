"""``chutecode gallery``: rebuild the gallery's pictures and page from its spec."""

from __future__ import annotations

import click

from chutecode.cli.gallery import build_gallery


@click.command("gallery")
@click.argument("spec", default="gallery/designs.toml", type=click.Path(dir_okay=False))
@click.option("--out", "-o", "out_dir", metavar="DIR",
              help="Folder for the pictures [default: images/ beside SPEC]; README.md goes beside it.")
def command(spec: str, out_dir: str | None) -> None:
    """Make every [[design]] of SPEC by running its command, and write the gallery page."""
    for design, images in build_gallery(spec, out_dir):
        click.echo(f"{design.name}: {', '.join(str(image) for image in images)}")
