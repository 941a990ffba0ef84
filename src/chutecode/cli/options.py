"""Options shared by several commands, and small helpers for output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from chutecode.ringcode.codec import CODECS
from chutecode.ringcode.encoder import FLOWS

__all__ = ["scheme_options", "write_text"]


def scheme_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the encoding options (coords, codec, flow, rings, gores, group, ...)."""
    options = [
        click.option("--coords", "-c", metavar="TEXT",
                     help="Place for the outer ring: 34°11'58\"N 118°10'31\"W, 34 11 58 N 118 10 31 W "
                          "or 34.1994,-118.1753."),
        click.option("--codec", type=click.Choice(list(CODECS)), default="letters", show_default=True,
                     help="Symbol code: letters A=1..Z=26, printable ascii, or utf8 bytes."),
        click.option("--flow", type=click.Choice(list(FLOWS)), default="words", show_default=True,
                     help="One word a ring, or the text as one stream round the spiral."),
        click.option("--rings", type=int, default=None, help="Fix the ring count (default: as needed)."),
        click.option("--gores", type=int, default=80, show_default=True, help="Gores in every ring."),
        click.option("--group", type=int, default=10, show_default=True,
                     help="Gores in a group (one symbol)."),
        click.option("--spacer", type=int, default=None,
                     help="Zero bits leading each group (default: 3 for 7-bit codecs, 2 for utf8)."),
        click.option("--transliterate/--no-transliterate", default=True, show_default=True,
                     help="Spell other scripts in Latin letters for the letters and ascii codecs."),
        click.option("--strict", is_flag=True,
                     help="Refuse a longitude of 128° or more instead of widening the coordinate ring."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def write_text(text: str, output: str | None) -> None:
    """Print ``text`` to stdout, or write it to ``output`` through a temporary file."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from chutecode.files import atomic_write

        atomic_write(output, text.encode("utf-8"))
