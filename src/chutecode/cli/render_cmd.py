"""``chutecode render``: draw a canopy as SVG, PNG, PDF, EPS or PS."""

from __future__ import annotations

import sys
from typing import Any

import click

from chutecode import PERSEVERANCE_MESSAGE, PERSEVERANCE_PLACE
from chutecode.cli.options import scheme_options
from chutecode.cli.page_options import page_options, page_render_options
from chutecode.coordinates import Coordinates
from chutecode.encoder import encode
from chutecode.geometry import EQUAL, STYLES
from chutecode.layout import Layout
from chutecode.palette import PALETTES, ROLES
from chutecode.renderers import (
    available_formats,
    broken_renderers,
    get_renderer,
    make_drawing,
    numbered_paths,
    render,
)

__all__ = ["command", "DEFAULT_OUTPUT", "parse_colour_options"]

#: Output file when -o is not given (``canopy.<ext>`` with --format).
DEFAULT_OUTPUT = "canopy.png"


def parse_colour_options(values: tuple[str, ...]) -> dict[str, str]:
    """``("one=#DF6A33", "rings=red,gold")`` -> ``{"one": "#DF6A33", "rings": "red,gold"}``."""
    out: dict[str, str] = {}
    allowed = [*ROLES, "rings"]
    for item in values:
        role, sep, colour = item.partition("=")
        role = role.strip().lower()
        if not sep or role not in allowed or not colour.strip():
            raise click.BadParameter(f"{item!r} is not ROLE=COLOUR with ROLE one of {', '.join(allowed)}",
                                     param_hint="--colour")
        out[role] = colour.strip()
    return out


def _list_formats(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    for name, info in available_formats().items():
        exts = ", ".join("." + e for e in info.extensions)
        click.echo(f"{name:<8} {exts:<14} {info.description or info.origin}")
    for name, reason in broken_renderers().items():
        click.echo(f"{name:<8} (broken plugin) {reason}")
    ctx.exit(0)


@click.command("render")
@click.argument("message", required=False)
@scheme_options
@click.option("--layout", "layout_file", metavar="FILE.json",
              help="Draw a layout written by 'chutecode encode -f json' instead of encoding MESSAGE.")
@click.option("--output", "-o", metavar="FILE",
              help=f"Output file; its extension picks the format [default: {DEFAULT_OUTPUT}, or "
                   "canopy.FORMAT with --format]. '-' writes to standard output (needs --format).")
@click.option("--format", "-f", "fmt", metavar="FORMAT",
              help="svg, png, pdf, eps, ps, tiff, jpeg (CMYK, need --cmyk-profile) or a plugin's "
                   "(default: from the output's extension).")
@click.option("--style", type=click.Choice(list(STYLES)), default="dgb", show_default=True,
              help="dgb: disk, gap and band as on Perseverance; disk: rings edge to edge.")
@click.option("--equal", type=click.Choice(list(EQUAL)), default="width", show_default=True,
              help="For --style disk: rings of equal width or equal area.")
@click.option("--palette", "-p", metavar="NAME",
              help=f"Colours: {', '.join(PALETTES)} [default: perseverance, explain with --annotate].")
@click.option("--colour", "--color", "colours", multiple=True, metavar="ROLE=COLOUR",
              help="Change a colour of the palette, e.g. one=#DF6A33, background=black or "
                   "rings=red,gold,teal (per-ring 'one' colours); repeatable.")
@click.option("--size", "-s", metavar="LENGTH",
              help="Canopy diameter: 20cm, 24in, 7200px (px at --dpi), 600pt [default: 200mm, the page "
                   "side; with --page, as large as fits].")
@click.option("--dpi", type=float, default=300, show_default=True, help="Pixels per inch of PNG output.")
@click.option("--start-angle", type=float, default=0.0, show_default=True,
              help="Degrees clockwise from 12 o'clock where the leading edge of gore 0 sits.")
@click.option("--gore-offset", type=int, default=0, show_default=True,
              help="Turn the code clockwise by whole gores (the real canopy: 1).")
@click.option("--seam-width", metavar="LENGTH",
              help="Seam lines: 0 for none, or a length such as 0.3mm [default: 0.12% of --size].")
@click.option("--seam-colour", "--seam-color", "seam_colour", metavar="COLOUR", help="Seam colour.")
@click.option("--vent", type=float, help="Vent radius as a fraction of the canopy radius [default: 0.09].")
@click.option("--annotate", is_flag=True,
              help="Write each symbol on its group and tint spacer, terminator and fill gores.")
@click.option("--no-merge", is_flag=True, help="One shape a gore instead of runs of equal colour.")
@click.option("--list-formats", is_flag=True, is_eager=True, expose_value=False, callback=_list_formats,
              help="List the output formats (built-in and plugins) and exit.")
@page_options
@click.option("--quiet", "-q", is_flag=True, help="Do not report what was written.")
def command(message: str | None, coords: str | None, codec: str, flow: str, rings: int | None, gores: int,
            group: int, spacer: int | None, transliterate: bool, strict: bool, layout_file: str | None,
            output: str | None, fmt: str | None, style: str, equal: str, palette: str | None,
            colours: tuple[str, ...], size: str | None, dpi: float, start_angle: float, gore_offset: int,
            seam_width: str | None, seam_colour: str | None, vent: float | None, annotate: bool,
            no_merge: bool, quiet: bool, **page_values: Any) -> None:
    """Draw MESSAGE (and a place) as a parachute canopy.

    Without MESSAGE it draws the Perseverance canopy: DARE MIGHTY THINGS and
    34°11'58"N 118°10'31"W (JPL). With MESSAGE the place is only drawn when
    --coords is given ('--coords none' leaves it out of the default design).

    \b
    Examples:
      chutecode render -o poster.pdf
      chutecode render "HELLO MARS" --coords "18.44N 77.45E" -o hello.svg --palette midnight
      chutecode render --annotate -o classroom.png --size 24in --dpi 150
      chutecode render --page a3 --caption --subtitle --legend -o poster.pdf
      chutecode render --page a3 --bleed 3mm --crop-marks --caption -o print.pdf
      chutecode render --worksheet -o worksheet.pdf
    """
    if layout_file is not None:
        if message is not None:
            raise click.UsageError("give MESSAGE or --layout, not both")
        with open(layout_file, encoding="utf-8") as handle:
            layout = Layout.from_json(handle.read())
    else:
        place: str | Coordinates | None = coords
        if message is None:
            message = PERSEVERANCE_MESSAGE
            place = PERSEVERANCE_PLACE if coords is None else coords
        if isinstance(place, str) and place.strip().lower() in ("", "none"):
            place = None
        layout = encode(message, place, codec=codec, flow=flow, rings=rings, gores=gores, group=group,
                        spacer=spacer, transliterate=transliterate, strict=strict)

    custom = parse_colour_options(colours)
    palette_spec: Any = palette
    if custom:
        base = palette or ("explain" if annotate else "perseverance")
        palette_spec = {"base": base, **custom}
    options: dict[str, Any] = {
        "style": style, "palette": palette_spec, "size": size, "dpi": dpi, "start_angle": start_angle,
        "gore_offset": gore_offset, "vent": vent, "annotate": annotate, "merge": not no_merge,
    }
    if style == "disk":
        options["equal"] = equal
    if seam_width is not None:
        options["seam_width"] = seam_width
    if seam_colour is not None:
        options["seam_colour"] = seam_colour
    options.update(page_render_options(page_values))

    if output == "-":
        if fmt is None:
            raise click.UsageError("-o - (standard output) needs --format")
        render(layout, sys.stdout.buffer, format=fmt, **options)
        sys.stdout.flush()
        return
    if output is None:
        output = DEFAULT_OUTPUT if fmt is None else f"canopy.{get_renderer(fmt).extensions[0]}"
    render(layout, output, format=fmt, **options)
    if not quiet:
        click.echo(_report(layout, output, fmt, options), err=True)


def _report(layout: Layout, output: str, fmt: str | None, options: dict[str, Any]) -> str:
    """What was written: files, sizes and, for images, pixels."""
    name = get_renderer(fmt).name if fmt else get_renderer(output.rsplit(".", 1)[-1]).name
    if options.get("worksheet"):
        first = {k: v for k, v in options.items() if k != "worksheet"}
        drawing = make_drawing(layout, **first, worksheet="questions")
        files = output if name == "pdf" else " and ".join(numbered_paths(output, 2))
        return f"wrote {files} (worksheet and answer key, {_detail(drawing, name)})"
    drawing = make_drawing(layout, **options)
    return (f"wrote {output} ({_detail(drawing, name)}, {drawing.geometry.style.name} style, "
            f"{drawing.palette.name} palette)")


def _detail(drawing: Any, name: str) -> str:
    from chutecode.renderers.cairo import raster_pixels

    page = drawing.page()
    size = f"{page.width:g} x {page.height:g} mm" if page.width != page.height else f"{page.width:g} mm"
    if page.offset:
        size += f" + {page.bleed:g} mm bleed" + (" + crop marks" if page.slug else "")
    if name in ("png", "tiff", "jpeg"):
        width, height = raster_pixels(drawing)
        return f"{width}x{height} px, {size} at {drawing.dpi:g} dpi"
    return size
