"""Options shared by several commands, and small helpers for output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from chutecode.errors import ChutecodeError, LayoutError
from chutecode.limits import MAX_INPUT_BYTES, size_text
from chutecode.ringcode.codec import CODECS
from chutecode.ringcode.coordinates import Coordinates
from chutecode.ringcode.encoder import FLOWS, encode
from chutecode.ringcode.layout import Layout
from chutecode.ringcode.perseverance import PERSEVERANCE_MESSAGE, PERSEVERANCE_PLACE

__all__ = ["scheme_options", "write_text", "layout_from_arguments", "read_input"]


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


def read_input(path: str, what: str, error: type[ChutecodeError]) -> str:
    """The UTF-8 text of the file ``path`` (``-`` for standard input), at most :data:`MAX_INPUT_BYTES`.

    ``what`` names the file in errors (``bits file``); a file past the limit or
    not UTF-8 raises ``error``, before anything is parsed.
    """
    if path == "-":
        source = getattr(sys.stdin, "buffer", None)
        raw: bytes | str = source.read(MAX_INPUT_BYTES + 1) if source is not None \
            else sys.stdin.read(MAX_INPUT_BYTES + 1)
        name = "standard input"
    else:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
        name = repr(path)
    if len(raw) > MAX_INPUT_BYTES:
        raise error(f"{what} {name} is larger than the limit of {size_text(MAX_INPUT_BYTES)}: give one "
                    "canopy's data")
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{what} {name} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at position "
                    f"{exc.start + 1}): save it as UTF-8") from None


def layout_from_arguments(message: str | None, layout_file: str | None, coords: str | None,
                          **encode_options: Any) -> Layout:
    """The layout a drawing command draws: ``--layout FILE.json`` (read within
    :data:`MAX_INPUT_BYTES`), or MESSAGE encoded with the ring-code options; without
    either, the Perseverance canopy (``--coords none`` leaves its place out)."""
    if layout_file is not None:
        if message is not None:
            raise click.UsageError("give MESSAGE or --layout, not both")
        return Layout.from_json(read_input(layout_file, "layout file", LayoutError))
    place: str | Coordinates | None = coords
    if message is None:
        message = PERSEVERANCE_MESSAGE
        place = PERSEVERANCE_PLACE if coords is None else coords
    if isinstance(place, str) and place.strip().lower() in ("", "none"):
        place = None
    return encode(message, place, **encode_options)
