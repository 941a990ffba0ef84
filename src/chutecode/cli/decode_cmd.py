"""``chutecode decode``: read ring bits or a layout back into message and place."""

from __future__ import annotations

import json
import sys

import click

from chutecode.codec import CODECS
from chutecode.decoder import ALIGNMENTS, decode
from chutecode.encoder import FLOWS
from chutecode.layout import Layout
from chutecode.report import decoded_report


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
@click.option("--bits", "bits_file", metavar="FILE",
              help="Ring bits, one ring a line, innermost first ('-' for standard input).")
@click.option("--layout", "layout_file", metavar="FILE.json", help="A layout written by 'encode -f json'.")
@click.option("--codec", type=click.Choice(list(CODECS)), default=None, help="Codec (default: try each).")
@click.option("--flow", type=click.Choice(list(FLOWS)), default=None, help="Flow (default: guess).")
@click.option("--group", type=int, default=None, help="Gores in a group (default 10).")
@click.option("--spacer", type=int, default=None, help="Spacer bits (default: the codec's).")
@click.option("--alignment", type=click.Choice(list(ALIGNMENTS)), default="auto", show_default=True,
              help="How the rings were read: each from any gore, all from one radius, or from gore 0.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable report.")
def command(bits_file: str | None, layout_file: str | None, codec: str | None, flow: str | None,
            group: int | None, spacer: int | None, alignment: str, as_json: bool) -> None:
    """Decode ring bits (--bits) or a layout (--layout) into message and place."""
    if (bits_file is None) == (layout_file is None):
        raise click.UsageError("give one source: --bits FILE or --layout FILE.json")
    if layout_file is not None:
        source: Layout | list[str] = Layout.from_json(_read(layout_file))
    else:
        source = _bit_lines(_read(bits_file))  # type: ignore[arg-type]
    decoded = decode(source, codec=codec, flow=flow, group=group, spacer=spacer,
                     alignment=alignment)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(decoded.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(decoded_report(decoded), nl=False)
