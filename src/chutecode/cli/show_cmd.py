"""``chutecode show``: a preview of a canopy in the terminal."""

from __future__ import annotations

import sys
from typing import Any

import click

from chutecode.cli.design_options import create_design, design_options, design_values
from chutecode.cli.options import layout_from_arguments, scheme_options
from chutecode.drawing.draw import draw
from chutecode.renderers.terminal import MAX_COLUMNS, MIN_COLUMNS, write_preview

__all__ = ["command"]


@click.command("show")
@click.argument("message", required=False)
@scheme_options
@click.option("--layout", "layout_file", metavar="FILE.json",
              help="Show a layout written by 'chutecode encode -f json' instead of encoding MESSAGE.")
@click.option("--width", "-w", type=click.IntRange(MIN_COLUMNS, MAX_COLUMNS), default=None,
              help="Characters across [default: as the terminal allows, at most 72; 60 when not a "
                   "terminal].")
@click.option("--ansi/--plain", "colour", default=None,
              help="True-colour half blocks (ANSI escape codes), or plain characters (# a coloured gore, "
                   ". a plain one) [default: --ansi in a terminal, --plain otherwise or with NO_COLOR].")
@design_options
def command(message: str | None, coords: str | None, codec: str, flow: str, rings: int | None, gores: int,
            group: int, spacer: int | None, transliterate: bool, strict: bool, layout_file: str | None,
            width: int | None, colour: bool | None, **values: Any) -> None:
    """Show MESSAGE (and a place) as a canopy in the terminal.

    Without MESSAGE it shows the Perseverance canopy. Every design option of
    'chutecode render' works here too: the preview is the picture render would draw.

    \b
    Examples:
      chutecode show
      chutecode show "HELLO MARS" --coords "48.8584, 2.2945" --palette midnight
      chutecode show --annotate --width 100
      chutecode show "HELLO MARS" --plain > canopy.txt
    """
    layout = layout_from_arguments(message, layout_file, coords, codec=codec, flow=flow, rings=rings,
                                   gores=gores, group=group, spacer=spacer, transliterate=transliterate,
                                   strict=strict)
    design = create_design(design_values(values))
    for page in design.pages()[:1]:
        write_preview(draw(layout, page), sys.stdout, width=width, colour=colour)
