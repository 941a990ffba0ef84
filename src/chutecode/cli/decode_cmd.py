"""``chutecode decode``: read a canopy picture, ring bits or a layout back into message and place."""

from __future__ import annotations

import json
import sys

import click

from chutecode.ringcode.codec import CODECS
from chutecode.ringcode.decoder import ALIGNMENTS, decode
from chutecode.ringcode.encoder import FLOWS
from chutecode.ringcode.layout import Layout
from chutecode.ringcode.report import decoded_report


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


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
@click.option("--alignment", type=click.Choice(list(ALIGNMENTS)), default=None,
              help="--bits: how the rings were read: each from any gore, all from one radius, or from "
                   "gore 0 (default: auto).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable report.")
def command(image: str | None, bits_file: str | None, layout_file: str | None, codec: str | None,
            flow: str | None, group: int | None, spacer: int | None, gores: int | None, rings: int | None,
            alignment: str | None, as_json: bool) -> None:
    """Decode a canopy picture (IMAGE, e.g. a PNG), ring bits (--bits) or a layout (--layout).

    A picture may be in any palette, turned by any angle, at any size from about 600 px.
    """
    sources = [s for s in (image, bits_file, layout_file) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give one source: IMAGE, --bits FILE or --layout FILE.json")
    if image is None and (gores is not None or rings is not None):
        raise click.UsageError("--gores and --rings apply to an IMAGE only")
    if image is not None and alignment is not None:
        raise click.UsageError("--alignment applies to --bits only: a picture is read from one radius")
    reading = None
    if image is not None:
        from chutecode.picture.reader import read_image

        reading = read_image(image, gores=gores, group=group, rings=rings, codec=codec, flow=flow,
                             spacer=spacer)
        decoded = reading.decoded
    elif layout_file is not None:
        decoded = decode(Layout.from_json(_read(layout_file)), codec=codec, flow=flow, group=group,
                         spacer=spacer)
    else:
        decoded = decode(_bit_lines(_read(bits_file)), codec=codec, flow=flow,  # type: ignore[arg-type]
                         group=group, spacer=spacer, alignment=alignment or "auto")  # type: ignore[arg-type]
    if as_json:
        data = decoded.to_dict()
        if reading is not None:
            data["image"] = reading.to_dict()
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(decoded_report(decoded), nl=False)
