"""``chutecode encode``: print a layout's bits, JSON or a readable table."""

from __future__ import annotations

import click

from chutecode.cli.options import scheme_options, write_text
from chutecode.ringcode.encoder import encode
from chutecode.ringcode.report import layout_bits, layout_table


@click.command("encode")
@click.argument("message")
@scheme_options
@click.option("--format", "-f", "fmt", type=click.Choice(["bits", "json", "table"]), default="table",
              show_default=True, help="bits: one line a ring; json: the layout; table: readable view.")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output.")
def command(message: str, coords: str | None, codec: str, flow: str, rings: int | None, gores: int,
            group: int, spacer: int | None, transliterate: bool, strict: bool, fmt: str,
            output: str | None) -> None:
    """Encode MESSAGE (and a place) into canopy ring bits.

    Example: chutecode encode "DARE MIGHTY THINGS" --coords "34 11 58 N 118 10 31 W"
    """
    layout = encode(message, coords, codec=codec, flow=flow, rings=rings, gores=gores, group=group,
                    spacer=spacer, transliterate=transliterate, strict=strict)
    text = {"bits": layout_bits, "table": layout_table}.get(fmt, lambda lay: lay.to_json() + "\n")(layout)
    write_text(text, output)
