"""``chutecode render``: draw a canopy as SVG, PNG, PDF, EPS or PS."""

from __future__ import annotations

import sys
from typing import Any

import click

from chutecode.cli.design_options import create_design, design_options, design_values
from chutecode.cli.options import layout_from_arguments, scheme_options
from chutecode.drawing.drawing import Drawing
from chutecode.renderers.api import draw_pages, render_drawings
from chutecode.renderers.registry import available_formats, broken_renderers, get_renderer

__all__ = ["command", "DEFAULT_OUTPUT"]

#: Output file when -o is not given (``canopy.<ext>`` with --format).
DEFAULT_OUTPUT = "canopy.png"


def _list_formats(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    for name, info in available_formats().items():
        exts = ", ".join("." + e for e in info.extensions)
        click.echo(f"{name:<12} {exts:<14} {info.description or info.origin}")
    for name, reason in broken_renderers().items():
        click.echo(f"{name:<12} (broken plugin) {reason}")
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
@click.option("--list-formats", is_flag=True, is_eager=True, expose_value=False, callback=_list_formats,
              help="List the output formats (built-in and plugins) and exit.")
@design_options
@click.option("--quiet", "-q", is_flag=True, help="Do not report what was written.")
def command(message: str | None, coords: str | None, codec: str, flow: str, rings: int | None, gores: int,
            group: int, spacer: int | None, transliterate: bool, strict: bool, layout_file: str | None,
            output: str | None, fmt: str | None, quiet: bool, **values: Any) -> None:
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
    layout = layout_from_arguments(message, layout_file, coords, codec=codec, flow=flow, rings=rings,
                                   gores=gores, group=group, spacer=spacer, transliterate=transliterate,
                                   strict=strict)

    design = create_design(design_values(values))
    if output == "-":
        if fmt is None:
            raise click.UsageError("-o - (standard output) needs --format")
        target: Any = sys.stdout.buffer
    else:
        target = output or (DEFAULT_OUTPUT if fmt is None else _default_output(fmt))
    info, drawings = draw_pages(layout, target, design, format=fmt)
    written = render_drawings(drawings, target, format=info.name)
    if output == "-":
        sys.stdout.flush()
    elif not quiet:
        click.echo(_report(drawings[0], written, info.name, worksheet=design.worksheet is True), err=True)


def _default_output(fmt: str) -> str:
    """``canopy.<ext>`` for a format, which must have a file extension of its own."""
    info = get_renderer(fmt)
    if not info.extensions:
        raise click.UsageError(f"format {info.name!r} has no file extension of its own: give the output "
                               "file with -o (e.g. -o canopy.svg)")
    return f"canopy.{info.extensions[0]}"


def _report(drawing: Drawing, written: list[str], name: str, *, worksheet: bool) -> str:
    """What was written: files, sizes and, for images, pixels."""
    files = " and ".join(written)
    if worksheet:
        return f"wrote {files} (worksheet and answer key, {_detail(drawing, name)})"
    return (f"wrote {files} ({_detail(drawing, name)}, {drawing.geometry.style.name} style, "
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
    if name in ("gif", "apng"):
        from chutecode.renderers.animation import frame_pixels

        width, height, _ = frame_pixels(drawing)
        timing = drawing.timing
        return (f"{timing.frames + 1} frames, {width}x{height} px, read in {timing.duration:g} s at "
                f"{timing.frame_rate:g} frames a second, held {timing.hold:g} s")
    return size
