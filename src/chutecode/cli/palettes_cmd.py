"""``chutecode palettes``: list the named palettes with colour swatches."""

from __future__ import annotations

import json

import click

from chutecode.design.palette import PALETTES, hex_colour

__all__ = ["command"]

@click.command("palettes")
@click.option("--json", "as_json", is_flag=True, help="Print the palettes as JSON (#rrggbb colours).")
def command(as_json: bool) -> None:
    """List the named palettes: swatches of one, zero, spacer, terminator, fill,
    seam and background, and what each is for."""
    if as_json:
        click.echo(json.dumps({name: pal.to_dict() for name, pal in PALETTES.items()}, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("palette")
    table.add_column("1 0 s t f ~ bg", no_wrap=True)
    table.add_column("one / zero / background", no_wrap=True)
    table.add_column("for")
    for name, pal in PALETTES.items():
        swatch = Text()
        colours = (pal.one, pal.zero, pal.colour("spacer", 0), pal.colour("terminator", 1),
                   pal.colour("fill", 1), pal.seam_colour, pal.background)
        for colour in colours:
            swatch.append("  ", style=f"on {hex_colour(colour)}")
            swatch.append(" ")
        hexes = f"{hex_colour(pal.one)} / {hex_colour(pal.zero)} / {hex_colour(pal.background)}"
        table.add_row(name, swatch, hexes, pal.description)
    Console(highlight=False).print(table)
