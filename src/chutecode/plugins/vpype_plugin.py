"""The ``chutecode`` command of vpype, the plotter toolbox (``pip install 'chutecode[vpype]'``).

It is registered under vpype's entry point group ``vpype.plugins``, so
vpype's own command line runs it::

    vpype chutecode "HELLO MARS" --coords "48.8584, 2.2945" write canopy.svg
    vpype chutecode "HELLO MARS" --size 15cm linemerge linesort gwrite --profile gcode canopy.gcode

It adds the outlines of a cut file (:mod:`chutecode.drawing.outlines`) as
vpype layers, flattened into lines within ``--tolerance``: one layer a colour
(every run of gores of that colour as a closed outline, coloured and named
after it), then ``rings``, ``vent``, ``band`` and ``score`` (the gore seams
inside runs; ``--no-score`` leaves them out). The canopy's top-left corner
sits at the origin, lengths in vpype's units (CSS pixels, 96 a inch); a
document without a page size gets the canopy's square as its page.
"""

from __future__ import annotations

from typing import Any

import click
import vpype as vp
import vpype_cli

from chutecode.design.design import Design
from chutecode.design.palette import hex_colour
from chutecode.drawing.draw import draw
from chutecode.drawing.geometry import point
from chutecode.drawing.outlines import circle_points, cut_plan, polygon
from chutecode.errors import ChutecodeError
from chutecode.ringcode.encoder import encode
from chutecode.ringcode.perseverance import PERSEVERANCE_MESSAGE, PERSEVERANCE_PLACE

__all__ = ["chutecode_command", "canopy_layers"]

_PX_PER_MM = 96 / 25.4
_OUTLINE_COLOURS = {"rings": "#000000", "vent": "#0000ff", "band": "#00a000", "score": "#ff00ff"}


def _line(points: list[tuple[float, float]]) -> list[complex]:
    return [complex(x * _PX_PER_MM, y * _PX_PER_MM) for x, y in points]


def canopy_layers(message: str, coords: str | None, *, score: bool = True, tolerance: float = 0.05,
                  **options: Any) -> list[tuple[str, str, list[list[complex]]]]:
    """The layers of the canopy, each ``(name, colour, lines)``, a line a list of complex points (px).

    ``options`` are :func:`chutecode.encode` options (``gores``, ``codec``...)
    and design options (``size``, ``style``, ``palette``...).
    """
    encode_names = ("codec", "flow", "rings", "gores", "group", "spacer")
    layout = encode(message, coords, **{k: v for k, v in options.items() if k in encode_names})
    design = Design.create(**{k: v for k, v in options.items() if k not in encode_names})
    if not score:
        design = design.replace(seam_width=0)
    plan = cut_plan(draw(layout, design.replace(page=None, caption=False, subtitle=False, legend=False,
                                                footer=False, bleed=0, crop_marks=False)))
    centre = plan.centre
    layers: list[tuple[str, str, list[list[complex]]]] = []
    for colour, pieces in plan.colours.items():
        lines = [_line(ring) for piece in pieces for ring in polygon(piece, centre, tolerance)]
        layers.append((hex_colour(colour), hex_colour(colour), lines))
    vent = (plan.vent,) if plan.vent else ()
    for name, radii in (("rings", plan.rings), ("vent", vent), ("band", plan.band)):
        if radii:
            layers.append((name, _OUTLINE_COLOURS[name], [_line(circle_points(centre, r, tolerance))
                                                          for r in radii]))
    if plan.scores:
        lines = [_line([point(centre, s.inner, s.angle), point(centre, s.outer, s.angle)])
                 for s in plan.scores]
        layers.append(("score", _OUTLINE_COLOURS["score"], lines))
    return layers


class _MessageFirst(click.Command):
    """Options may follow MESSAGE (``vpype chutecode "HI" --coords ...``).

    vpype chains its commands, and click parses a chained command's options
    only before its first argument; so the command's own options that follow
    MESSAGE are moved before it, up to the first word that is not one of them
    (the next vpype command). A first word that names a vpype command is that
    command, not MESSAGE: ``vpype chutecode stat`` is the Perseverance canopy, then ``stat``.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move this command's options after MESSAGE before it, then parse as click does."""
        takes_value: dict[str, bool] = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    takes_value[name] = not (param.is_flag or param.count)
        parent = ctx.parent
        commands = set(parent.command.list_commands(parent)) if parent is not None and \
            isinstance(parent.command, click.Group) else set()
        options: list[str] = []
        message: list[str] = []
        index = 0
        while index < len(args):
            word = args[index]
            name = word.split("=", 1)[0]
            if name in takes_value:
                step = 2 if takes_value[name] and "=" not in word else 1
                options += args[index:index + step]
                index += step
            elif not message and not word.startswith("-") and word not in commands:
                message.append(word)
                index += 1
            else:
                break
        super().parse_args(ctx, options + message)
        ctx.args = [*ctx.args, *args[index:]]   # the rest is for the commands that follow
        return ctx.args


@click.command("chutecode", cls=_MessageFirst)
@click.argument("message", required=False)
@click.option("--coords", "-c", metavar="TEXT", help="Place for the outer ring, e.g. \"48.8584, 2.2945\" "
              "(without MESSAGE: JPL's, as on Perseverance; 'none' for no place).")
@click.option("--size", "-s", metavar="LENGTH", default="200mm", show_default=True,
              help="Canopy diameter: 20cm, 8in, or mm.")
@click.option("--style", type=click.Choice(["dgb", "disk"]), default="dgb", show_default=True,
              help="dgb: disk, gap and band as on Perseverance; disk: rings edge to edge.")
@click.option("--palette", "-p", metavar="NAME", default=None, help="Colours that name the colour layers.")
@click.option("--gores", type=int, default=80, show_default=True, help="Gores in every ring.")
@click.option("--codec", type=click.Choice(["letters", "ascii", "utf8"]), default="letters",
              show_default=True, help="Symbol code.")
@click.option("--flow", type=click.Choice(["words", "stream"]), default="words", show_default=True,
              help="One word a ring, or the text as one stream.")
@click.option("--start-angle", type=float, default=0.0, show_default=True,
              help="Degrees clockwise from 12 o'clock where gore 0 starts.")
@click.option("--score/--no-score", default=True, show_default=True,
              help="Score lines along the gore seams inside each run.")
@click.option("--tolerance", type=float, default=0.05, show_default=True,
              help="Largest distance in mm between an arc and the lines that follow it.")
@click.option("--first-layer", type=int, default=1, show_default=True, help="Number of the first layer.")
@vpype_cli.global_processor
def chutecode_command(document: vp.Document, message: str | None, coords: str | None, size: str,
                      style: str, palette: str | None, gores: int, codec: str, flow: str, start_angle: float,
                      score: bool, tolerance: float, first_layer: int) -> vp.Document:
    """Add a parachute ring code canopy as outlines: a layer a colour, then rings, vent, band, score."""
    if message is None:
        message = PERSEVERANCE_MESSAGE
        coords = PERSEVERANCE_PLACE.text if coords is None else coords
    if coords is not None and coords.strip().lower() in ("", "none"):
        coords = None
    if not 0.001 <= tolerance <= 5:
        raise click.BadParameter(f"--tolerance {tolerance!r} is not valid: give 0.001 to 5 mm",
                                 param_hint="'--tolerance'")
    try:
        layers = canopy_layers(message, coords, score=score, tolerance=tolerance, size=size, style=style,
                               palette=palette, gores=gores, codec=codec, flow=flow, start_angle=start_angle)
    except ChutecodeError as exc:
        raise click.BadParameter(str(exc)) from None
    for number, (name, colour, lines) in enumerate(layers, start=first_layer):
        document.add(vp.LineCollection(lines), number)
        layer = document.layers[number]
        layer.set_property(vp.METADATA_FIELD_NAME, name)
        layer.set_property(vp.METADATA_FIELD_COLOR, vp.Color(colour))
    if document.page_size is None:   # the canopy's square, for tools that need a page (gwrite)
        side = float(Design.create(size=size).size or 200.0) * _PX_PER_MM
        document.page_size = (side, side)
    return document
