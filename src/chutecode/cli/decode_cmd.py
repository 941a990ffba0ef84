"""``chutecode decode``: read a canopy picture, ring bits or a layout back into message and place."""

from __future__ import annotations

import json

import click

from chutecode.cli.options import read_input
from chutecode.cli.speak import cli_words
from chutecode.errors import DecodeError, LayoutError
from chutecode.ringcode.codec import CODECS
from chutecode.ringcode.decoder import ALIGNMENTS, decode
from chutecode.ringcode.encoder import FLOWS
from chutecode.ringcode.layout import Layout
from chutecode.ringcode.report import decoded_report


def _bit_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


@click.command("decode")
@click.argument("image", required=False, metavar="[IMAGE]")
@click.option("--bits", "bits_file", metavar="FILE",
              help="Ring bits, one ring a line, innermost first ('-' for standard input).")
@click.option("--layout", "layout_file", metavar="FILE.json", help="A layout written by 'encode -f json'.")
@click.option("--codec", type=click.Choice(list(CODECS)), default=None, help="Codec (default: try each).")
@click.option("--flow", type=click.Choice(list(FLOWS)), default=None, help="Flow (default: guess).")
@click.option("--group", type=int, default=None, help="Gores in a group (default 10).")
@click.option("--spacer", type=int, default=None, help="Spacer bits (default: the codec's).")
@click.option("--gores", type=int, default=None, help="IMAGE: gores in a ring (default: as found).")
@click.option("--rings", type=int, default=None, help="IMAGE: rings expected (default: as found).")
@click.option("--palette", default=None, metavar="NAME",
              help="IMAGE: the palette it was drawn in, which fixes the colours of 1 and 0 "
                   "(default: found from the picture).")
@click.option("--alignment", type=click.Choice(list(ALIGNMENTS)), default=None,
              help="--bits: how the rings were read: each from any gore, all from one radius, or from "
                   "gore 0 (default: auto).")
@click.option("--coordinates/--no-coordinates", default=None,
              help="--bits: the outermost ring is (or is not) a place (default: told by its content).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable report.")
def command(image: str | None, bits_file: str | None, layout_file: str | None, codec: str | None,
            flow: str | None, group: int | None, spacer: int | None, gores: int | None, rings: int | None,
            palette: str | None, alignment: str | None, coordinates: bool | None, as_json: bool) -> None:
    """Decode a canopy picture (IMAGE, e.g. a PNG), ring bits (--bits) or a layout (--layout).

    A picture may be in any palette, turned by any angle, at any size from about 600 px.
    When the bits read more than one way, every other reading is listed after the first.
    """
    sources = [s for s in (image, bits_file, layout_file) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give one source: IMAGE, --bits FILE or --layout FILE.json")
    if image is None and (gores is not None or rings is not None or palette is not None):
        raise click.UsageError("--gores, --rings and --palette apply to an IMAGE only")
    if image is not None and alignment is not None:
        raise click.UsageError("--alignment applies to --bits only: a picture is read from one radius")
    if bits_file is None and coordinates is not None:
        raise click.UsageError("--coordinates and --no-coordinates apply to --bits only")
    reading = None
    if image is not None:
        from chutecode.picture.reader import read_image

        reading = read_image(image, gores=gores, group=group, rings=rings, codec=codec, flow=flow,
                             spacer=spacer, palette=palette)
        decoded = reading.decoded
    elif layout_file is not None:
        decoded = decode(Layout.from_json(read_input(layout_file, "layout file", LayoutError)), codec=codec,
                         flow=flow, group=group, spacer=spacer)
    else:
        text = read_input(bits_file, "bits file", DecodeError)  # type: ignore[arg-type]
        decoded = decode(_bit_lines(text), codec=codec, flow=flow, group=group, spacer=spacer,
                         alignment=alignment or "auto", coordinates=coordinates)  # type: ignore[arg-type]
    if as_json:
        data = decoded.to_dict()
        if reading is not None:
            data["image"] = reading.to_dict()
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(decoded_report(decoded, words=cli_words), nl=False)
